-- The outbox's claim (ADR 0025) takes the open messages in seq order. Walking the whole table's seq index it passed
-- every SENT row before reaching the first open one, so each claim grew slower with the table; this index holds only
-- the open rows, in that order. It also stands in for the two indexes it replaces: the due time and the lease are
-- read from the few rows it gives.
CREATE INDEX outbox_message_open ON outbox_message (seq) WHERE status IN ('PENDING', 'SENDING');
DROP INDEX outbox_message_due;
DROP INDEX outbox_message_leased;

-- A billing run's invoice mails wait (WAITING) until the run has completed, then become PENDING by their hold key,
-- so that composing them does not take the CPUs the run is using.
ALTER TABLE outbox_message ADD COLUMN hold_key text;
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_status_check;
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'HELD', 'FAILED', 'WAITING'));
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_waiting_has_key
    CHECK (status <> 'WAITING' OR hold_key IS NOT NULL);
CREATE INDEX outbox_message_waiting ON outbox_message (hold_key, seq) WHERE status = 'WAITING';
