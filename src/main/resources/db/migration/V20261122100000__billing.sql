-- Billing (issue 5, docs/billing.md, ADR 0009): the subscriptions' terms history, billing runs with per-buyer work
-- items, invoices and their lines, the ledger of billed charges whose UNIQUE key makes double billing impossible,
-- per-issuer gapless number counters, payments, tax rates and commission statements.

-- Subscriptions module: what plan, quantities and status applied from which day. A row recorded later with an
-- earlier or equal effective_from supersedes the rows it overlaps (a backdated change rewrites what followed it).
CREATE TABLE subscription_terms (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid         NOT NULL REFERENCES subscription (id),
    effective_from   date         NOT NULL,
    plan_id          uuid         NOT NULL REFERENCES plan (id),
    status           text         NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'CANCELLED')),
    quantities       jsonb        NOT NULL,   -- {"<resource type id>": "12.0000"}
    superseded       boolean      NOT NULL DEFAULT false,
    recorded_at      timestamptz  NOT NULL
);
CREATE INDEX subscription_terms_subscription ON subscription_terms (subscription_id, effective_from, id)
    WHERE NOT superseded;

-- what existed before the history: the current terms from the start, and the cancellation
INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status, quantities, recorded_at)
SELECT s.id, s.start_date, s.plan_id, CASE WHEN s.status = 'CANCELLED' THEN 'ACTIVE' ELSE s.status END,
       COALESCE((SELECT jsonb_object_agg(r.resource_type_id::text, r.quantity::text)
                 FROM subscription_resource r WHERE r.subscription_id = s.id), '{}'::jsonb), now()
FROM subscription s;
INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status, quantities, recorded_at)
SELECT s.id, s.cancelled_on, s.plan_id, 'CANCELLED', '{}'::jsonb, now()
FROM subscription s WHERE s.status = 'CANCELLED' AND s.cancelled_on IS NOT NULL;

-- Billing module ------------------------------------------------------------------------------------------------

-- per issuer: the number pattern, payment term, and the next number (gapless: taken in the invoice's transaction)
CREATE TABLE billing_issuer (
    issuer_id          uuid         PRIMARY KEY REFERENCES account (id),
    number_prefix      varchar(40)  NOT NULL DEFAULT 'INV-{YYYY}-',
    payment_term_days  integer      NOT NULL DEFAULT 14 CHECK (payment_term_days BETWEEN 0 AND 365),
    next_number        bigint       NOT NULL DEFAULT 1,
    updated_at         timestamptz  NOT NULL
);

-- tax rate of an issuer, optionally per buyer country (null: every other country)
CREATE TABLE tax_rate (
    issuer_id  uuid          NOT NULL REFERENCES account (id),
    country    char(2)       NOT NULL DEFAULT '--',   -- '--': the issuer's default rate
    rate       numeric(7, 4) NOT NULL CHECK (rate >= 0 AND rate <= 100),
    PRIMARY KEY (issuer_id, country)
);

CREATE TABLE billing_run (
    id              uuid         PRIMARY KEY,
    as_of           date         NOT NULL,
    trigger         text         NOT NULL CHECK (trigger IN ('MANUAL', 'SCHEDULED')),
    status          text         NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED')),
    buyers_total    integer      NOT NULL DEFAULT 0,
    invoices        integer      NOT NULL DEFAULT 0,
    requested_by    uuid,
    created_at      timestamptz  NOT NULL,
    finished_at     timestamptz
);
-- one run at a time; one scheduled run per day, whatever the number of nodes
CREATE UNIQUE INDEX billing_run_one_running ON billing_run ((true)) WHERE status = 'RUNNING';
CREATE UNIQUE INDEX billing_run_scheduled_once ON billing_run (as_of) WHERE trigger = 'SCHEDULED';
CREATE INDEX billing_run_created ON billing_run (created_at DESC);

-- one buyer of a run: PENDING, CLAIMED by a node until lease_until (then anyone may take it over), DONE or FAILED
CREATE TABLE billing_run_item (
    run_id       uuid         NOT NULL REFERENCES billing_run (id),
    seq          integer      NOT NULL,
    buyer_id     uuid         NOT NULL,
    state        text         NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'CLAIMED', 'DONE', 'FAILED')),
    node         varchar(100),
    lease_until  timestamptz,
    attempts     integer      NOT NULL DEFAULT 0,
    invoices     integer      NOT NULL DEFAULT 0,
    error        varchar(1000),
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX billing_run_item_open ON billing_run_item (run_id, seq) WHERE state IN ('PENDING', 'CLAIMED');

