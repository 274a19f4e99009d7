package io.cascade.billing.api;

/**
 * What an issued document is (column {@code invoice.kind}, whose CHECK lists these names): an {@link #INVOICE}, or a
 * {@link #CREDIT_NOTE} with a negative total that corrects one.
 */
public enum InvoiceKind {
    INVOICE,
    CREDIT_NOTE
}
