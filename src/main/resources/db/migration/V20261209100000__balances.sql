-- Balances (ADR 0027): a payment is received by an issuer from a buyer and allocated to that buyer's invoices; what
-- is not allocated is the buyer's credit with the issuer, kept in the pair's balance row. Payments, allocations,
-- refunds and write-offs are append-only rows; only an invoice's payment state (status, paid, credited, written_off)
-- and the balance row's credit move.

-- A payment belongs to an issuer-buyer pair in one currency; invoice_id is the invoice it was recorded for, if any
-- (POST /invoices/{id}/payments); what it paid is in payment_allocation.
ALTER TABLE payment ADD COLUMN issuer_id uuid REFERENCES account (id);
ALTER TABLE payment ADD COLUMN issuer_path text COLLATE "C";
ALTER TABLE payment ADD COLUMN buyer_id uuid REFERENCES account (id);
ALTER TABLE payment ADD COLUMN buyer_path text COLLATE "C";
ALTER TABLE payment ADD COLUMN currency char(3);
ALTER TABLE payment ADD COLUMN method text NOT NULL DEFAULT 'BANK_TRANSFER'
    CHECK (method IN ('BANK_TRANSFER', 'DIRECT_DEBIT', 'ONLINE', 'CARD', 'CASH', 'CHEQUE', 'OTHER'));
ALTER TABLE payment ALTER COLUMN invoice_id DROP NOT NULL;

ALTER TABLE payment DISABLE TRIGGER payment_append_only;
UPDATE payment p SET issuer_id = i.issuer_id, issuer_path = i.issuer_path, buyer_id = i.buyer_id,
                     buyer_path = i.buyer_path, currency = i.currency
FROM invoice i WHERE i.id = p.invoice_id;
ALTER TABLE payment ENABLE TRIGGER payment_append_only;

ALTER TABLE payment ALTER COLUMN issuer_id SET NOT NULL;
ALTER TABLE payment ALTER COLUMN issuer_path SET NOT NULL;
ALTER TABLE payment ALTER COLUMN buyer_id SET NOT NULL;
ALTER TABLE payment ALTER COLUMN buyer_path SET NOT NULL;
ALTER TABLE payment ALTER COLUMN currency SET NOT NULL;
CREATE INDEX payment_pair ON payment (issuer_id, buyer_id, paid_on, id);

-- Money moved between the pair's credit and an invoice: positive takes credit (or a payment's rest) to the invoice,
-- negative gives it back to the credit. payment_id: the payment recorded with it, when there was one.
CREATE TABLE payment_allocation (
    id          uuid           PRIMARY KEY,
    invoice_id  uuid           NOT NULL REFERENCES invoice (id),
    issuer_id   uuid           NOT NULL REFERENCES account (id),
    buyer_id    uuid           NOT NULL REFERENCES account (id),
    currency    char(3)        NOT NULL,
    amount      numeric(19, 4) NOT NULL CHECK (amount <> 0),
    payment_id  uuid           REFERENCES payment (id),
    source      text           NOT NULL CHECK (source IN ('PAYMENT', 'CREDIT', 'RUN', 'UNALLOCATE')),
    recorded_by uuid,
    created_at  timestamptz    NOT NULL
);
CREATE INDEX payment_allocation_invoice ON payment_allocation (invoice_id);
CREATE INDEX payment_allocation_pair ON payment_allocation (issuer_id, buyer_id);

-- Credit paid back to the buyer.
CREATE TABLE credit_refund (
    id          uuid           PRIMARY KEY,
    issuer_id   uuid           NOT NULL REFERENCES account (id),
    issuer_path text COLLATE "C" NOT NULL,
    buyer_id    uuid           NOT NULL REFERENCES account (id),
    buyer_path  text COLLATE "C" NOT NULL,
    currency    char(3)        NOT NULL,
    amount      numeric(19, 4) NOT NULL CHECK (amount > 0),
    refunded_on date           NOT NULL,
    reference   varchar(200),
    method      text           NOT NULL CHECK (method IN ('BANK_TRANSFER', 'DIRECT_DEBIT', 'ONLINE', 'CARD', 'CASH', 'CHEQUE', 'OTHER')),
    recorded_by uuid,
    created_at  timestamptz    NOT NULL
);
CREATE INDEX credit_refund_pair ON credit_refund (issuer_id, buyer_id, refunded_on, id);

-- What a person gave up collecting of an invoice: all that was due when it was written off (once per invoice).
CREATE TABLE invoice_write_off (
    id          uuid           PRIMARY KEY,
    invoice_id  uuid           NOT NULL UNIQUE REFERENCES invoice (id),
    issuer_id   uuid           NOT NULL REFERENCES account (id),
    buyer_id    uuid           NOT NULL REFERENCES account (id),
    currency    char(3)        NOT NULL,
    amount      numeric(19, 4) NOT NULL CHECK (amount > 0),
    written_on  date           NOT NULL,
    reason      varchar(500)   NOT NULL,
    recorded_by uuid,
    created_at  timestamptz    NOT NULL
);
CREATE INDEX invoice_write_off_pair ON invoice_write_off (issuer_id, buyer_id);

-- The pair's balance row: its unallocated credit (payments − refunds + credit notes not against an invoice −
-- allocations), locked by every change of the pair's money so that two writers never allocate the same credit.
CREATE TABLE buyer_balance (
    issuer_id  uuid           NOT NULL REFERENCES account (id),
    buyer_id   uuid           NOT NULL REFERENCES account (id),
    currency   char(3)        NOT NULL,
    credit     numeric(19, 4) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    updated_at timestamptz    NOT NULL,
    PRIMARY KEY (issuer_id, buyer_id, currency)
);
CREATE INDEX buyer_balance_with_credit ON buyer_balance (buyer_id, issuer_id) WHERE credit > 0;

CREATE TRIGGER payment_allocation_append_only BEFORE UPDATE OR DELETE ON payment_allocation
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();
CREATE TRIGGER credit_refund_append_only BEFORE UPDATE OR DELETE ON credit_refund
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();
CREATE TRIGGER invoice_write_off_append_only BEFORE UPDATE OR DELETE ON invoice_write_off
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();

-- The invoice's payment state: what was written off, and the status UNCOLLECTIBLE.
ALTER TABLE invoice ADD COLUMN written_off numeric(19, 4) NOT NULL DEFAULT 0;
ALTER TABLE invoice DROP CONSTRAINT invoice_status_check;
ALTER TABLE invoice ADD CONSTRAINT invoice_status_check CHECK (status IN ('OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE'));

-- Payments recorded before: each paid its invoice in full.
INSERT INTO payment_allocation (id, invoice_id, issuer_id, buyer_id, currency, amount, payment_id, source,
                                recorded_by, created_at)
SELECT p.id, p.invoice_id, p.issuer_id, p.buyer_id, p.currency, p.amount, p.id, 'PAYMENT', p.recorded_by, p.created_at
FROM payment p;
-- Credit notes a run issued (not against an invoice) are the buyer's credit from now on.
INSERT INTO buyer_balance (issuer_id, buyer_id, currency, credit, updated_at)
SELECT issuer_id, buyer_id, currency, -sum(total), now() FROM invoice
WHERE kind = 'CREDIT_NOTE' AND credited_invoice_id IS NULL
GROUP BY issuer_id, buyer_id, currency HAVING sum(total) < 0;
