-- Dunning (issue 17, ADR 0032): what happens to a buyer that does not pay its issuer.

-- billing: the open invoices with what is still due on each, for the modules that follow overdue money (dunning).
-- A plain SELECT, so PostgreSQL inlines it into the query that reads it.
CREATE VIEW billing_open_invoices AS
SELECT id, issuer_id, issuer_path, buyer_id, buyer_path, currency, issue_date, due_date,
       total - paid + credited - written_off AS amount_due
FROM invoice
WHERE kind = 'INVOICE' AND status = 'OPEN';

-- billing: the daily evaluation reads every open invoice once; the index holds only those.
CREATE INDEX invoice_open_due ON invoice (issuer_id, buyer_id, due_date) WHERE kind = 'INVOICE' AND status = 'OPEN';

-- subscriptions: a suspension whose reason is DUNNING names the dunning episode that took it, so that the episode's
-- end lifts exactly these (never what a person or an account suspension suspended).
ALTER TABLE subscription ADD COLUMN dunning_episode_id uuid;
CREATE INDEX subscription_dunning ON subscription (dunning_episode_id) WHERE dunning_episode_id IS NOT NULL;

-- dunning: an issuer's policy. Without a row the default policy applies (docs/billing.md, "Dunning"); a row without
-- steps turns dunning off for the issuer's buyers. customer_grace_days: how long after a reseller's own services were
-- suspended (and it was mailed) its customers' services follow; null: they never do.
CREATE TABLE dunning_policy (
    issuer_id           uuid             PRIMARY KEY REFERENCES account (id),
    issuer_path         text COLLATE "C" NOT NULL,
    customer_grace_days integer          CHECK (customer_grace_days BETWEEN 0 AND 365),
    version             bigint           NOT NULL DEFAULT 0,
    updated_at          timestamptz      NOT NULL
);

-- A step: when the pair's oldest overdue invoice is days_overdue days past its due date and the pair's overdue
-- amount is at least min_amount (in the pair's currency; minimums: per currency, {"EUR": "50.00"}, overriding it).
CREATE TABLE dunning_policy_step (
    issuer_id    uuid           NOT NULL REFERENCES dunning_policy (issuer_id),
    position     integer        NOT NULL CHECK (position >= 1),
    days_overdue integer        NOT NULL CHECK (days_overdue BETWEEN 1 AND 3650),
    action       text           NOT NULL CHECK (action IN ('REMINDER', 'WARNING', 'BLOCK_ORDERS', 'SUSPEND', 'FLAG')),
    min_amount   numeric(19, 4) NOT NULL DEFAULT 0 CHECK (min_amount >= 0),
    minimums     jsonb,
    fee_amount   numeric(19, 4) CHECK (fee_amount >= 0),
    fee_percent  numeric(7, 4)  CHECK (fee_percent >= 0 AND fee_percent <= 100),
    PRIMARY KEY (issuer_id, position)
);

-- An episode: from the day a pair (issuer, buyer) is first seen overdue to the day nothing of it is overdue any more.
-- At most one open episode per pair.
CREATE TABLE dunning_episode (
    id                     uuid             PRIMARY KEY,
    issuer_id              uuid             NOT NULL REFERENCES account (id),
    issuer_path            text COLLATE "C" NOT NULL,
    buyer_id               uuid             NOT NULL REFERENCES account (id),
    buyer_path             text COLLATE "C" NOT NULL,
    buyer_type             text             NOT NULL CHECK (buyer_type IN ('PROVIDER', 'RESELLER', 'CUSTOMER')),
    started_on             date             NOT NULL,
    ended_on               date,
    -- a reseller's customers' services, suspended after the grace period (ADR 0032)
    customers_suspended_on date,
    created_at             timestamptz      NOT NULL
);
CREATE UNIQUE INDEX dunning_episode_open ON dunning_episode (issuer_id, buyer_id) WHERE ended_on IS NULL;
CREATE INDEX dunning_episode_issuer_open ON dunning_episode (issuer_id, started_on, buyer_id) WHERE ended_on IS NULL;
CREATE INDEX dunning_episode_buyer ON dunning_episode (buyer_id, started_on DESC);
CREATE INDEX dunning_episode_open_path ON dunning_episode (buyer_path) WHERE ended_on IS NULL;

-- A step taken in an episode: once per episode and position (the primary key makes a rerun take nothing twice).
CREATE TABLE dunning_step (
    episode_id     uuid           NOT NULL REFERENCES dunning_episode (id),
    position       integer        NOT NULL,
    buyer_id       uuid           NOT NULL REFERENCES account (id),
    action         text           NOT NULL CHECK (action IN ('REMINDER', 'WARNING', 'BLOCK_ORDERS', 'SUSPEND', 'FLAG')),
    taken_on       date           NOT NULL,
    days_overdue   integer        NOT NULL,
    currency       char(3)        NOT NULL,
    overdue_amount numeric(19, 4) NOT NULL,
    fee_invoice_id uuid,
    created_at     timestamptz    NOT NULL,
    PRIMARY KEY (episode_id, position)
);
