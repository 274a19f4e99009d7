-- Revenue billed in each account's subtree per tier (the issuer's level), currency and month of issue, as invoices are
-- written (P7, ADR 0044): the dashboard's "billed by" charts read the rows of one account instead of summing every
-- invoice of six months below it. A row counts for the issuer and every account above it (the prefixes of the
-- issuer's path). Insert-only: each statement that writes invoices (a billing chunk, a one-off invoice, a credit
-- note) adds one delta row per ancestor and key it touched, so concurrent billing chunks never wait for one another;
-- the job 'invoice-revenue-fold' folds the deltas into one row per key (folded), and a read sums both. Issued
-- documents never change (ADR 0010): no update is followed.
CREATE TABLE invoice_revenue (
    path          text COLLATE "C" NOT NULL,
    issuer_level  integer          NOT NULL,
    currency      char(3)          NOT NULL,
    month         date             NOT NULL,
    subtotal      numeric(19, 4)   NOT NULL,
    folded        boolean          NOT NULL DEFAULT false
);
CREATE INDEX invoice_revenue_path_month ON invoice_revenue (path, month) INCLUDE (issuer_level, currency, subtotal);
CREATE UNIQUE INDEX invoice_revenue_folded ON invoice_revenue (path, issuer_level, currency, month) WHERE folded;
CREATE INDEX invoice_revenue_deltas ON invoice_revenue (month) WHERE NOT folded;

-- an issuer's level is the number of segments of its path less one (ADR 0002)
CREATE FUNCTION invoice_revenue_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO invoice_revenue (path, issuer_level, currency, month, subtotal)
        SELECT left(d.issuer_path, p.n), length(d.issuer_path) - length(replace(d.issuer_path, '.', '')) - 1,
               d.currency, CAST(date_trunc('month', d.issue_date) AS date), sum(d.subtotal)
        FROM new_rows d CROSS JOIN LATERAL generate_series(1, length(d.issuer_path)) p(n)
        WHERE substr(d.issuer_path, p.n, 1) = '.'
        GROUP BY 1, 2, 3, 4;
    ELSE
        INSERT INTO invoice_revenue (path, issuer_level, currency, month, subtotal)
        SELECT left(d.issuer_path, p.n), length(d.issuer_path) - length(replace(d.issuer_path, '.', '')) - 1,
               d.currency, CAST(date_trunc('month', d.issue_date) AS date), -sum(d.subtotal)
        FROM old_rows d CROSS JOIN LATERAL generate_series(1, length(d.issuer_path)) p(n)
        WHERE substr(d.issuer_path, p.n, 1) = '.'
        GROUP BY 1, 2, 3, 4;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER invoice_revenue_insert AFTER INSERT ON invoice REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_revenue_apply();
CREATE TRIGGER invoice_revenue_delete AFTER DELETE ON invoice REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_revenue_apply();

CREATE FUNCTION invoice_revenue_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE invoice_revenue;
    RETURN NULL;
END $$;
CREATE TRIGGER invoice_revenue_truncate AFTER TRUNCATE ON invoice
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_revenue_truncate();

-- the deltas written so far, taken out and added to the folded rows in one statement: two folds at once (two nodes)
-- take disjoint deltas (a row one deletes, the other skips), and a reader sees the deltas or their sum, never both
CREATE FUNCTION invoice_revenue_fold() RETURNS bigint LANGUAGE sql AS $$
    WITH deltas AS (DELETE FROM invoice_revenue WHERE NOT folded
                    RETURNING path, issuer_level, currency, month, subtotal),
         folded AS (INSERT INTO invoice_revenue AS r (path, issuer_level, currency, month, subtotal, folded)
                    SELECT path, issuer_level, currency, month, sum(subtotal), true FROM deltas
                    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (path, issuer_level, currency, month) WHERE folded
                        DO UPDATE SET subtotal = r.subtotal + excluded.subtotal
                    RETURNING 1)
    SELECT count(*) FROM deltas;
$$;

INSERT INTO invoice_revenue (path, issuer_level, currency, month, subtotal, folded)
SELECT left(i.issuer_path, p.n), length(i.issuer_path) - length(replace(i.issuer_path, '.', '')) - 1, i.currency,
       CAST(date_trunc('month', i.issue_date) AS date), sum(i.subtotal), true
FROM invoice i CROSS JOIN LATERAL generate_series(1, length(i.issuer_path)) p(n)
WHERE substr(i.issuer_path, p.n, 1) = '.'
GROUP BY 1, 2, 3, 4;
