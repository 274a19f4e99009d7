-- A returned payment (ADR 0030): a direct debit the buyer's bank sent back (an R-transaction, with its ISO reason
-- code). Once per payment; it reverses the payment in the pair's ledger: what the payment paid of its invoices is taken
-- back (allocation rows of source RETURN, naming the payment), the rest comes out of the buyer's credit, and what the
-- credit no longer holds is taken back from the invoices the credit paid since, newest due first.
CREATE TABLE payment_return (
    id          uuid           PRIMARY KEY,
    payment_id  uuid           NOT NULL UNIQUE REFERENCES payment (id),
    issuer_id   uuid           NOT NULL REFERENCES account (id),
    buyer_id    uuid           NOT NULL REFERENCES account (id),
    currency    char(3)        NOT NULL,
    amount      numeric(19, 4) NOT NULL CHECK (amount > 0),
    returned_on date           NOT NULL,
    reason      varchar(200)   NOT NULL,
    recorded_by uuid,
    created_at  timestamptz    NOT NULL
);
CREATE INDEX payment_return_pair ON payment_return (issuer_id, buyer_id);

CREATE TRIGGER payment_return_append_only BEFORE UPDATE OR DELETE ON payment_return
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();

ALTER TABLE payment_allocation DROP CONSTRAINT payment_allocation_source_check;
ALTER TABLE payment_allocation ADD CONSTRAINT payment_allocation_source_check
    CHECK (source IN ('PAYMENT', 'CREDIT', 'RUN', 'UNALLOCATE', 'RETURN'));
