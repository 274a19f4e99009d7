-- Hosted mailboxes of service users (the mail adapter). A mailbox belongs to one service user (same id), one
-- account and the mail subscription it counts against. The mail adapter moves its state; a mail server reads the
-- mail_directory view (docs/guide.md, "Hosted mail").
CREATE TABLE mailbox (
    id               uuid          PRIMARY KEY REFERENCES app_user (id),
    account_id       uuid          NOT NULL REFERENCES account (id),
    account_path     text COLLATE "C" NOT NULL,
    subscription_id  uuid          NOT NULL REFERENCES subscription (id),
    service_id       uuid          NOT NULL REFERENCES service (id),
    address          varchar(254)  NOT NULL,
    quota_mb         integer       NOT NULL CHECK (quota_mb BETWEEN 1 AND 1048576),
    state            text          NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'REMOVED')),
    version          integer       NOT NULL DEFAULT 0,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL
);
-- an address is one mailbox on the whole platform while it lives
CREATE UNIQUE INDEX mailbox_live_address ON mailbox (lower(address)) WHERE state <> 'REMOVED';
CREATE INDEX mailbox_account ON mailbox (account_id, created_at, id);
CREATE INDEX mailbox_subscription ON mailbox (subscription_id) WHERE state <> 'REMOVED';

-- What a mail server needs, one row per live mailbox: Postfix virtual_mailbox_maps (address), Dovecot passdb and
-- userdb (address, password in Dovecot's BLF-CRYPT scheme: the service user's own bcrypt hash, quota).
-- "enabled" is false while the mailbox, its user or its account (or one above) is suspended or disabled.
CREATE VIEW mail_directory AS
SELECT m.address,
       '{BLF-CRYPT}' || u.password_hash AS password,
       m.quota_mb,
       (m.state = 'ACTIVE' AND u.status = 'ACTIVE' AND a.status = 'ACTIVE' AND u.password_hash IS NOT NULL)
           AS enabled
FROM mailbox m
JOIN app_user u ON u.id = m.id
JOIN account a ON a.id = m.account_id
WHERE m.state <> 'REMOVED';
