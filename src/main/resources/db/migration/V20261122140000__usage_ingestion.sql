-- Usage ingestion (benchmark P5, docs/benchmarks.md): the per-row foreign-key triggers of the two usage tables cost
-- about half of the database's time per record. UsageMetering checks, in the inserting transaction, that every
-- record's subscription exists (and lies in the caller's subtree) and that its resource type belongs to the
-- subscription's plan, and subscriptions and resource types are never deleted; the constraints only repeated that
-- check row by row. See docs/adr/0012-usage-tables-without-foreign-keys.md.
ALTER TABLE usage_record DROP CONSTRAINT usage_record_subscription_id_fkey;
ALTER TABLE usage_record DROP CONSTRAINT usage_record_resource_type_id_fkey;
ALTER TABLE usage_daily DROP CONSTRAINT usage_daily_subscription_id_fkey;
ALTER TABLE usage_daily DROP CONSTRAINT usage_daily_resource_type_id_fkey;
