-- Cascade benchmark data generator, part 2: a catalog and one subscription per account, set-based, on the tree
-- that generate.sql made (run it right after, with psql, against the same database).
--
-- What it makes, as the product would have made it through the API:
--   * one service `bench-cloud` (adapter `manual`) with two resource types: `bench_seat` (seats, ordered and
--     billed per unit every period) and `bench_gb` (storage, metered: usage above 10 GB billed in arrears);
--   * for the provider and every reseller, a PUBLISHED monthly plan for each kind of direct buyer it has: a
--     RESELLER plan when it has resellers below it, an END_CUSTOMER plan when it has customers. The provider's
--     prices are FIXED (resellers: 100.00 a month, 2.0000 a seat, 0.0500 a GB; its own customers: 9.00, 3.5000
--     and 0.0800); a reseller's prices are MARKUP_PERCENT 20 over its wholesale prices, with a recurring fee of
--     10.00 (resellers below) or 4.00 (customers);
--   * every reseller holds its vendor's RESELLER plan (purpose RESALE); every customer that is not TERMINATED
--     has one OWN_USE subscription of its vendor's END_CUSTOMER plan with 1 to 5 seats and 10 GB (ACTIVE, or SUSPENDED with
--     its suspended account); a TERMINATED customer's subscription is CANCELLED; each reseller's holding counts
--     what its whole subtree ordered (limits flow up the tree, ADR 0007; no limits are set);
--   * start dates spread over the last 27 days, so that a billing run today bills each subscription's first
--     period(s) and setup: every subscription is due.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '256MB';

BEGIN;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM service WHERE code = 'bench-cloud') THEN
        RAISE EXCEPTION 'bench: expected no subscriptions yet (run this once, after generate.sql)';
    END IF;
END $$;

INSERT INTO service (id, code, name, adapter, adapter_config, created_at)
VALUES (gen_random_uuid(), 'bench-cloud', 'Bench Cloud', 'manual', '{}', now());
INSERT INTO resource_type (id, service_id, code, name, unit, metered)
SELECT gen_random_uuid(), s.id, r.code, r.name, r.unit, r.metered
FROM service s, (VALUES ('bench_seat', 'Seat', 'seat', false), ('bench_gb', 'Storage', 'GB', true))
    r(code, name, unit, metered)
WHERE s.code = 'bench-cloud';

-- the vendors and the kinds of buyers they have
CREATE TEMP TABLE gen_plan ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, v.id AS vendor_id, v.path AS vendor_path, v.type AS vendor_type, b.audience
FROM account v
CROSS JOIN LATERAL (
    SELECT DISTINCT CASE c.type WHEN 'RESELLER' THEN 'RESELLER' ELSE 'END_CUSTOMER' END AS audience
    FROM account c WHERE c.vendor_id = v.id
) b
WHERE v.type IN ('PROVIDER', 'RESELLER');
CREATE UNIQUE INDEX ON gen_plan (vendor_id, audience);
ANALYZE gen_plan;

-- Bulk load as in generate.sql: secondary indexes of the loaded tables dropped and rebuilt, per-row foreign-key
-- triggers off; every foreign key is checked set-based before COMMIT.
CREATE TEMP TABLE gen_index ON COMMIT DROP AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
WHERE (i.indrelid IN ('subscription'::regclass, 'subscription_resource'::regclass)
       OR i.indrelid = to_regclass('subscription_terms'))
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT name FROM gen_index LOOP
        EXECUTE 'DROP INDEX ' || r.name;
    END LOOP;
END $$;
SET LOCAL session_replication_role = replica;
SET LOCAL maintenance_work_mem = '512MB';

INSERT INTO plan (id, vendor_id, vendor_path, name, description, audience, billing_period, currency, status,
                  version, created_at, updated_at, published_at)
SELECT id, vendor_id, vendor_path,
       CASE audience WHEN 'RESELLER' THEN 'Bench wholesale' ELSE 'Bench cloud' END, NULL, audience, 'MONTHLY',
       'EUR', 'PUBLISHED', 1, now() - interval '60 days', now() - interval '60 days', now() - interval '60 days'
FROM gen_plan;
INSERT INTO plan_resource (plan_id, resource_type_id, position, included, limit_quantity, limit_type)
SELECT p.id, rt.id, CASE rt.code WHEN 'bench_seat' THEN 0 ELSE 1 END,
       CASE rt.code WHEN 'bench_seat' THEN 0 ELSE 10 END, NULL, 'SOFT'
FROM gen_plan p, resource_type rt WHERE rt.code IN ('bench_seat', 'bench_gb');
INSERT INTO plan_price (plan_id, effective_from, rule, rule_value, setup_fee, recurring_fee, resource_prices,
                        below_cost, created_at)
SELECT p.id, DATE '1900-01-01',
       CASE WHEN p.vendor_type = 'PROVIDER' THEN 'FIXED' ELSE 'MARKUP_PERCENT' END,
       CASE WHEN p.vendor_type = 'PROVIDER' THEN NULL ELSE 20 END,
       CASE WHEN p.audience = 'RESELLER' THEN 0 ELSE 5 END,
       CASE WHEN p.vendor_type = 'PROVIDER' AND p.audience = 'RESELLER' THEN 100
            WHEN p.vendor_type = 'PROVIDER' THEN 9
            WHEN p.audience = 'RESELLER' THEN 10 ELSE 4 END,
       CASE WHEN p.vendor_type <> 'PROVIDER' THEN
                '{"bench_gb": {"unitPrice": null, "usagePrice": null}, "bench_seat": {"unitPrice": null, "usagePrice": null}}'
            WHEN p.audience = 'RESELLER' THEN
                '{"bench_gb": {"unitPrice": null, "usagePrice": 0.0500}, "bench_seat": {"unitPrice": 2.0000, "usagePrice": null}}'
            ELSE
                '{"bench_gb": {"unitPrice": null, "usagePrice": 0.0800}, "bench_seat": {"unitPrice": 3.5000, "usagePrice": null}}'
       END::jsonb,
       false, now() - interval '60 days'
