-- Online payments through a gateway (issue 17, ADR 0031), owned by the payments module.

-- An issuer's payment gateway: which connector (kind), where its payment service is, and the two secrets Cascade
-- must be able to use (not hash): the API key it sends when it creates checkouts, and the signing secret of the
-- gateway's confirmation callbacks. They are stored as they are, like webhook secrets (ADR 0026), and never shown
-- again in full. The id is in the callback URL (POST /api/v1/payment-callbacks/{id}) and never changes.
CREATE TABLE payment_gateway (
    id              uuid              PRIMARY KEY,
    account_id      uuid              NOT NULL UNIQUE REFERENCES account (id),
    account_path    text COLLATE "C"  NOT NULL,
    kind            varchar(40)       NOT NULL,
    base_url        varchar(2000),
    api_key         text,
    signing_secret  text,
    version         integer           NOT NULL DEFAULT 0,
    created_at      timestamptz       NOT NULL,
    updated_at      timestamptz       NOT NULL
);

-- A hosted checkout a buyer started for one invoice: the gateway's payment id and the page the buyer was sent to.
-- OPEN until the gateway confirms it PAID, FAILED or CANCELLED; payment_id is the payment recorded for it.
CREATE TABLE online_checkout (
    id                  uuid              PRIMARY KEY,
    gateway_id          uuid              NOT NULL REFERENCES payment_gateway (id),
    invoice_id          uuid              NOT NULL REFERENCES invoice (id),
    issuer_id           uuid              NOT NULL REFERENCES account (id),
    buyer_id            uuid              NOT NULL REFERENCES account (id),
    buyer_path          text COLLATE "C"  NOT NULL,
    currency            char(3)           NOT NULL,
    amount              numeric(19, 4)    NOT NULL CHECK (amount > 0),
    status              text              NOT NULL CHECK (status IN ('OPEN', 'PAID', 'FAILED', 'CANCELLED')),
    gateway_payment_id  varchar(200)      NOT NULL,
    redirect_url        varchar(2000)     NOT NULL,
    payment_id          uuid,
    started_by          uuid,
    created_at          timestamptz       NOT NULL,
    completed_at        timestamptz,
    UNIQUE (gateway_id, gateway_payment_id)
);
CREATE INDEX online_checkout_invoice ON online_checkout (invoice_id, created_at);

-- Every authentic confirmation a gateway sent, by its message id (Standard Webhooks: webhook-id): a replay is
-- answered again and changes nothing.
CREATE TABLE online_payment_callback (
    gateway_id   uuid          NOT NULL REFERENCES payment_gateway (id),
    message_id   varchar(200)  NOT NULL,
    issuer_id    uuid          NOT NULL REFERENCES account (id),
    checkout_id  uuid          NOT NULL REFERENCES online_checkout (id),
    status       text          NOT NULL CHECK (status IN ('PAID', 'FAILED', 'CANCELLED')),
    outcome      text          NOT NULL,
    received_at  timestamptz   NOT NULL,
    PRIMARY KEY (gateway_id, message_id)
);
