-- One month of usage.sql (psql variable k: 1..3, oldest first): its records, then its daily totals.
--
-- Subscription i (0-based, in id order) gets per records in the month, one more when i < rem. Its record j lies at
-- the month's start + off_i + j * step seconds, where step = secs / (per + 1) and off_i = (i * 7919) mod step: evenly
-- spaced, shifted per subscription, in time order, and all inside the month ((cnt - 1) * step + off_i < secs).
-- Because the times are that formula, the records of each day are counted by arithmetic too (no scan and sort of the
-- rows just written): on day d (0-based) lie the j from ceil((d * 86400 - off_i) / step) to
-- ceil(((d + 1) * 86400 - off_i) / step) - 1, within 0 .. cnt - 1. run.sh checks both against each other at small
-- sizes.
SELECT first AS mfirst, start_epoch, secs, n AS mn, n / :subs AS per, n % :subs AS rem,
       greatest(secs / (n / :subs + 1), 1) AS step,
       CAST(extract(day FROM first + interval '1 month' - interval '1 day') AS integer) AS days,
       NOT EXISTS (SELECT 1 FROM usage_daily WHERE day >= first AND day < first + interval '1 month') AS daily_empty
FROM p8_month WHERE k = :k \gset

\if :has_month
\set month_col ', month'
\set month_val ', CAST(' :'mfirst' ' AS date)'
\else
\set month_col ''
\set month_val ''
\endif
INSERT INTO usage_record (subscription_id, submitter_id, record_id, resource_type_id, quantity, occurred_at,
                          received_at :month_col)
SELECT s.id, :'submitter', :'prefix' || :k || '.' || j, :'rt', 0.25, t.at, t.at :month_val
FROM p8_sub s
CROSS JOIN LATERAL generate_series(0, :per + CASE WHEN s.i < :rem THEN 0 ELSE -1 END) j
CROSS JOIN LATERAL (SELECT to_timestamp(:start_epoch + (s.i * 7919) % :step + j * :step) AS at) t;
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' ' || :'mfirst' || ': ' || :mn
       || ' records inserted';

-- the month's daily totals (ceil(x / step) for x > 0 is (x + step - 1) / step, and no j lies below 0); added to what usage_daily holds for the month, if anything (a plain insert
-- when it holds nothing there: half the time of INSERT ... ON CONFLICT)
CREATE TEMP VIEW p8_daily AS
SELECT s.id AS subscription_id, CAST(:'rt' AS uuid) AS resource_type_id, CAST(:'mfirst' AS date) + d AS day,
       0.25 * c.records AS quantity, c.records
FROM p8_sub s
CROSS JOIN LATERAL (SELECT (s.i * 7919) % :step AS off,
                           :per + CASE WHEN s.i < :rem THEN 1 ELSE 0 END AS cnt) o
CROSS JOIN LATERAL generate_series(0, :days - 1 + CAST(0 * s.i AS integer)) d -- "+ 0 * s.i": per subscription, so in key order
CROSS JOIN LATERAL (SELECT d * 86400 - o.off AS a, (d + 1) * 86400 - o.off AS b) e
CROSS JOIN LATERAL (SELECT least(o.cnt, CASE WHEN e.b <= 0 THEN 0 ELSE (e.b + :step - 1) / :step END)
                           - least(o.cnt, CASE WHEN e.a <= 0 THEN 0 ELSE (e.a + :step - 1) / :step END) AS records) c
WHERE c.records > 0; -- p8_sub is in id order, and the days ascend per subscription
\if :daily_empty
INSERT INTO usage_daily (subscription_id, resource_type_id, day, quantity, records)
SELECT * FROM p8_daily;
\else
INSERT INTO usage_daily (subscription_id, resource_type_id, day, quantity, records)
SELECT * FROM p8_daily
ON CONFLICT (subscription_id, resource_type_id, day) DO UPDATE
    SET quantity = usage_daily.quantity + EXCLUDED.quantity, records = usage_daily.records + EXCLUDED.records;
\endif
DROP VIEW p8_daily;
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' ' || :'mfirst' || ': daily totals added';
