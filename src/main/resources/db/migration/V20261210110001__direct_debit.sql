-- SEPA Direct Debit (ADR 0030): an issuer's creditor identifier, its buyers' mandates, and collection runs with one
-- item per collected invoice. The run's pain.008 file is kept as it was written, to be downloaded again.

-- The issuer's SEPA creditor identifier (one per issuer).
CREATE TABLE direct_debit_creditor (
    issuer_id   uuid         PRIMARY KEY REFERENCES account (id),
    creditor_id varchar(35)  NOT NULL,
    updated_by  uuid,
    updated_at  timestamptz  NOT NULL
);

-- A buyer's mandate for its issuer: the mandate reference (unique per issuer), the day it was signed, the debtor's
-- name and account, where it is in its sequence (FRST until a collection with it was confirmed, then RCUR), its status.
CREATE TABLE direct_debit_mandate (
    id            uuid             PRIMARY KEY,
    issuer_id     uuid             NOT NULL REFERENCES account (id),
    issuer_path   text COLLATE "C" NOT NULL,
    buyer_id      uuid             NOT NULL REFERENCES account (id),
    buyer_path    text COLLATE "C" NOT NULL,
    reference     varchar(35)      NOT NULL,
    signed_on     date             NOT NULL,
    debtor_name   varchar(70)      NOT NULL,
    iban          varchar(34)      NOT NULL,
    bic           varchar(11),
    sequence      text             NOT NULL CHECK (sequence IN ('FRST', 'RCUR')),
    status        text             NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
    revoked_at    timestamptz,
    revoked_by    uuid,
    revoke_reason varchar(200),
    created_by    uuid,
    created_at    timestamptz      NOT NULL,
    UNIQUE (issuer_id, reference)
);
-- At most one active mandate per pair: the one a collection uses.
CREATE UNIQUE INDEX direct_debit_mandate_active ON direct_debit_mandate (issuer_id, buyer_id) WHERE status = 'ACTIVE';
CREATE INDEX direct_debit_mandate_buyer ON direct_debit_mandate (buyer_id);

-- A collection run of an issuer: the requested collection day and the pain.008 file written for it. PENDING until the
-- issuer confirms it was collected (then COLLECTED: every item's payment is recorded).
CREATE TABLE direct_debit_collection (
    id              uuid             PRIMARY KEY,
    issuer_id       uuid             NOT NULL REFERENCES account (id),
    issuer_path     text COLLATE "C" NOT NULL,
    collection_date date             NOT NULL,
    status          text             NOT NULL CHECK (status IN ('PENDING', 'COLLECTED')),
    currency        char(3)          NOT NULL,
    item_count      integer          NOT NULL CHECK (item_count > 0),
    control_sum     numeric(19, 4)   NOT NULL,
    message_id      varchar(35)      NOT NULL UNIQUE,
    file            text             NOT NULL,
    created_by      uuid,
    created_at      timestamptz      NOT NULL,
    confirmed_by    uuid,
    confirmed_at    timestamptz
);
CREATE INDEX direct_debit_collection_issuer ON direct_debit_collection (issuer_id, created_at, id);

-- One invoice collected by a run: PENDING, COLLECTED (its payment recorded) or RETURNED (the payment returned).
CREATE TABLE direct_debit_collection_item (
    id            uuid             PRIMARY KEY,
    collection_id uuid             NOT NULL REFERENCES direct_debit_collection (id),
    issuer_id     uuid             NOT NULL REFERENCES account (id),
    buyer_id      uuid             NOT NULL REFERENCES account (id),
    buyer_path    text COLLATE "C" NOT NULL,
    invoice_id    uuid             NOT NULL, -- billing's invoice, read through billing.api
    invoice_number text             NOT NULL,
    mandate_id    uuid             NOT NULL REFERENCES direct_debit_mandate (id),
    sequence      text             NOT NULL CHECK (sequence IN ('FRST', 'RCUR')),
    amount        numeric(19, 4)   NOT NULL CHECK (amount > 0),
    status        text             NOT NULL CHECK (status IN ('PENDING', 'COLLECTED', 'RETURNED')),
    payment_id    uuid,
    return_id     uuid,
    return_reason text,
    returned_on   date
);
CREATE INDEX direct_debit_collection_item_run ON direct_debit_collection_item (collection_id);
-- An invoice is in at most one pending collection.
CREATE UNIQUE INDEX direct_debit_collection_item_pending ON direct_debit_collection_item (invoice_id)
    WHERE status = 'PENDING';
