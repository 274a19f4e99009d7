-- Provisioning tasks run as jobs on the job engine (docs/adr/0017-one-job-engine.md): one execution per open task,
-- due when the task was (its next attempt, or the end of its lease or callback wait). The engine's heartbeat replaces
-- the task's lease; the lease token stays as the mark of the current attempt.
INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
SELECT 'provisioning-task', id::text,
       CASE WHEN status = 'PENDING' THEN next_attempt_at ELSE COALESCE(lease_until, now()) END, false, 1
FROM provisioning_task
WHERE status IN ('PENDING', 'RUNNING');

DROP INDEX provisioning_task_due;
ALTER TABLE provisioning_task DROP COLUMN lease_until;
