-- The outbox's claim (ADR 0025) takes the open messages in seq order. Walking the whole table's seq index it passed
-- every SENT row before reaching the first open one, so each claim grew slower with the table; this index holds only
-- the open rows, in that order. It also stands in for the two indexes it replaces: the due time and the lease are
-- read from the few rows it gives.
CREATE INDEX outbox_message_open ON outbox_message (seq) WHERE status IN ('PENDING', 'SENDING');
DROP INDEX outbox_message_due;
DROP INDEX outbox_message_leased;
