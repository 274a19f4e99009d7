-- The one outbox (ADR 0025): every outgoing e-mail and webhook delivery, written in the transaction of the change
-- that causes it and dispatched afterwards by any node. Owner: messages.
CREATE TABLE outbox_message (
    id               uuid PRIMARY KEY,
    seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    channel          text        NOT NULL CHECK (channel IN ('MAIL', 'WEBHOOK')),
    kind             text        NOT NULL,
    -- the account the message belongs to: the recipient's for mail, the endpoint's for a webhook (subtree rule)
    account_id       uuid        NOT NULL,
    target_id        uuid,
    -- messages with the same key go out one after the other, in seq order
    ordering_key     text,
    data             jsonb       NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING'
                                 CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'HELD', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_error       text,
    last_status_code integer,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    -- the mail as composed and rendered at its last attempt
    issuer_id        uuid,
    locale           text,
    sender           text,
    reply_to         text,
    recipients       text[],
    subject          text,
    text_body        text,
    html_body        text,
    attachment_names text[]
);

CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX outbox_message_leased ON outbox_message (lease_until) WHERE status = 'SENDING';
CREATE INDEX outbox_message_open_order ON outbox_message (ordering_key, seq)
    WHERE status IN ('PENDING', 'SENDING') AND ordering_key IS NOT NULL;
CREATE INDEX outbox_message_account ON outbox_message (account_id, seq);
CREATE INDEX outbox_message_target ON outbox_message (target_id, seq) WHERE target_id IS NOT NULL;
CREATE INDEX outbox_message_created ON outbox_message (created_at);
