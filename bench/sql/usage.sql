-- Cascade benchmark data, part 3 (P8): stored usage records at IoT scale, set-based, inside PostgreSQL. run.sh runs
-- it with psql against the database that generate.sql and subscriptions.sql filled, before Cascade ingests anything
-- of its own for P8.
--
-- psql variables (all required):
--   n          records to add (P8_RECORDS less what usage_record already holds)
--   submitter  the submitting account: the one P5's token (the big reseller's administrator) belongs to, so that
--              the stored records and the live ingestion have the same submitter
--   rt         the id of the resource type bench_gb (metered storage, what P5's wrk script reports)
--   path       the big reseller B's path: the records are for subscriptions in its subtree (the submitter's own)
--   prefix     the records' id prefix ('p8.' and a stamp: a second generation never collides with the first)
--
-- What it writes: n records of 0.25 GB for the ACTIVE OWN_USE subscriptions below B whose plan meters bench_gb, spread
-- evenly over the subscriptions and over the last three full months before today (UTC; never in the future), each
-- month's share by its length. Within a month a subscription's records are evenly spaced, shifted per subscription.
-- Record ids: prefix || month (1..3, oldest first) || '.' || index. received_at = occurred_at; month (when the
-- table has that column: partitioned by month) = the first day of occurred_at's UTC month. Inserted through the
-- table itself (a partitioned table routes the rows). usage_daily gets each month's sums and counts per
-- (subscription, resource type, day) added, as the product keeps them.
--
-- Fast on 2 cores: one transaction; the primary key (whatever its columns are: read from the catalog) is dropped
-- before the load and built again after it with a large maintenance_work_mem; one INSERT per month so that the
-- progress shows. VACUUM (ANALYZE) afterwards is run by run.sh (it cannot run inside a transaction block).
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '512MB';
SET maintenance_work_mem = '2GB';
SET max_parallel_maintenance_workers = 2;

BEGIN;

SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'usage_record'::regclass AND attname = 'month'
                                          AND NOT attisdropped) AS has_month \gset
SELECT pg_get_constraintdef(oid) AS pkdef FROM pg_constraint
WHERE conrelid = 'usage_record'::regclass AND conname = 'usage_record_pkey' \gset

-- the subscriptions that may meter bench_gb, numbered
CREATE TEMP TABLE p8_sub ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY s.id) - 1 AS i, s.id
FROM subscription s
WHERE s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
  AND s.account_path > :'path' AND s.account_path < :'path' || '~'
  AND EXISTS (SELECT 1 FROM plan_resource pr JOIN resource_type rt ON rt.id = pr.resource_type_id
              WHERE pr.plan_id = s.plan_id AND rt.id = :'rt' AND rt.metered);
SELECT count(*) AS subs FROM p8_sub \gset
SELECT :subs > 0 AS have_subs \gset
\if :have_subs
\else
    \echo 'bench: no active OWN_USE subscription meters bench_gb'
    \quit 3
\endif

-- the last three full months (UTC), oldest first (k = 1): first day, first second as epoch, length, records
CREATE TEMP TABLE p8_month ON COMMIT DROP AS
WITH m AS (
    SELECT 4 - back AS k, date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => back) AS first
    FROM generate_series(1, 3) back
), s AS (
    SELECT k, first, extract(epoch FROM first AT TIME ZONE 'UTC')::bigint AS start_epoch,
           extract(epoch FROM (first + interval '1 month') - first)::bigint AS secs FROM m
), c AS (
    SELECT s.*, sum(secs) OVER (ORDER BY k) AS upto, sum(secs) OVER () AS total FROM s
)
SELECT k, CAST(first AS date) AS first, start_epoch, secs,
       CAST(floor(CAST(:n AS numeric) * upto / total) - floor(CAST(:n AS numeric) * (upto - secs) / total) AS bigint) AS n
FROM c;

ALTER TABLE usage_record DROP CONSTRAINT usage_record_pkey;
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' ' || :n || ' records for ' || :subs
       || ' subscriptions, primary key dropped';

\set k 1
\ir usage-month.sql
\set k 2
\ir usage-month.sql
\set k 3
\ir usage-month.sql

ALTER TABLE usage_record ADD CONSTRAINT usage_record_pkey :pkdef;
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' primary key built again: ' || :'pkdef';
COMMIT;
