package io.cascade.billing.api;

/** How money reached the issuer or went back to the buyer (column {@code payment.method}, whose CHECK lists these). */
public enum PaymentMethod {
    BANK_TRANSFER,
    DIRECT_DEBIT,
    CARD,
    CASH,
    CHEQUE,
    OTHER
}
