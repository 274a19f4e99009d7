-- Enforcing subscription terms (issue 19, ADR 0039): a metered resource's HARD limit stops the resource until the
-- limit is raised or the next month begins; limits (SOFT and HARD) notify once per month at 80 % and 100 %.

-- usage: the threshold notices given, one row per subscription, resource type, month (UTC, its first day), limit
-- and threshold. The primary key is the once-only rule: two batches on two nodes that both see a threshold crossed
-- insert the same row, and only the one whose insert took it notifies. A new limit (a plan change) is a new row.
-- No foreign keys, like the other usage tables (ADR 0012).
CREATE TABLE usage_limit_notice (
    subscription_id   uuid           NOT NULL,
    resource_type_id  uuid           NOT NULL,
    period            date           NOT NULL,
    limit_type        text           NOT NULL CHECK (limit_type IN ('HARD', 'SOFT')),
    limit_quantity    numeric(19, 4) NOT NULL,
    threshold         smallint       NOT NULL CHECK (threshold IN (80, 100)),
    used              numeric(19, 4) NOT NULL,
    crossed_at        timestamptz    NOT NULL,
    PRIMARY KEY (subscription_id, resource_type_id, period, limit_type, limit_quantity, threshold)
);

-- subscriptions: a metered resource stopped at its HARD limit, until it is lifted (the limit raised by a plan
-- change, the next month, the subscription cancelled). At most one open stop per subscription and resource type.
CREATE TABLE subscription_limit_stop (
    id                uuid           NOT NULL,
    subscription_id   uuid           NOT NULL REFERENCES subscription (id),
    resource_type_id  uuid           NOT NULL REFERENCES resource_type (id),
    period            date           NOT NULL,
    limit_quantity    numeric(19, 4) NOT NULL,
    used              numeric(19, 4) NOT NULL,
    stopped_at        timestamptz    NOT NULL,
    lifted_at         timestamptz,
    lift_reason       text           CHECK (lift_reason IN ('LIMIT_RAISED', 'NEW_PERIOD', 'CANCELLED')),
    PRIMARY KEY (subscription_id, id),
    CHECK ((lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE UNIQUE INDEX subscription_limit_stop_open ON subscription_limit_stop (subscription_id, resource_type_id)
    WHERE lifted_at IS NULL;
CREATE INDEX subscription_limit_stop_period ON subscription_limit_stop (period) WHERE lifted_at IS NULL;

-- subscriptions: the open stops, for the modules whose services follow them (assets: the SIMs of an iot
-- subscription stay suspended while its data is stopped).
CREATE VIEW subscriptions_limit_stops AS
SELECT subscription_id, resource_type_id, period, limit_quantity, used, stopped_at
FROM subscription_limit_stop
WHERE lifted_at IS NULL;

-- provisioning: two more operations an adapter carries out
ALTER TABLE provisioning_task DROP CONSTRAINT provisioning_task_operation_check;
ALTER TABLE provisioning_task ADD CONSTRAINT provisioning_task_operation_check
    CHECK (operation IN ('PROVISION', 'CHANGE', 'SUSPEND', 'RESUME', 'DEPROVISION', 'ENFORCE', 'LIFT'));
