-- Cascade benchmark data generator: set-based SQL, run by bench/run.sh with psql against the PostgreSQL of a
-- freshly started Cascade (only the provider and its administrator exist).
--
-- psql variables (all required):
--   n       accounts in all, the provider included            (1000000 for the goals)
--   big     descendants of the one big reseller "B"            (100000)
--   groups  other top-level resellers, each with a chain of 1..9 resellers and their customers
--   direct  customers directly below the provider
--
-- The tree (levels 0..10):
--   provider (level 0, already there)
--   ├─ B (level 1): a binary tree of 511 resellers on levels 1..9, and big-510 customers spread evenly over them
--   │  (customers of level-9 resellers are on level 10)
--   ├─ `groups` resellers on level 1, reseller g with a chain of 1 + (g-1) % 9 resellers (levels 1..9); the rest
--   │  of the accounts are customers spread evenly over each chain
--   └─ `direct` customers on level 1
-- Seq numbers follow creation order: resellers first, then customers round-robin across all groups, so the rows
-- of one subtree are spread over the whole table as they would be after years of sign-ups. Paths are built as
-- AccountPaths.child builds them: the vendor's path + base-36 seq + '.'. 3 % of the customers are SUSPENDED (on
-- their own), 1 % TERMINATED, the rest ACTIVE.
-- Every account gets one ACTIVE administrator (role ACCOUNT_ADMIN, password 'Bench-User-2026x', e-mail
-- admin@<seq in base 36>.bench.example) with one API token 'cas_bench_' || lpad(<seq>, 37, '0'), valid one year;
-- only its SHA-256 digest is stored, as Secrets.digest does.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '256MB';