FROM gen_plan p;

-- one subscription per account below the provider
CREATE TEMP TABLE gen_sub ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, a.id AS account_id, a.path, a.type, a.status, a.seq, p.id AS plan_id,
       p.vendor_id, (1 + a.seq % 5)::numeric AS seats
FROM account a
JOIN gen_plan p ON p.vendor_id = a.vendor_id
               AND p.audience = CASE a.type WHEN 'RESELLER' THEN 'RESELLER' ELSE 'END_CUSTOMER' END
WHERE a.type IN ('RESELLER', 'CUSTOMER');
CREATE INDEX ON gen_sub (path) WHERE type = 'CUSTOMER' AND status <> 'TERMINATED';
ANALYZE gen_sub;

INSERT INTO subscription (id, account_id, account_path, plan_id, vendor_id, purpose, status,
                          suspended_with_account, status_before_suspension, start_date, cancel_at, cancelled_on,
                          version, created_at, updated_at)
SELECT s.id, s.account_id, s.path, s.plan_id, s.vendor_id,
       CASE s.type WHEN 'RESELLER' THEN 'RESALE' ELSE 'OWN_USE' END,
       CASE s.status WHEN 'SUSPENDED' THEN 'SUSPENDED' WHEN 'TERMINATED' THEN 'CANCELLED' ELSE 'ACTIVE' END,
       s.status = 'SUSPENDED', CASE WHEN s.status = 'SUSPENDED' THEN 'ACTIVE' END,
       current_date - (s.seq % 27)::int, NULL,
       CASE WHEN s.status = 'TERMINATED' THEN current_date END,
       0, now() - interval '30 days', now() - interval '30 days'
FROM gen_sub s
ORDER BY s.seq;

-- ordered quantities of the customers (seats; storage at its included 10 GB, as an order without a quantity
-- gets); a reseller's holding counts what its whole subtree has ordered
INSERT INTO subscription_resource (subscription_id, resource_type_id, quantity)
SELECT s.id, rt.id, CASE rt.code WHEN 'bench_seat' THEN s.seats ELSE 10 END
FROM gen_sub s, resource_type rt
WHERE s.type = 'CUSTOMER' AND rt.code IN ('bench_seat', 'bench_gb');
INSERT INTO subscription_resource (subscription_id, resource_type_id, quantity)
SELECT r.id, rt.id,
       coalesce((SELECT CASE rt.code WHEN 'bench_seat' THEN sum(c.seats) ELSE 10 * count(*) END FROM gen_sub c
                 WHERE c.type = 'CUSTOMER' AND c.status <> 'TERMINATED'
                   AND c.path > r.path AND c.path < r.path || '~'), 0)
FROM gen_sub r, resource_type rt
WHERE r.type = 'RESELLER' AND rt.code IN ('bench_seat', 'bench_gb');

-- the subscriptions' terms history that billing reads (when the schema has it): the terms from the start, and
-- the cancellation, as the product writes them
DO $$
BEGIN
    IF to_regclass('subscription_terms') IS NOT NULL THEN
        INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status, quantities, recorded_at)
        SELECT s.id, s.start_date, s.plan_id, CASE WHEN s.status = 'CANCELLED' THEN 'ACTIVE' ELSE s.status END,
               coalesce(q.quantities, '{}'::jsonb), now()
        FROM subscription s
        LEFT JOIN (SELECT subscription_id, jsonb_object_agg(resource_type_id::text, quantity::text) AS quantities
                   FROM subscription_resource GROUP BY subscription_id) q ON q.subscription_id = s.id
        ORDER BY s.id;
        INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status, quantities, recorded_at)
        SELECT s.id, s.cancelled_on, s.plan_id, 'CANCELLED', '{}'::jsonb, now()
        FROM subscription s WHERE s.status = 'CANCELLED' AND s.cancelled_on IS NOT NULL;
    END IF;
END $$;

SET LOCAL session_replication_role = origin;
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT def FROM gen_index LOOP
        EXECUTE r.def;
    END LOOP;
END $$;
-- the subscriptions below each account, which the product's triggers keep (ADR 0044): the load bypassed them
\o /dev/null
SELECT subscription_subtree_count_rebuild();
\o

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM subscription s WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = s.account_id)
                                                OR NOT EXISTS (SELECT 1 FROM plan p WHERE p.id = s.plan_id))
       OR EXISTS (SELECT 1 FROM subscription_resource r
                  WHERE NOT EXISTS (SELECT 1 FROM subscription s WHERE s.id = r.subscription_id)
                     OR NOT EXISTS (SELECT 1 FROM resource_type t WHERE t.id = r.resource_type_id))
       OR EXISTS (SELECT 1 FROM plan p WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = p.vendor_id)) THEN
        RAISE EXCEPTION 'bench: a generated row breaks a foreign key';
    END IF;
END $$;

COMMIT;

VACUUM (ANALYZE) plan;
VACUUM (ANALYZE) plan_resource;
VACUUM (ANALYZE) plan_price;
VACUUM (ANALYZE) subscription;
VACUUM (ANALYZE) subscription_resource;
ANALYZE;
CHECKPOINT;

SELECT count(*) AS subscriptions,
       count(*) FILTER (WHERE status = 'ACTIVE') AS active,
       count(*) FILTER (WHERE purpose = 'RESALE') AS holdings,
       (SELECT count(*) FROM plan) AS plans
FROM subscription;
