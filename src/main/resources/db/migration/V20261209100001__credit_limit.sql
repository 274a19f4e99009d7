-- An optional credit limit per issuer-buyer pair and currency (ADR 0027): an order that would take the pair's open
-- balance above it is refused. limit_version is the ETag of the limit.
ALTER TABLE buyer_balance ADD COLUMN credit_limit numeric(19, 4) CHECK (credit_limit >= 0);
ALTER TABLE buyer_balance ADD COLUMN limit_version bigint NOT NULL DEFAULT 0;