CREATE FUNCTION pg_temp.b36(n bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE r text := '';
BEGIN
    IF n = 0 THEN RETURN '0'; END IF;
    WHILE n > 0 LOOP
        r := substr('0123456789abcdefghijklmnopqrstuvwxyz', (n % 36)::int + 1, 1) || r;
        n := n / 36;
    END LOOP;
    RETURN r;
END $$;

BEGIN;

-- refuse anything but a fresh database: the generator owns the whole tree below the provider
DO $$
BEGIN
    IF (SELECT count(*) FROM account) <> 1 OR (SELECT count(*) FROM account WHERE type = 'PROVIDER') <> 1 THEN
        RAISE EXCEPTION 'bench: expected a fresh Cascade database with only the provider account';
    END IF;
END $$;

CREATE FUNCTION pg_temp.check_sizes(n bigint, big bigint, groups int, direct bigint) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    IF big < 600 THEN
        RAISE EXCEPTION 'bench: big must be at least 600 (B alone has 510 resellers below it)';
    END IF;
    IF groups < 1 OR direct < 0 OR n - 2 - big - direct < 10 * groups THEN
        RAISE EXCEPTION 'bench: n = % is too small for big = %, groups = %, direct = % (a group needs 10 accounts)',
            n, big, groups, direct;
    END IF;
END $$;
\o /dev/null
SELECT pg_temp.check_sizes(:n, :big, :groups, :direct);
\o

-- the skeleton of resellers: idx 0 is the provider, 1..511 B's binary tree (heap numbering), then the chains
CREATE TEMP TABLE gen_reseller (idx bigint PRIMARY KEY, parent bigint, level int NOT NULL, grp int NOT NULL,
                                pos int NOT NULL) ON COMMIT DROP;
INSERT INTO gen_reseller
SELECT h, CASE WHEN h = 1 THEN 0 ELSE h / 2 END, length(ltrim(h::bit(16)::text, '0')), 0, h
FROM generate_series(1, 511) h;
INSERT INTO gen_reseller
SELECT 511 + row_number() OVER (ORDER BY g, j), NULL, j, g, j
FROM generate_series(1, :groups) g, generate_series(1, 1 + (g - 1) % 9) j;
UPDATE gen_reseller SET parent = CASE WHEN pos = 1 THEN 0 ELSE idx - 1 END WHERE grp > 0;

-- group sizes (resellers + customers); B's customers: big - 510; each other group an equal share
CREATE TEMP TABLE gen_group (grp int PRIMARY KEY, resellers int NOT NULL, customers bigint NOT NULL) ON COMMIT DROP;
INSERT INTO gen_group
SELECT 0, 511, :big - 510;
INSERT INTO gen_group
SELECT g, 1 + (g - 1) % 9,
       (:n - 2 - :big - :direct) / :groups + CASE WHEN g = :groups THEN (:n - 2 - :big - :direct) % :groups ELSE 0 END
           - (1 + (g - 1) % 9)
FROM generate_series(1, :groups) g;
-- the provider's own customers form group -1
INSERT INTO gen_group VALUES (-1, 0, :direct);

-- customers: the k-th customer of a group hangs below reseller 1 + k % resellers of that group (or the provider)
CREATE TEMP TABLE gen_account (idx bigint, parent bigint, level int, kind char(1), k bigint) ON COMMIT DROP;
INSERT INTO gen_account SELECT idx, parent, level, 'R', 0 FROM gen_reseller;
INSERT INTO gen_account
SELECT (SELECT max(idx) FROM gen_reseller) + row_number() OVER (ORDER BY c.k, c.grp),
       c.parent_idx, c.parent_level + 1, 'C', c.k
FROM (
    SELECT gg.grp, k, coalesce(r.idx, 0) AS parent_idx, coalesce(r.level, 0) AS parent_level
    FROM gen_group gg
    CROSS JOIN LATERAL generate_series(0, gg.customers - 1) k
    LEFT JOIN gen_reseller r ON r.grp = gg.grp AND gg.resellers > 0 AND r.pos = 1 + (k % nullif(gg.resellers, 0))
) c;

-- ids, seqs, customer numbers (per vendor in creation order, one counter for R and C as takeCustomerNumber has)
SELECT last_value AS seq0 FROM account_seq \gset
CREATE TEMP TABLE gen (idx bigint PRIMARY KEY, id uuid NOT NULL, seq bigint NOT NULL, s36 text, parent bigint,
                       level int, kind char(1), k bigint, number text, children int NOT NULL DEFAULT 0,
                       path text COLLATE "C") ON COMMIT DROP;
INSERT INTO gen (idx, id, seq, s36, parent, level, kind, k, number)
SELECT idx, gen_random_uuid(), :seq0 + idx, pg_temp.b36(:seq0 + idx), parent, level, kind, k,
       (CASE kind WHEN 'R' THEN 'R' ELSE 'C' END)
           || lpad((row_number() OVER (PARTITION BY parent ORDER BY idx))::text, 6, '0')
FROM gen_account;
INSERT INTO gen (idx, id, seq, parent, level, kind, k, number, path)
SELECT 0, id, seq, NULL, 0, 'P', 0, customer_number, path FROM account WHERE type = 'PROVIDER';
UPDATE gen p SET children = c.cnt FROM (SELECT parent, count(*) AS cnt FROM gen WHERE parent IS NOT NULL
                                        GROUP BY parent) c WHERE p.idx = c.parent;
ANALYZE gen;

-- paths, level by level: the vendor's path + base-36 seq + '.'
DO $$
BEGIN
    FOR l IN 1..10 LOOP
        UPDATE gen c SET path = p.path || c.s36 || '.'
        FROM gen p WHERE c.level = l AND p.idx = c.parent;
    END LOOP;
    IF EXISTS (SELECT 1 FROM gen WHERE path IS NULL) THEN
        RAISE EXCEPTION 'bench: some paths were not built';
    END IF;
END $$;

-- Bulk load as pg_restore does: the secondary indexes (those that back no constraint) are dropped here and built
-- again from their own definitions after the load, and the per-row foreign-key triggers are off for this
-- transaction (session_replication_role = replica). The rows are valid by construction; the checks after COMMIT
-- prove every foreign key again, set-based.
CREATE TEMP TABLE gen_index ON COMMIT DROP AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
WHERE i.indrelid IN ('account'::regclass, 'app_user'::regclass, 'user_role'::regclass, 'api_token'::regclass,
                     'licence'::regclass)
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

-- the rows, in creation (seq) order
INSERT INTO account (id, seq, path, type, vendor_id, level, status, suspended_by, status_before_suspension,
                     company_name, customer_number, street, city, postal_code, country, phone, homepage,
                     contact_name, contact_email, currency, locale, time_zone, bill_cycle_day, billable,
                     reseller_model, customer_invoicing, customer_invoice_format, customer_bill_cycle_day,
                     next_customer_number, version, created_at, updated_at)
SELECT g.id, g.seq, g.path,
       CASE g.kind WHEN 'R' THEN 'RESELLER' ELSE 'CUSTOMER' END,
       p.id, g.level,
       CASE WHEN g.kind = 'R' THEN 'ACTIVE' WHEN g.idx % 100 < 3 THEN 'SUSPENDED'
            WHEN g.idx % 100 = 3 THEN 'TERMINATED' ELSE 'ACTIVE' END,
       CASE WHEN g.kind = 'C' AND g.idx % 100 < 3 THEN g.id END,
       CASE WHEN g.kind = 'C' AND g.idx % 100 < 3 THEN 'ACTIVE' END,
       CASE g.kind WHEN 'R' THEN 'Reseller ' ELSE 'Customer ' END || g.s36
           || CASE g.idx % 4 WHEN 0 THEN ' GmbH' WHEN 1 THEN ' Ltd' WHEN 2 THEN ' SARL' ELSE ' Inc.' END,
       g.number,
       'Street ' || (g.idx % 997 + 1), (ARRAY['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Vienna', 'Zurich'])[g.idx % 6 + 1],
       lpad((10000 + g.idx % 89999)::text, 5, '0'), (ARRAY['DE', 'DE', 'DE', 'AT', 'CH'])[g.idx % 5 + 1],
       '+49 30 ' || lpad((g.idx % 10000000)::text, 7, '0'),
       CASE WHEN g.kind = 'R' THEN 'https://' || g.s36 || '.reseller.example' END,
       'Contact ' || g.s36, 'billing@' || g.s36 || '.bench.example',
       'EUR', 'en', 'UTC', 1 + g.idx % 28,
       CASE WHEN g.kind = 'C' THEN true END,
       CASE WHEN g.kind = 'R' THEN 'PREPAID' END,
       CASE WHEN g.kind = 'R' THEN true END,
       CASE WHEN g.kind = 'R' THEN 'PDF' END,
       CASE WHEN g.kind = 'R' THEN 1 + g.idx % 28 END,
       1 + g.children, 1, now(), now()
FROM gen g JOIN gen p ON p.idx = g.parent
ORDER BY g.seq;

UPDATE account a SET next_customer_number = a.next_customer_number + g.children FROM gen g
WHERE g.idx = 0 AND a.id = g.id;
\o /dev/null
SELECT setval('account_seq', (SELECT max(seq) FROM account));
\o
-- resellers are generated down to level 9: allow that deep a reseller chain (platform setting, 1..20)
UPDATE platform_settings SET max_reseller_depth = greatest(max_reseller_depth, 9), version = version + 1,
                             updated_at = now();

-- one administrator per generated account, with the built-in ACCOUNT_ADMIN role and one API token
CREATE TEMP TABLE gen_user ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, g.id AS account_id, g.seq, g.s36 FROM gen g WHERE g.idx > 0;
INSERT INTO app_user (id, account_id, email, name, password_hash, status, version, created_at, updated_at)
SELECT u.id, u.account_id, 'admin@' || u.s36 || '.bench.example', 'Admin ' || u.s36,
       -- bcrypt (strength 10) of 'Bench-User-2026x'
       '$2a$10$4TjJtn9rpsRNPPJ6YyevOOEjlVvrmwnwqUe7kKm2Ic1H0vRqN.LQC', 'ACTIVE', 1, now(), now()
FROM gen_user u ORDER BY u.seq;
INSERT INTO user_role (user_id, role_id)
SELECT u.id, r.id FROM gen_user u, role r WHERE r.account_id IS NULL AND r.code = 'ACCOUNT_ADMIN' ORDER BY u.seq;
INSERT INTO api_token (id, user_id, token_hash, name, created_at, expires_at, account_path)
SELECT gen_random_uuid(), u.id, sha256(convert_to('cas_bench_' || lpad(u.seq::text, 37, '0'), 'UTF8')),
       'bench', now(), now() + interval '365 days', g.path
FROM gen_user u JOIN gen g ON g.id = u.account_id ORDER BY u.seq;

-- feature licences (ADR 0038) as a new account receives them from a vendor that holds everything: every feature for a
-- reseller, SIM_MANAGEMENT and API_ACCESS for a customer; no seats, no end (every bearer request needs API_ACCESS)
INSERT INTO licence (account_id, account_path, feature, granted_at, updated_at)
SELECT g.id, g.path, f.feature, now(), now()
FROM gen g
JOIN (VALUES ('RESELLER'), ('SIM_MANAGEMENT'), ('OWN_PRODUCTS'), ('STOREFRONT'), ('API_ACCESS'), ('WHITE_LABEL'))
    AS f (feature) ON g.kind = 'R' OR f.feature IN ('SIM_MANAGEMENT', 'API_ACCESS')
WHERE g.idx > 0
ORDER BY g.seq, f.feature;

SET LOCAL session_replication_role = origin;
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT def FROM gen_index LOOP
        EXECUTE r.def;
    END LOOP;
END $$;
-- the accounts below each account, which the product's triggers keep (ADR 0044): the load bypassed them
\o /dev/null
SELECT account_subtree_count_rebuild();
\o

-- every foreign key of the generated rows, checked set-based before COMMIT (the load ran without
-- the per-row triggers)
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM account a WHERE a.vendor_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM account v WHERE v.id = a.vendor_id))
       OR EXISTS (SELECT 1 FROM app_user u WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = u.account_id))
       OR EXISTS (SELECT 1 FROM user_role ur WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = ur.user_id)
                  OR NOT EXISTS (SELECT 1 FROM role r WHERE r.id = ur.role_id))
       OR EXISTS (SELECT 1 FROM api_token t WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = t.user_id))
       OR EXISTS (SELECT 1 FROM licence l WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = l.account_id)) THEN
        RAISE EXCEPTION 'bench: a generated row breaks a foreign key';
    END IF;
