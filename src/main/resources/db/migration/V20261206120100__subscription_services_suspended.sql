-- Whether the services of an own-use subscription were last asked to SUSPEND (true) or not (ADR 0018). The
-- after-commit reaction to an account's suspension or resumption compares it with the subscription's status and
-- requests only the provisioning tasks still missing, so that running it twice requests nothing twice.
ALTER TABLE subscription ADD COLUMN services_suspended boolean NOT NULL DEFAULT false;

UPDATE subscription SET services_suspended = true
WHERE status = 'SUSPENDED' AND purpose = 'OWN_USE' AND provisioning_requested_at IS NOT NULL;
