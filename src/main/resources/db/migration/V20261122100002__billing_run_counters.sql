-- A run's progress is read while it runs (every fraction of a second by a client polling it): counting a million
-- work items per read would slow the run down. The writing transactions keep the counts on the run row instead, and
-- the failed items have an index of their own.
ALTER TABLE billing_run ADD COLUMN buyers_done integer NOT NULL DEFAULT 0;
ALTER TABLE billing_run ADD COLUMN buyers_failed integer NOT NULL DEFAULT 0;
UPDATE billing_run r SET
    buyers_done = (SELECT count(*) FROM billing_run_item i WHERE i.run_id = r.id AND i.state = 'DONE'),
    buyers_failed = (SELECT count(*) FROM billing_run_item i WHERE i.run_id = r.id AND i.state = 'FAILED');
CREATE INDEX billing_run_item_failed ON billing_run_item (run_id, seq) WHERE state = 'FAILED';
