-- A MOVE between service nodes that failed or waits may be cancelled (issue 19, ADR 0040): the task ends CANCELLED
-- and the resource stays on its node.
ALTER TABLE provisioning_task DROP CONSTRAINT provisioning_task_status_check;
ALTER TABLE provisioning_task ADD CONSTRAINT provisioning_task_status_check
    CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'));
