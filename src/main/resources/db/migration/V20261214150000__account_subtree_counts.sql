-- Accounts below each account per type and status, kept as accounts change (ADR 0044): the dashboard and the account
-- page read one account's few rows instead of counting its subtree. A row per (ancestor path, type, status); an
-- account counts for every account strictly above it (the prefixes of its path). Statement-level triggers with
-- transition tables fold a whole statement's rows (a suspension cascade over 100,000 accounts) into one delta per
-- ancestor, applied in the same transaction in path order, so the counts are exact at every commit on every node.
CREATE TABLE account_subtree_count (
    path      text COLLATE "C" NOT NULL,
    type      text             NOT NULL,
    status    text             NOT NULL,
    accounts  bigint           NOT NULL,
    PRIMARY KEY (path, type, status)
);

-- the strict ancestors of each changed account (every prefix of its path that ends with a '.', but the path itself)
CREATE FUNCTION account_subtree_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO account_subtree_count AS c (path, type, status, accounts)
        SELECT left(d.path, p.n), d.type, d.status, count(*)
        FROM new_rows d CROSS JOIN LATERAL generate_series(1, length(d.path) - 1) p(n)
        WHERE substr(d.path, p.n, 1) = '.'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (path, type, status) DO UPDATE SET accounts = c.accounts + excluded.accounts;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO account_subtree_count AS c (path, type, status, accounts)
        SELECT left(d.path, p.n), d.type, d.status, sum(d.delta)
        FROM (SELECT path, type, status, -1 AS delta FROM old_rows
              UNION ALL SELECT path, type, status, 1 FROM new_rows) d
        CROSS JOIN LATERAL generate_series(1, length(d.path) - 1) p(n)
        WHERE substr(d.path, p.n, 1) = '.'
        GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (path, type, status) DO UPDATE SET accounts = c.accounts + excluded.accounts;
    ELSE
        INSERT INTO account_subtree_count AS c (path, type, status, accounts)
        SELECT left(d.path, p.n), d.type, d.status, -count(*)
        FROM old_rows d CROSS JOIN LATERAL generate_series(1, length(d.path) - 1) p(n)
        WHERE substr(d.path, p.n, 1) = '.'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (path, type, status) DO UPDATE SET accounts = c.accounts + excluded.accounts;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER account_subtree_count_insert AFTER INSERT ON account REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION account_subtree_count_apply();
CREATE TRIGGER account_subtree_count_update AFTER UPDATE ON account
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION account_subtree_count_apply();
CREATE TRIGGER account_subtree_count_delete AFTER DELETE ON account REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION account_subtree_count_apply();

-- counted again from the accounts: here, and after a bulk load that bypassed the triggers (the benchmarks' generator)
CREATE FUNCTION account_subtree_count_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM account_subtree_count;
    INSERT INTO account_subtree_count (path, type, status, accounts)
    SELECT left(a.path, p.n), a.type, a.status, count(*)
    FROM account a CROSS JOIN LATERAL generate_series(1, length(a.path) - 1) p(n)
    WHERE substr(a.path, p.n, 1) = '.'
    GROUP BY 1, 2, 3;
$$;
SELECT account_subtree_count_rebuild();
