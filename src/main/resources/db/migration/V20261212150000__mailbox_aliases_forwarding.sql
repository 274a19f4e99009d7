-- A mailbox's settings after its creation (issue 19): its quota can change, and it may have aliases (other addresses
-- on its account's mail domains that deliver into it) and forward its mail to other addresses, keeping a copy or not.
-- What the API shows and accepts is kept here (quota_mb, mailbox_alias, forward_to, keep_copy); what the mail server
-- reads is written by the mail adapter when it carries out the mailbox's CHANGE task: directory_quota_mb and
-- mail_route, read through the mail_directory and mail_aliases views.
ALTER TABLE mailbox ADD COLUMN forward_to text[] NOT NULL DEFAULT '{}',
                    ADD COLUMN keep_copy boolean NOT NULL DEFAULT true,
                    ADD COLUMN directory_quota_mb integer;
UPDATE mailbox SET directory_quota_mb = quota_mb;
ALTER TABLE mailbox ALTER COLUMN directory_quota_mb SET NOT NULL;

-- an alias is one address on the whole platform, as a live mailbox's address is (the service checks both)
CREATE TABLE mailbox_alias (
    mailbox_id  uuid          NOT NULL REFERENCES mailbox (id),
    account_id  uuid          NOT NULL REFERENCES account (id),
    address     varchar(254)  NOT NULL,
    PRIMARY KEY (mailbox_id, address)
);
CREATE UNIQUE INDEX mailbox_alias_address ON mailbox_alias (lower(address));

-- what the mail adapter last applied: one row per source address and destination (Postfix virtual_alias_maps)
CREATE TABLE mail_route (
    mailbox_id   uuid          NOT NULL REFERENCES mailbox (id),
    account_id   uuid          NOT NULL REFERENCES account (id),
    source       varchar(254)  NOT NULL,
    destination  varchar(254)  NOT NULL,
    PRIMARY KEY (mailbox_id, source, destination)
);

CREATE OR REPLACE VIEW mail_directory AS
SELECT m.address,
       '{BLF-CRYPT}' || u.password_hash AS password,
       m.directory_quota_mb AS quota_mb,
       (m.state = 'ACTIVE' AND u.status = 'ACTIVE' AND a.status = 'ACTIVE' AND u.password_hash IS NOT NULL)
           AS enabled
FROM mailbox m
JOIN identity_service_users u ON u.id = m.id
JOIN account_tree a ON a.id = m.account_id
WHERE m.state <> 'REMOVED';

-- Postfix virtual_alias_maps: an alias delivers to its mailbox; a forwarding mailbox's address delivers to each
-- target (and to itself when it keeps a copy). Only for live mailboxes.
CREATE VIEW mail_aliases AS
SELECT r.source, r.destination
FROM mail_route r
JOIN mailbox m ON m.id = r.mailbox_id
WHERE m.state <> 'REMOVED';
