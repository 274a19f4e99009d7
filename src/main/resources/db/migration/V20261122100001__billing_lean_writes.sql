-- Billing's hot path writes one invoice, line and ledger row per buyer and charge, a million at a time. Foreign keys
-- on those rows cost a lookup per row (a trigger each) for ids the run has just read from the referenced tables
-- itself: they go, and with them two indexes that duplicate others. ADR 0010.
ALTER TABLE invoice DROP CONSTRAINT invoice_issuer_id_fkey;
ALTER TABLE invoice DROP CONSTRAINT invoice_buyer_id_fkey;
ALTER TABLE invoice DROP CONSTRAINT invoice_run_id_fkey;
ALTER TABLE billed_charge DROP CONSTRAINT billed_charge_invoice_line_id_fkey;
-- UNIQUE (invoice_id, position) serves every lookup by invoice
DROP INDEX invoice_line_invoice;
-- billed_charge_once starts with subscription_id: it serves the ledger reads of a chunk
DROP INDEX billed_charge_window;