END $$;

COMMIT;

-- feature licences (ADR 0038) as an installation that existed before them has: every reseller holds every feature,
-- every customer SIM management and API access (the tokens above are API keys)
INSERT INTO licence (account_id, account_path, feature, granted_at, updated_at)
SELECT a.id, a.path, f.feature, now(), now()
FROM account a
CROSS JOIN (VALUES ('RESELLER'), ('SIM_MANAGEMENT'), ('OWN_PRODUCTS'), ('STOREFRONT'), ('API_ACCESS'),
                   ('WHITE_LABEL')) AS f (feature)
WHERE (a.type = 'RESELLER' OR (a.type = 'CUSTOMER' AND f.feature IN ('SIM_MANAGEMENT', 'API_ACCESS')))
ON CONFLICT DO NOTHING;

VACUUM (ANALYZE) account;
VACUUM (ANALYZE) app_user;
VACUUM (ANALYZE) user_role;
VACUUM (ANALYZE) api_token;
VACUUM (ANALYZE) licence;
VACUUM (ANALYZE) platform_settings;
VACUUM (ANALYZE) licence;
CHECKPOINT;

SELECT count(*) AS accounts, max(level) AS max_level,
       count(*) FILTER (WHERE type = 'RESELLER') AS resellers,
       count(*) FILTER (WHERE status = 'ACTIVE') AS active
FROM account;
