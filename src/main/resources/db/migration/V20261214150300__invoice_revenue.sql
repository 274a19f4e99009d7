-- Revenue per issuer, currency and month of issue, as invoices are written (P7, ADR 0044): the dashboard's "billed
-- per tier" reads these rows for the issuers of the subtree instead of summing every invoice of six months.
-- Insert-only: each statement that writes invoices (a billing chunk's COPY, a one-off invoice, a credit note) adds one
-- row per issuer, currency and month it touched, so concurrent billing chunks never wait for one another's rows;
-- a read sums the rows. Issued documents never change (ADR 0010), so no update is followed.
CREATE TABLE invoice_revenue (
    issuer_id     uuid             NOT NULL,
    issuer_path   text COLLATE "C" NOT NULL,
    issuer_level  integer          NOT NULL,
    currency      char(3)          NOT NULL,
    month         date             NOT NULL,
    subtotal      numeric(19, 4)   NOT NULL
);
CREATE INDEX invoice_revenue_path_month ON invoice_revenue (issuer_path, month)
    INCLUDE (issuer_level, currency, subtotal);

-- an issuer's level is the number of segments of its path less one (ADR 0002)
CREATE FUNCTION invoice_revenue_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO invoice_revenue (issuer_id, issuer_path, issuer_level, currency, month, subtotal)
        SELECT issuer_id, issuer_path, length(issuer_path) - length(replace(issuer_path, '.', '')) - 1, currency,
               CAST(date_trunc('month', issue_date) AS date), sum(subtotal)
        FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSE
        INSERT INTO invoice_revenue (issuer_id, issuer_path, issuer_level, currency, month, subtotal)
        SELECT issuer_id, issuer_path, length(issuer_path) - length(replace(issuer_path, '.', '')) - 1, currency,
               CAST(date_trunc('month', issue_date) AS date), -sum(subtotal)
        FROM old_rows GROUP BY 1, 2, 3, 4, 5;
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

INSERT INTO invoice_revenue (issuer_id, issuer_path, issuer_level, currency, month, subtotal)
SELECT issuer_id, issuer_path, length(issuer_path) - length(replace(issuer_path, '.', '')) - 1, currency,
       CAST(date_trunc('month', issue_date) AS date), sum(subtotal)
FROM invoice GROUP BY 1, 2, 3, 4, 5;
