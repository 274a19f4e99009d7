-- A usage record id is unique per subscription and SUBMITTER (issue 15), no longer per subscription alone: before,
-- a customer could report quantity 0 under the ids its vendor's metering would use (the SIM ids are predictable,
-- sim:<iccid>:<id>) and the vendor's real usage was then dropped as duplicates. The submitter is the account of the
-- user who reported (its home account, also when acting on behalf of an account below; the provider for the
-- platform's own collection). A retry by the same submitter is still a duplicate; the same id from another
-- submitter is a record of its own.
--
-- Records stored before are counted as the provider's: the platform's usage collection (which reads the last two
-- days again on every pass) is the one submitter that re-sends old ids by itself, so its retries stay duplicates.
--
-- The key stays one index and the insert one statement (docs/benchmarks.md, P5): 16 more bytes per index entry.
ALTER TABLE usage_record ADD COLUMN submitter_id uuid;
UPDATE usage_record SET submitter_id = (SELECT id FROM account WHERE type = 'PROVIDER' ORDER BY level, seq LIMIT 1);
ALTER TABLE usage_record ALTER COLUMN submitter_id SET NOT NULL;
ALTER TABLE usage_record DROP CONSTRAINT usage_record_pkey;
ALTER TABLE usage_record ADD PRIMARY KEY (subscription_id, submitter_id, record_id);
