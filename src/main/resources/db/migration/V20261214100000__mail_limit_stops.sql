-- A mail subscription stopped at a HARD limit of a metered resource (issue 19, ADR 0039): its mailboxes stop
-- receiving, as a mailbox over its quota does, and keep sending and reading. The mail adapter writes a row when it
-- carries out the subscription's ENFORCE task and deletes it on LIFT (one row per stopped resource type, so that
-- lifting one keeps another's stop); the views a mail server reads honour it.
CREATE TABLE mail_limit_stop (
    subscription_id  uuid          NOT NULL,
    account_id       uuid          NOT NULL REFERENCES account (id),
    resource_type    varchar(64)   NOT NULL,
    stopped_at       timestamptz   NOT NULL,
    PRIMARY KEY (subscription_id, resource_type)
);

-- mail_directory: "receiving" is false while the mailbox's subscription is stopped (login, and so reading and
-- sending through submission, still follow "enabled")
CREATE OR REPLACE VIEW mail_directory AS
SELECT m.address,
       '{BLF-CRYPT}' || u.password_hash AS password,
       m.directory_quota_mb AS quota_mb,
       (m.state = 'ACTIVE' AND u.status = 'ACTIVE' AND a.status = 'ACTIVE' AND u.password_hash IS NOT NULL)
           AS enabled,
       NOT EXISTS (SELECT 1 FROM mail_limit_stop s WHERE s.subscription_id = m.subscription_id) AS receiving
FROM mailbox m
JOIN identity_service_users u ON u.id = m.id
JOIN account_tree a ON a.id = m.account_id
WHERE m.state <> 'REMOVED';

-- mail_aliases: a stopped mailbox's addresses route nothing (its aliases and forwarding wait with it)
CREATE OR REPLACE VIEW mail_aliases AS
SELECT r.source, r.destination
FROM mail_route r
JOIN mailbox m ON m.id = r.mailbox_id
WHERE m.state <> 'REMOVED'
  AND NOT EXISTS (SELECT 1 FROM mail_limit_stop s WHERE s.subscription_id = m.subscription_id);

-- Postfix check_recipient_access: every address of a stopped mailbox (its own and its aliases) is refused at RCPT
-- with a permanent "mailbox full" (RFC 3463 X.2.2), so that senders get a bounce at once and nothing is queued
CREATE VIEW mail_recipient_access AS
SELECT lower(m.address) AS recipient,
       '552 5.2.2 Mailbox is over its plan''s limit' AS action
FROM mailbox m
WHERE m.state <> 'REMOVED'
  AND EXISTS (SELECT 1 FROM mail_limit_stop s WHERE s.subscription_id = m.subscription_id)
UNION
SELECT lower(r.source), '552 5.2.2 Mailbox is over its plan''s limit'
FROM mail_route r
JOIN mailbox m ON m.id = r.mailbox_id
WHERE m.state <> 'REMOVED'
  AND EXISTS (SELECT 1 FROM mail_limit_stop s WHERE s.subscription_id = m.subscription_id);
