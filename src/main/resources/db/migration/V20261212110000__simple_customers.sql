-- Simple customers of a standard account (issue 19, seed 004, ADR 0037). A standard account (a customer its vendor
-- bills) hands the SIMs assigned to it on to its simple customers: the SIM stays assigned to the standard account
-- (counted on its iot subscription, billed to it) and is also held by the simple customer, whose users see it.
ALTER TABLE asset ADD COLUMN simple_customer_id uuid REFERENCES account (id),
                  ADD COLUMN simple_customer_path text COLLATE "C";
ALTER TABLE asset ADD CONSTRAINT asset_simple_customer
    CHECK ((simple_customer_id IS NULL) = (simple_customer_path IS NULL)
           AND (simple_customer_id IS NULL OR customer_id IS NOT NULL));
-- a simple customer's SIMs (its own list, its customer users' lists)
CREATE INDEX asset_simple_customer_iccid ON asset (simple_customer_path, iccid) WHERE simple_customer_path IS NOT NULL;

-- Data usage per SIM as recorded through POST /api/v1/assets/usage, with whom the SIM served at that moment, so that
-- a standard account sees its usage per simple customer. Keyed like usage_record (subscription, submitter, record
-- id), so that a record the usage module takes as a duplicate is a duplicate here too; no foreign keys (ADR 0012).
CREATE TABLE sim_usage (
    subscription_id     uuid           NOT NULL,
    submitter_id        uuid           NOT NULL,
    record_id           varchar(100)   NOT NULL,
    asset_id            uuid           NOT NULL,
    -- the customer the SIM is assigned to, and the simple customer of that customer holding it (or null)
    customer_id         uuid           NOT NULL,
    simple_customer_id  uuid,
    quantity            numeric(19, 4) NOT NULL,
    occurred_at         timestamptz    NOT NULL,
    PRIMARY KEY (subscription_id, submitter_id, record_id)
);
CREATE INDEX sim_usage_customer ON sim_usage (customer_id, occurred_at);
