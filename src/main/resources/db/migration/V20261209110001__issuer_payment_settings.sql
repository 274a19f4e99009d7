-- An issuer's payment settings (docs/billing.md, "Payment settings"): the bank account shown on its invoices and the
-- ways it accepts payment.
ALTER TABLE billing_issuer ADD COLUMN account_holder varchar(140);
ALTER TABLE billing_issuer ADD COLUMN iban varchar(34);
ALTER TABLE billing_issuer ADD COLUMN bic varchar(11);
ALTER TABLE billing_issuer ADD COLUMN accepted_methods text[] NOT NULL DEFAULT '{}';
ALTER TABLE billing_issuer ADD CONSTRAINT billing_issuer_bank_account_whole
    CHECK ((account_holder IS NULL) = (iban IS NULL) AND (bic IS NULL OR iban IS NOT NULL));
