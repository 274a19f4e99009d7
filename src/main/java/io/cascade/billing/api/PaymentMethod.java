package io.cascade.billing.api;

/**
 * A way money moves between a buyer and its issuer: the ways an issuer accepts payment of its invoices (its payment
 * settings), and how a recorded payment reached it or a refund went back (columns {@code payment.method} and
 * {@code credit_refund.method}, whose CHECKs list these). {@code ONLINE}: through a payment gateway.
 */
public enum PaymentMethod {
    BANK_TRANSFER,
    DIRECT_DEBIT,
    ONLINE,
    CARD,
    CASH,
    CHEQUE,
    OTHER
}
