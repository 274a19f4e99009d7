-- Subscriptions below each account, kept as subscriptions change (ADR 0044): per (ancestor path, purpose, status,
-- month of the start, month of the cancellation or 'infinity'), so that the dashboard's counts per purpose and status
-- and its live subscriptions at each month end are a read of one account's rows plus its own subscriptions. A
-- subscription counts for every account strictly above its account; as for account_subtree_count, statement-level
-- triggers apply one delta per ancestor and statement, in path order, in the same transaction.
CREATE TABLE subscription_subtree_count (
    path           text COLLATE "C" NOT NULL,
    purpose        text             NOT NULL,
    status         text             NOT NULL,
    start_month    date             NOT NULL,
    cancel_month   date             NOT NULL,   -- 'infinity' while not cancelled
    subscriptions  bigint           NOT NULL,
    PRIMARY KEY (path, purpose, status, start_month, cancel_month)
);

CREATE FUNCTION subscription_subtree_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO subscription_subtree_count AS c (path, purpose, status, start_month, cancel_month, subscriptions)
        SELECT left(d.account_path, p.n), d.purpose, d.status, CAST(date_trunc('month', d.start_date) AS date),
               COALESCE(CAST(date_trunc('month', d.cancelled_on) AS date), 'infinity'), count(*)
        FROM new_rows d CROSS JOIN LATERAL generate_series(1, length(d.account_path) - 1) p(n)
        WHERE substr(d.account_path, p.n, 1) = '.'
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (path, purpose, status, start_month, cancel_month)
            DO UPDATE SET subscriptions = c.subscriptions + excluded.subscriptions;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO subscription_subtree_count AS c (path, purpose, status, start_month, cancel_month, subscriptions)
        SELECT left(d.account_path, p.n), d.purpose, d.status, CAST(date_trunc('month', d.start_date) AS date),
               COALESCE(CAST(date_trunc('month', d.cancelled_on) AS date), 'infinity'), sum(d.delta)
        FROM (SELECT account_path, purpose, status, start_date, cancelled_on, -1 AS delta FROM old_rows
              UNION ALL SELECT account_path, purpose, status, start_date, cancelled_on, 1 FROM new_rows) d
        CROSS JOIN LATERAL generate_series(1, length(d.account_path) - 1) p(n)
        WHERE substr(d.account_path, p.n, 1) = '.'
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (path, purpose, status, start_month, cancel_month)
            DO UPDATE SET subscriptions = c.subscriptions + excluded.subscriptions;
    ELSE
        INSERT INTO subscription_subtree_count AS c (path, purpose, status, start_month, cancel_month, subscriptions)
        SELECT left(d.account_path, p.n), d.purpose, d.status, CAST(date_trunc('month', d.start_date) AS date),
               COALESCE(CAST(date_trunc('month', d.cancelled_on) AS date), 'infinity'), -count(*)
        FROM old_rows d CROSS JOIN LATERAL generate_series(1, length(d.account_path) - 1) p(n)
        WHERE substr(d.account_path, p.n, 1) = '.'
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (path, purpose, status, start_month, cancel_month)
            DO UPDATE SET subscriptions = c.subscriptions + excluded.subscriptions;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER subscription_subtree_count_insert AFTER INSERT ON subscription REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION subscription_subtree_count_apply();
CREATE TRIGGER subscription_subtree_count_update AFTER UPDATE ON subscription
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION subscription_subtree_count_apply();
CREATE TRIGGER subscription_subtree_count_delete AFTER DELETE ON subscription REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION subscription_subtree_count_apply();

CREATE FUNCTION subscription_subtree_count_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM subscription_subtree_count;
    INSERT INTO subscription_subtree_count (path, purpose, status, start_month, cancel_month, subscriptions)
    SELECT left(s.account_path, p.n), s.purpose, s.status, CAST(date_trunc('month', s.start_date) AS date),
           COALESCE(CAST(date_trunc('month', s.cancelled_on) AS date), 'infinity'), count(*)
    FROM subscription s CROSS JOIN LATERAL generate_series(1, length(s.account_path) - 1) p(n)
    WHERE substr(s.account_path, p.n, 1) = '.'
    GROUP BY 1, 2, 3, 4, 5;
$$;
SELECT subscription_subtree_count_rebuild();
