-- A task an immediate adapter leaves to a person (issue 19, ADR 0039): the manual adapter's ENFORCE and LIFT. It is
-- RUNNING and awaiting_staff until the vendor's staff mark it done (POST /api/v1/provisioning-tasks/{id}/complete),
-- instead of being recorded DONE when nobody has stopped or started anything yet.
ALTER TABLE provisioning_task ADD COLUMN awaiting_staff boolean NOT NULL DEFAULT false;
