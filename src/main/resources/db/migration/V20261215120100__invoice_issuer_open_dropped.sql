-- invoice_open_due (issuer_id, buyer_id, due_date), over the same open invoices, serves an issuer's open invoices as
-- well: its first column is the issuer. invoice_issuer_open (issuer_id, due_date) only repeated it, and cost every
-- invoice a billing run writes one more index entry (issue 20, docs/benchmarks.md).
DROP INDEX invoice_issuer_open;
