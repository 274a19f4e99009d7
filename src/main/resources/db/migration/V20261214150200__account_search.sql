-- The account tree's search (by a part of the company name, or the exact customer number) over a whole subtree: with
-- trigram and customer-number indexes the rows that match are found first and only they are checked against the
-- subtree's path range and sorted, instead of walking the subtree in path order until a page of matches is found,
-- which for a rare name is the whole subtree (P7, ADR 0044).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX account_company_name_trgm ON account USING gin (company_name gin_trgm_ops);
CREATE INDEX account_customer_number ON account (customer_number);
