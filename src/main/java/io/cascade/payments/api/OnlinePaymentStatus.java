package io.cascade.payments.api;

/** How a gateway says a checkout ended: paid, failed (declined, expired) or cancelled by the buyer. */
public enum OnlinePaymentStatus {
    PAID,
    FAILED,
    CANCELLED
}
