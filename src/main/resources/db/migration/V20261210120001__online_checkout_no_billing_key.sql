-- payments: a checkout names billing's invoice by id only, as the direct-debit items do; a foreign key into another
-- module's table would tie the two modules' tables together (table ownership, docs/architecture.md).
ALTER TABLE online_checkout DROP CONSTRAINT online_checkout_invoice_id_fkey;
