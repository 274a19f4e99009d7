package io.cascade.billing.api;

/** A way an issuer accepts payment of its invoices. */
public enum PaymentMethod {
    BANK_TRANSFER,
    DIRECT_DEBIT,
    ONLINE
}
