-- One owner per table (ADR 0016). Each module names only its own tables in SQL; another module reads them through
-- the owner's API or through one of the views below, which the owner keeps stable when its tables change. A view's
-- name starts with its owner's prefix. They are plain SELECTs, so PostgreSQL inlines them into the query that reads
-- them: a join through a view is planned exactly like the join on the table (ViewPlansIT compares the plans).

-- accounts: where an account sits in the tree and whether it is active.
CREATE VIEW account_tree AS
SELECT id, path, type, status, vendor_id, level, company_name
FROM account;

-- identity: the logins of service users, with their password hash, for the mail module only (its mailboxes and
-- the mail_directory a mail server reads).
CREATE VIEW identity_service_users AS
SELECT id, account_id, name, email, status, password_hash
FROM app_user
WHERE kind = 'SERVICE_USER';

-- catalog: a resource type with its service's adapter. The service is joined with LEFT JOIN on its primary key (the
-- foreign key is NOT NULL, so no row differs from an inner join): PostgreSQL drops the join when a query reads none
-- of the service's columns, and a condition on them (service_adapter = 'iot') makes it the inner join it was.
CREATE VIEW catalog_resource_types AS
SELECT rt.id, rt.code, rt.name, rt.unit, rt.service_id, sv.adapter AS service_adapter,
       sv.adapter_config AS service_config
FROM resource_type rt
LEFT JOIN service sv ON sv.id = rt.service_id;

-- catalog: what a plan includes and up to which limit, per resource type (join catalog_resource_types for the type).
CREATE VIEW catalog_plan_resources AS
SELECT plan_id, resource_type_id, position, included, limit_quantity, limit_type
FROM plan_resource;

-- subscriptions: who holds which plan, for what, in which state.
CREATE VIEW subscriptions_facts AS
SELECT id, account_id, account_path, plan_id, vendor_id, purpose, status, start_date, cancelled_on, created_at
FROM subscription;

-- mail: the same directory as before, now through the owners' views.
CREATE OR REPLACE VIEW mail_directory AS
SELECT m.address,
       '{BLF-CRYPT}' || u.password_hash AS password,
       m.quota_mb,
       (m.state = 'ACTIVE' AND u.status = 'ACTIVE' AND a.status = 'ACTIVE' AND u.password_hash IS NOT NULL)
           AS enabled
FROM mailbox m
JOIN identity_service_users u ON u.id = m.id
JOIN account_tree a ON a.id = m.account_id
WHERE m.state <> 'REMOVED';