CREATE TABLE invoice (
    id                  uuid          PRIMARY KEY,
    number              varchar(80)   NOT NULL,
    kind                text          NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
    issuer_id           uuid          NOT NULL REFERENCES account (id),
    issuer_path         text COLLATE "C" NOT NULL,
    buyer_id            uuid          NOT NULL REFERENCES account (id),
    buyer_path          text COLLATE "C" NOT NULL,
    issue_date          date          NOT NULL,
    due_date            date          NOT NULL,
    currency            char(3)       NOT NULL,
    subtotal            numeric(19, 4) NOT NULL,
    tax                 numeric(19, 4) NOT NULL,
    total               numeric(19, 4) NOT NULL,
    format              text          NOT NULL CHECK (format IN ('RAW', 'PDF', 'BOTH')),
    run_id              uuid          REFERENCES billing_run (id),
    credited_invoice_id uuid          REFERENCES invoice (id),
    reason              varchar(500),
    status              text          NOT NULL CHECK (status IN ('OPEN', 'PAID', 'VOID')),
    paid                numeric(19, 4) NOT NULL DEFAULT 0,
    credited            numeric(19, 4) NOT NULL DEFAULT 0,   -- sum of the credit notes against it (negative)
    created_at          timestamptz   NOT NULL,
    CONSTRAINT invoice_number_per_issuer UNIQUE (issuer_id, number),
    CONSTRAINT invoice_total_is_sum CHECK (total = subtotal + tax)
);
CREATE INDEX invoice_buyer ON invoice (buyer_id, issue_date DESC, id);
CREATE INDEX invoice_issuer ON invoice (issuer_id, issue_date DESC, id);
CREATE INDEX invoice_credited ON invoice (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;

CREATE TABLE invoice_line (
    id                        uuid          PRIMARY KEY,
    invoice_id                uuid          NOT NULL REFERENCES invoice (id),
    position                  integer       NOT NULL,
    description               varchar(500)  NOT NULL,
    subscription_id           uuid,
    plan_id                   uuid,
    period_start              date,
    period_end                date,
    quantity                  numeric(19, 4) NOT NULL,
    unit_price                numeric(19, 4) NOT NULL,
    amount                    numeric(19, 4) NOT NULL,
    tax_rate                  numeric(7, 4)  NOT NULL,
    tax                       numeric(19, 4) NOT NULL,
    -- traceability: true on a charge for a reseller's holding (its wholesale cost); on a retail charge of a reseller,
    -- the reseller's own holding the charge draws on
    wholesale                 boolean       NOT NULL DEFAULT false,
    wholesale_subscription_id uuid,
    -- commission: the commission reseller that brought the buyer, and its percentage on this plan
    commission_reseller_id    uuid,
    commission_percent        numeric(5, 2),
    credited_line_id          uuid,
    UNIQUE (invoice_id, position)
);
CREATE INDEX invoice_line_invoice ON invoice_line (invoice_id, position);
CREATE INDEX invoice_line_wholesale ON invoice_line (wholesale_subscription_id) WHERE wholesale_subscription_id IS NOT NULL;
CREATE INDEX invoice_line_commission ON invoice_line (commission_reseller_id) WHERE commission_reseller_id IS NOT NULL;

-- The ledger: every charge ever billed, one row per (subscription, charge, period, terms, first day, direction).
-- A run computes what a subscription should have been billed and bills only the difference to this ledger; the
-- UNIQUE key makes a second billing of the same charge impossible even for two runs or nodes racing each other.
CREATE TABLE billed_charge (
    subscription_id  uuid          NOT NULL,
    charge           varchar(80)   NOT NULL,     -- SETUP, FEE, EXTRA:<resource>, USAGE:<resource>
    period_start     date          NOT NULL,     -- the full billing period's first day
    period_end       date          NOT NULL,
    terms_id         bigint        NOT NULL,     -- the subscription_terms row charged (0: not terms-bound)
    from_day         date          NOT NULL,
    to_day           date          NOT NULL,
    direction        text          NOT NULL CHECK (direction IN ('CHARGE', 'CREDIT')),
    period_amount    numeric(19, 4) NOT NULL,    -- the price of the whole period the days were prorated from
    amount           numeric(19, 4) NOT NULL,
    invoice_line_id  uuid          REFERENCES invoice_line (id),
    run_id           uuid          NOT NULL,
    CONSTRAINT billed_charge_once UNIQUE (subscription_id, charge, period_start, terms_id, from_day, direction)
);
CREATE INDEX billed_charge_window ON billed_charge (subscription_id, period_end);

CREATE TABLE payment (
    id          uuid          PRIMARY KEY,
    invoice_id  uuid          NOT NULL REFERENCES invoice (id),
    amount      numeric(19, 4) NOT NULL CHECK (amount > 0),
    paid_on     date          NOT NULL,
    reference   varchar(200),
    recorded_by uuid,
    created_at  timestamptz   NOT NULL
);
CREATE INDEX payment_invoice ON payment (invoice_id);

CREATE TABLE commission_statement (
    id            uuid          PRIMARY KEY,
    reseller_id   uuid          NOT NULL REFERENCES account (id),
    reseller_path text COLLATE "C" NOT NULL,
    vendor_id     uuid          NOT NULL REFERENCES account (id),
    period_start  date          NOT NULL,
    period_end    date          NOT NULL,
    currency      char(3)       NOT NULL,
    billed        numeric(19, 4) NOT NULL,
    commission    numeric(19, 4) NOT NULL,
    lines         jsonb         NOT NULL,   -- [{"planId", "billed", "percent", "commission"}]
    run_id        uuid          REFERENCES billing_run (id),
    created_at    timestamptz   NOT NULL,
    CONSTRAINT commission_statement_once UNIQUE (reseller_id, period_start, currency)
);

-- An issued invoice never changes: only its payment state moves (status, paid, credited). Lines, ledger rows,
-- payments and statements are append-only.
CREATE FUNCTION invoice_is_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'invoice % is issued and cannot be deleted', OLD.number;
    END IF;
    IF (NEW.id, NEW.number, NEW.kind, NEW.issuer_id, NEW.buyer_id, NEW.issue_date, NEW.due_date, NEW.currency,
        NEW.subtotal, NEW.tax, NEW.total, NEW.format, NEW.run_id, NEW.credited_invoice_id, NEW.reason,
        NEW.issuer_path, NEW.buyer_path, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.number, OLD.kind, OLD.issuer_id, OLD.buyer_id, OLD.issue_date, OLD.due_date, OLD.currency,
        OLD.subtotal, OLD.tax, OLD.total, OLD.format, OLD.run_id, OLD.credited_invoice_id, OLD.reason,
        OLD.issuer_path, OLD.buyer_path, OLD.created_at) THEN
        RAISE EXCEPTION 'invoice % is issued and cannot be changed; issue a credit note', OLD.number;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_issued BEFORE UPDATE OR DELETE ON invoice FOR EACH ROW EXECUTE FUNCTION invoice_is_issued();

CREATE FUNCTION billing_row_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER invoice_line_append_only BEFORE UPDATE OR DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();
CREATE TRIGGER billed_charge_append_only BEFORE UPDATE OR DELETE ON billed_charge
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();
CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON payment
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();
CREATE TRIGGER commission_statement_append_only BEFORE UPDATE OR DELETE ON commission_statement
    FOR EACH ROW EXECUTE FUNCTION billing_row_is_append_only();
