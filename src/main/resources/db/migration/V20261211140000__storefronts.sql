-- Storefronts and sign-up (issue 18, ADR 0034).

-- storefront: a vendor's public storefront settings. slug names it in /store/{slug} (never the account id);
-- shown_plans null means every published end-customer plan the vendor sells; form_secret keys the HMAC of its order
-- forms' tokens.
CREATE TABLE storefront (
    account_id   uuid             PRIMARY KEY REFERENCES account (id),
    account_path text COLLATE "C" NOT NULL,
    slug         varchar(63)      NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
    enabled      boolean          NOT NULL,
    title        varchar(100)     NOT NULL,
    intro        varchar(2000),
    approval     text             NOT NULL CHECK (approval IN ('AUTOMATIC', 'MANUAL')),
    shown_plans  uuid[],
    form_secret  bytea            NOT NULL,
    version      bigint           NOT NULL DEFAULT 0,
    updated_at   timestamptz      NOT NULL
);

-- storefront: a sign-up from a storefront's order form, until it is confirmed by e-mail and then activated or decided
-- by the vendor. Nothing else exists for it before activation; account_id names the account it became.
CREATE TABLE storefront_application (
    id                 uuid             PRIMARY KEY,
    vendor_id          uuid             NOT NULL REFERENCES account (id),
    vendor_path        text COLLATE "C" NOT NULL,
    status             text             NOT NULL CHECK (status IN ('UNCONFIRMED', 'PENDING_APPROVAL', 'ACTIVATED',
                                                                   'REJECTED', 'EXPIRED')),
    company_name       varchar(200)     NOT NULL,
    country            char(2)          NOT NULL,
    contact_name       varchar(200)     NOT NULL,
    email              varchar(254)     NOT NULL,
    language           varchar(8)       NOT NULL,
    plan_id            uuid             NOT NULL,
    resources          jsonb            NOT NULL DEFAULT '[]',
    client_address     varchar(64)      NOT NULL,
    confirm_token_hash char(64)         NOT NULL,
    confirm_expires_at timestamptz      NOT NULL,
    created_at         timestamptz      NOT NULL,
    confirmed_at       timestamptz,
    decided_at         timestamptz,
    decided_by         uuid,
    reason             varchar(500),
    account_id         uuid,
    version            bigint           NOT NULL DEFAULT 0
);
-- one open application per e-mail and vendor
CREATE UNIQUE INDEX storefront_application_open ON storefront_application (vendor_id, lower(email))
    WHERE status IN ('UNCONFIRMED', 'PENDING_APPROVAL');
CREATE INDEX storefront_application_token ON storefront_application (confirm_token_hash);
CREATE INDEX storefront_application_queue ON storefront_application (vendor_id, status, created_at, id);

-- storefront: sign-ups counted per client address and per e-mail in a fixed window, shared by every node.
CREATE TABLE storefront_throttle (
    key          varchar(300) PRIMARY KEY,
    attempts     integer      NOT NULL,
    window_start timestamptz  NOT NULL
);

-- storefront: the nonces of order-form tokens already used (a token works once), kept until the token expires.
CREATE TABLE storefront_form_nonce (
    nonce      varchar(64) PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX storefront_form_nonce_expiry ON storefront_form_nonce (expires_at);
