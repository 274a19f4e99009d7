-- The FAILED provisioning tasks of a subtree, newest first (the dashboard's "Provisioning failures" and
-- GET /api/v1/provisioning-tasks?status=FAILED): a range scan on the account path over failed tasks only.
CREATE INDEX provisioning_task_failed_path ON provisioning_task (account_path, created_at, id) WHERE status = 'FAILED';
