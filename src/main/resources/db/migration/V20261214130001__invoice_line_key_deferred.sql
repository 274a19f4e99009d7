-- A billing chunk writes its invoice lines and ledger rows before it takes its issuers' numbers, so that the issuers'
-- counters stay locked only while the invoices themselves are written and committed (ADR 0042): the lines' key to
-- their invoice is checked at the commit, when the invoices exist. Every writer writes a line's invoice in the
-- line's transaction; a line whose invoice does not exist at the commit still fails the transaction.
ALTER TABLE invoice_line ALTER CONSTRAINT invoice_line_invoice_id_fkey DEFERRABLE INITIALLY DEFERRED;
