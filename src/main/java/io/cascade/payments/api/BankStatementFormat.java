package io.cascade.payments.api;

/**
 * The kind of file a bank statement came in: ISO 20022 {@code camt.053} (any version) or the documented CSV
 * (docs/billing.md "Bank statements").
 */
public enum BankStatementFormat {
    CAMT_053,
    CSV
}
