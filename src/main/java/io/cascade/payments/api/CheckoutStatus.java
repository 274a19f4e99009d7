package io.cascade.payments.api;

/** A checkout's state: {@code OPEN} until the gateway confirms how it ended (column {@code online_checkout.status}). */
public enum CheckoutStatus {
    OPEN,
    PAID,
    FAILED,
    CANCELLED
}
