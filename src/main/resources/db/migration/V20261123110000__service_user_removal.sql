-- When a service user was removed (its login disabled for good, its mailbox deprovisioned). A removed service user
-- stays removed; a service user whose login is DISABLED but not removed is suspended and may be resumed.
ALTER TABLE mailbox ADD COLUMN removed_at timestamptz;

-- until now a disabled service user was a removed one
UPDATE mailbox m SET removed_at = m.updated_at
FROM app_user u
WHERE u.id = m.id AND (u.status = 'DISABLED' OR m.state = 'REMOVED');
