-- Webhook endpoints of integrators (issue 16, ADR 0026), owned by the messages module. An endpoint belongs to one
-- account and receives the events of that account and of every account below it (account_path: the owner's path,
-- which never changes, ADR 0002). Deliveries are outbox_message rows (channel WEBHOOK, target_id the endpoint).
-- The secret is the signing key of Standard Webhooks (whsec_ + base64 of random bytes): it must be usable to sign
-- every delivery, so it is stored as it is (never listed, logged or audited). previous_secret signs alongside the
-- new one until previous_secret_until, so that a rotation does not break a receiver mid-deploy.
CREATE TABLE webhook_endpoint (
    id                     uuid              PRIMARY KEY,
    account_id             uuid              NOT NULL REFERENCES account (id),
    account_path           text COLLATE "C"  NOT NULL,
    url                    varchar(2000)     NOT NULL,
    description            varchar(200),
    event_types            text[]            NOT NULL,
    secret                 text              NOT NULL,
    previous_secret        text,
    previous_secret_until  timestamptz,
    enabled                boolean           NOT NULL,
    disabled_reason        text,
    disabled_at            timestamptz,
    failing_since          timestamptz,      -- the first failed attempt since the last success
    version                integer           NOT NULL DEFAULT 0,
    created_at             timestamptz       NOT NULL,
    updated_at             timestamptz       NOT NULL
);
CREATE INDEX webhook_endpoint_account ON webhook_endpoint (account_id, created_at, id);
-- the fan-out: the enabled endpoints listening to an event type, by their owner's path
CREATE INDEX webhook_endpoint_listening ON webhook_endpoint USING gin (event_types) WHERE enabled;
