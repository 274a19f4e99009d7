-- the version of an issuer's invoicing settings, for ETag and If-Match (API conventions); invoice numbering, which
-- also updates billing_issuer, leaves it alone
ALTER TABLE billing_issuer ADD COLUMN settings_version bigint NOT NULL DEFAULT 0;
