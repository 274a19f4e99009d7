-- Catalog (services, resource types, plans with dated prices, commission offerings), subscriptions with their
-- resource quantities, scheduled subscription changes, and metered usage. See docs/adr/0007-limits-flow-up.md.

CREATE TABLE service (
    id              uuid         PRIMARY KEY,
    code            varchar(64)  NOT NULL UNIQUE,
    name            varchar(200) NOT NULL,
    adapter         varchar(64)  NOT NULL,
    adapter_config  jsonb        NOT NULL DEFAULT '{}',
    created_at      timestamptz  NOT NULL
);

CREATE TABLE resource_type (
    id          uuid         PRIMARY KEY,
    service_id  uuid         NOT NULL REFERENCES service (id),
    code        varchar(64)  NOT NULL UNIQUE,
    name        varchar(200) NOT NULL,
    unit        varchar(32)  NOT NULL
);
CREATE INDEX resource_type_service ON resource_type (service_id);

CREATE TABLE plan (
    id              uuid          PRIMARY KEY,
    vendor_id       uuid          NOT NULL REFERENCES account (id),
    vendor_path     text COLLATE "C" NOT NULL,
    name            varchar(200)  NOT NULL,
    description     varchar(2000),
    audience        text          NOT NULL CHECK (audience IN ('RESELLER', 'END_CUSTOMER')),
    billing_period  text          NOT NULL CHECK (billing_period IN ('MONTHLY', 'YEARLY')),
    currency        char(3)       NOT NULL,
    status          text          NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    version         integer       NOT NULL DEFAULT 0,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    published_at    timestamptz,
    retired_at      timestamptz
);
CREATE INDEX plan_vendor ON plan (vendor_id, created_at, id);

CREATE TABLE plan_resource (
    plan_id           uuid          NOT NULL REFERENCES plan (id),
    resource_type_id  uuid          NOT NULL REFERENCES resource_type (id),
    position          integer       NOT NULL,
    included          numeric(19, 4) NOT NULL CHECK (included >= 0),
    limit_quantity    numeric(19, 4) CHECK (limit_quantity >= 0),   -- null: no limit
    limit_type        text          NOT NULL CHECK (limit_type IN ('HARD', 'SOFT')),
    PRIMARY KEY (plan_id, resource_type_id)
);

-- Prices by date: the row with the latest effective_from on or before a day holds that day's prices.
-- rule FIXED: the amounts below; MARKUP_PERCENT / MARKUP_AMOUNT: per-resource prices derived from the
-- reseller's wholesale prices on that day (setup and recurring fee stay fixed amounts).
CREATE TABLE plan_price (
    plan_id          uuid          NOT NULL REFERENCES plan (id),
    effective_from   date          NOT NULL,
    rule             text          NOT NULL CHECK (rule IN ('FIXED', 'MARKUP_PERCENT', 'MARKUP_AMOUNT')),
    rule_value       numeric(19, 4),
    setup_fee        numeric(19, 4) NOT NULL,
    recurring_fee    numeric(19, 4) NOT NULL,
    resource_prices  jsonb         NOT NULL,   -- {"<resource type code>": {"unitPrice": "1.00", "usagePrice": null}}
    below_cost       boolean       NOT NULL DEFAULT false,
    created_at       timestamptz   NOT NULL,
    PRIMARY KEY (plan_id, effective_from)
);

CREATE TABLE offering (
    reseller_id         uuid         NOT NULL REFERENCES account (id),
    plan_id             uuid         NOT NULL REFERENCES plan (id),
    commission_percent  numeric(5, 2) NOT NULL CHECK (commission_percent BETWEEN 0 AND 100),
    created_at          timestamptz  NOT NULL,
    PRIMARY KEY (reseller_id, plan_id)
);

CREATE TABLE subscription (
    id                        uuid         PRIMARY KEY,
    account_id                uuid         NOT NULL REFERENCES account (id),
    account_path              text COLLATE "C" NOT NULL,
    plan_id                   uuid         NOT NULL REFERENCES plan (id),
    vendor_id                 uuid         NOT NULL REFERENCES account (id),
    purpose                   text         NOT NULL CHECK (purpose IN ('RESALE', 'OWN_USE')),
    status                    text         NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'CANCELLED')),
    suspended_with_account    boolean      NOT NULL DEFAULT false,
    status_before_suspension  text,
    start_date                date         NOT NULL,
    cancel_at                 date,
    cancelled_on              date,
    version                   integer      NOT NULL DEFAULT 0,
    created_at                timestamptz  NOT NULL,
    updated_at                timestamptz  NOT NULL
);
CREATE INDEX subscription_account ON subscription (account_id, created_at, id);
CREATE INDEX subscription_path ON subscription (account_path);
CREATE INDEX subscription_plan ON subscription (plan_id);
CREATE INDEX subscription_due ON subscription (status, start_date) WHERE status = 'PENDING';
CREATE INDEX subscription_cancel_due ON subscription (cancel_at) WHERE cancel_at IS NOT NULL AND status <> 'CANCELLED';

-- ordered quantity (end-customer subscriptions) or quantity allocated below (a reseller's holding)
CREATE TABLE subscription_resource (
    subscription_id   uuid          NOT NULL REFERENCES subscription (id),
    resource_type_id  uuid          NOT NULL REFERENCES resource_type (id),
    quantity          numeric(19, 4) NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (subscription_id, resource_type_id)
);

-- changes with a future effective date, applied by the scheduler when due
CREATE TABLE subscription_change (
    id               uuid         PRIMARY KEY,
    subscription_id  uuid         NOT NULL REFERENCES subscription (id),
    kind             text         NOT NULL CHECK (kind IN ('CHANGE', 'SUSPEND', 'RESUME', 'CANCEL')),
    effective_date   date         NOT NULL,
    plan_id          uuid         REFERENCES plan (id),
    resources        jsonb,
    requested_by     uuid,
    created_at       timestamptz  NOT NULL,
    applied_at       timestamptz,
    outcome          varchar(500)
);
CREATE INDEX subscription_change_due ON subscription_change (effective_date) WHERE applied_at IS NULL;
CREATE INDEX subscription_change_subscription ON subscription_change (subscription_id);

-- metered usage: a record id is unique per subscription, so a retried batch changes nothing
CREATE TABLE usage_record (
    subscription_id   uuid          NOT NULL REFERENCES subscription (id),
    record_id         varchar(100)  NOT NULL,
    resource_type_id  uuid          NOT NULL REFERENCES resource_type (id),
    quantity          numeric(19, 4) NOT NULL,
    occurred_at       timestamptz   NOT NULL,
    received_at       timestamptz   NOT NULL,
    PRIMARY KEY (subscription_id, record_id)
);

-- daily totals kept with every batch, so that summaries never scan raw records
CREATE TABLE usage_daily (
    subscription_id   uuid          NOT NULL REFERENCES subscription (id),
    resource_type_id  uuid          NOT NULL REFERENCES resource_type (id),
    day               date          NOT NULL,
    quantity          numeric(19, 4) NOT NULL,
    records           bigint        NOT NULL,
    PRIMARY KEY (subscription_id, resource_type_id, day)
);
