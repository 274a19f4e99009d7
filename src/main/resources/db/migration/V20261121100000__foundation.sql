-- Foundation: the account tree, identity, audit log, idempotency records.
-- See docs/adr/0002-account-tree-storage.md for why the tree is a materialized path.

CREATE TABLE platform_settings (
    id                       smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    enabled_reseller_models  text[]      NOT NULL DEFAULT '{PREPAID,COMMISSION}',
    max_reseller_depth       integer     NOT NULL DEFAULT 5 CHECK (max_reseller_depth BETWEEN 1 AND 20),
    version                  integer     NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
INSERT INTO platform_settings DEFAULT VALUES;

CREATE SEQUENCE account_seq;

CREATE TABLE account (
    id                        uuid         PRIMARY KEY,
    seq                       bigint       NOT NULL UNIQUE,
    -- materialized path: base-36 seq of every ancestor and of the account itself, each followed by '.'
    path                      text COLLATE "C" NOT NULL UNIQUE,
    type                      text         NOT NULL CHECK (type IN ('PROVIDER', 'RESELLER', 'CUSTOMER')),
    vendor_id                 uuid         REFERENCES account (id),
    level                     integer      NOT NULL CHECK (level >= 0),
    status                    text         NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'TERMINATED')),
    suspended_by              uuid,
    status_before_suspension  text,
    company_name              varchar(200) NOT NULL,
    customer_number           varchar(64)  NOT NULL,
    street                    varchar(200),
    city                      varchar(100),
    postal_code               varchar(20),
    country                   char(2),
    phone                     varchar(40),
    homepage                  varchar(255),
    revenue_amount            numeric(19, 4),
    revenue_currency          char(3),
    tax_id                    varchar(64),
    contact_name              varchar(200),
    contact_email             varchar(254),
    contact_phone             varchar(40),
    signature_billing         varchar(2000),
    signature_support         varchar(2000),
    signature_sales           varchar(2000),
    currency                  char(3)      NOT NULL,
    locale                    varchar(35)  NOT NULL,
    time_zone                 varchar(64)  NOT NULL,
    bill_cycle_day            integer      NOT NULL CHECK (bill_cycle_day BETWEEN 1 AND 28),
    billable                  boolean,
    reseller_model            text CHECK (reseller_model IN ('PREPAID', 'COMMISSION')),
    customer_invoicing        boolean,
    customer_invoice_format   text CHECK (customer_invoice_format IN ('RAW', 'PDF', 'BOTH')),
    customer_bill_cycle_day   integer CHECK (customer_bill_cycle_day BETWEEN 1 AND 28),
    next_customer_number      bigint       NOT NULL DEFAULT 1,
    version                   integer      NOT NULL DEFAULT 0,
    created_at                timestamptz  NOT NULL,
    updated_at                timestamptz  NOT NULL,
    CONSTRAINT account_vendor_customer_number UNIQUE (vendor_id, customer_number),
    CONSTRAINT account_provider_has_no_vendor CHECK ((type = 'PROVIDER') = (vendor_id IS NULL)),
    CONSTRAINT account_reseller_profile CHECK ((type = 'RESELLER') = (reseller_model IS NOT NULL))
);
CREATE UNIQUE INDEX account_one_provider ON account ((true)) WHERE type = 'PROVIDER';
-- subtree pages: equality on the filters, then a range scan on the path prefix in tree order
CREATE INDEX account_type_status_path ON account (type, status, path);
CREATE INDEX account_status_path ON account (status, path);
CREATE INDEX account_type_path ON account (type, path);
CREATE INDEX account_vendor_path ON account (vendor_id, path);

CREATE TABLE role (
    id          uuid         PRIMARY KEY,
    account_id  uuid         REFERENCES account (id),   -- null: built-in, offered to every account
    code        varchar(64)  NOT NULL,
    name        varchar(200) NOT NULL,
    privileges  text[]       NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX role_builtin_code ON role (code) WHERE account_id IS NULL;
CREATE UNIQUE INDEX role_account_code ON role (account_id, code) WHERE account_id IS NOT NULL;

CREATE TABLE app_user (
    id             uuid         PRIMARY KEY,
    account_id     uuid         NOT NULL REFERENCES account (id),
    email          varchar(254) NOT NULL,
    name           varchar(200) NOT NULL,
    password_hash  varchar(100),
    status         text         NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED')),
    version        integer      NOT NULL DEFAULT 0,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    last_login_at  timestamptz
);
CREATE UNIQUE INDEX app_user_account_email ON app_user (account_id, lower(email));
CREATE INDEX app_user_email ON app_user (lower(email));

CREATE TABLE user_role (
    user_id  uuid NOT NULL REFERENCES app_user (id),
    role_id  uuid NOT NULL REFERENCES role (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE api_token (
    id          uuid         PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES app_user (id),
    token_hash  bytea        NOT NULL UNIQUE,   -- SHA-256 of the token; the token itself is never stored
    name        varchar(100) NOT NULL,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id, created_at);

CREATE TABLE invitation (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id),
    token_hash  bytea       NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

CREATE TABLE login_throttle (
    key               varchar(300) PRIMARY KEY,   -- 'login:<email>' or 'address:<ip>'
    failures          integer      NOT NULL,
    window_started_at timestamptz  NOT NULL,
    blocked_until     timestamptz
);

CREATE TABLE audit_event (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at       timestamptz  NOT NULL,
    actor_user_id     uuid,
    actor_account_id  uuid,          -- the acting user's own account
    on_behalf_of_account_id uuid,    -- set when a vendor's staff acted as an account below
    target_account_id uuid         NOT NULL,
    target_path       text COLLATE "C" NOT NULL,
    action            varchar(64)  NOT NULL,
    before            jsonb,
    after             jsonb,
    request_id        varchar(64)
);
CREATE INDEX audit_event_path ON audit_event (target_path, id);
CREATE INDEX audit_event_target ON audit_event (target_account_id, id);
CREATE INDEX audit_event_actor ON audit_event (actor_user_id, id);

-- the audit log is append-only: no row is ever updated or deleted
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TABLE idempotency_record (
    user_id        uuid         NOT NULL,
    key            varchar(200) NOT NULL,
    request_hash   bytea        NOT NULL,
    completed      boolean      NOT NULL DEFAULT false,
    status         integer,
    content_type   varchar(200),
    location       varchar(2000),
    etag           varchar(200),
    body           bytea,
    created_at     timestamptz  NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
