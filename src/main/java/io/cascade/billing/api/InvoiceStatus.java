package io.cascade.billing.api;

/**
 * Whether an invoice is settled (column {@code invoice.status}, whose CHECK lists these names): {@link #OPEN} while
 * something is still to be paid, {@link #PAID} once payments settled it (an invoice of 0.00: as it is issued),
 * {@link #VOID} when credit notes did without any payment, {@link #UNCOLLECTIBLE} once a person wrote off what was
 * still due (ADR 0027).
 */
public enum InvoiceStatus {
    OPEN,
    PAID,
    VOID,
    UNCOLLECTIBLE
}
