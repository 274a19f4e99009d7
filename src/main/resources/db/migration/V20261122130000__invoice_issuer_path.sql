-- Revenue per month of a subtree's issuers (BillingReports.revenue, the dashboard's chart): a range scan on the
-- issuer's path, then the issue dates.
CREATE INDEX invoice_issuer_path ON invoice (issuer_path, issue_date);
