-- Bank statements (issue 17, docs/billing.md "Bank statements"): an issuer imports its bank's statement (camt.053 or
-- CSV); each credit is one entry, matched to the issuer's open invoices and recorded as a payment through billing, or
-- left UNMATCHED for a person to assign to a buyer or to ignore. Every entry has a stable identity per issuer
-- (entry_key: the bank's reference, else a digest of what the bank said), unique: a statement imported twice records
-- nothing twice; the second import's entries are DUPLICATE rows without a key, pointing at the first.
CREATE TABLE bank_statement (
    id              uuid PRIMARY KEY,
    issuer_id       uuid NOT NULL REFERENCES account (id),
    issuer_path     text COLLATE "C" NOT NULL,
    format          text NOT NULL CHECK (format IN ('CAMT_053', 'CSV')),
    message_version text,
    file_name       text,
    bank_statement_id text,
    account_iban    text,
    entry_count     integer NOT NULL,
    matched         integer NOT NULL,
    unmatched       integer NOT NULL,
    duplicates      integer NOT NULL,
    ignored         integer NOT NULL,
    imported_by     uuid NOT NULL,
    imported_at     timestamptz NOT NULL
);
CREATE INDEX bank_statement_issuer ON bank_statement (issuer_id, imported_at DESC, id DESC);

CREATE TABLE bank_statement_entry (
    id                uuid PRIMARY KEY,
    statement_id      uuid NOT NULL REFERENCES bank_statement (id),
    issuer_id         uuid NOT NULL,
    position          integer NOT NULL,
    entry_key         text,
    booking_date      date NOT NULL,
    amount            numeric(19, 4) NOT NULL CHECK (amount >= 0),
    currency          char(3) NOT NULL,
    direction         text NOT NULL CHECK (direction IN ('CREDIT', 'DEBIT')),
    booked            boolean NOT NULL,
    counterparty_name text,
    counterparty_iban text,
    remittance        text,
    bank_reference    text,
    status            text NOT NULL CHECK (status IN ('MATCHED', 'UNMATCHED', 'ASSIGNED', 'IGNORED', 'DUPLICATE')),
    matched_by        text CHECK (matched_by IN ('NUMBER', 'REFERENCE', 'AMOUNT', 'PERSON')),
    buyer_id          uuid,
    invoice_ids       uuid[],
    payment_id        uuid,
    duplicate_of      uuid,
    note              text,
    decided_by        uuid,
    decided_at        timestamptz,
    version           integer NOT NULL DEFAULT 0,
    CHECK ((status = 'DUPLICATE') = (duplicate_of IS NOT NULL)),
    CHECK ((status IN ('MATCHED', 'ASSIGNED')) = (payment_id IS NOT NULL))
);
CREATE UNIQUE INDEX bank_statement_entry_key ON bank_statement_entry (issuer_id, entry_key) WHERE entry_key IS NOT NULL;
CREATE INDEX bank_statement_entry_statement ON bank_statement_entry (statement_id, position);
CREATE INDEX bank_statement_entry_queue ON bank_statement_entry (issuer_id, status, booking_date, id);

-- Payment intake reads an issuer's open invoices at once (Balances.openInvoices): without this it would read every
-- invoice the issuer ever issued.
CREATE INDEX invoice_issuer_open ON invoice (issuer_id, due_date) WHERE kind = 'INVOICE' AND status = 'OPEN';
