-- Billing chunks run as jobs on the job engine (docs/adr/0017-one-job-engine.md): the engine's heartbeat replaces the
-- item's lease. A run still RUNNING gets its chunks (1,000 buyers each) as executions, so that it goes on.
ALTER TABLE billing_run_item DROP COLUMN lease_until;

INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
SELECT 'billing-chunk', r.id || '/' || c.first || '-' || LEAST(r.buyers_total, c.first + 999), now(), false, 1
FROM billing_run r
CROSS JOIN LATERAL generate_series(1, GREATEST(r.buyers_total, 1), 1000) AS c(first)
WHERE r.status = 'RUNNING';
