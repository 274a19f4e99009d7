-- User kinds (ADR 0009): staff members, customer users of a vendor account, service users of a customer account.
-- Existing users are staff members.
ALTER TABLE app_user ADD COLUMN kind text NOT NULL DEFAULT 'STAFF'
    CHECK (kind IN ('STAFF', 'CUSTOMER_USER', 'SERVICE_USER'));

-- The customers a customer user is assigned to: customers whose vendor is the user's own account (checked by the
-- service that writes it). The user's scope is the union of these customers' subtrees.
CREATE TABLE customer_user_customer (
    user_id      uuid NOT NULL REFERENCES app_user (id),
    customer_id  uuid NOT NULL REFERENCES account (id),
    PRIMARY KEY (user_id, customer_id)
);
CREATE INDEX customer_user_customer_customer ON customer_user_customer (customer_id);
