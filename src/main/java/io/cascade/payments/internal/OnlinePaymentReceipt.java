package io.cascade.payments.internal;

import io.cascade.payments.api.CheckoutStatus;

import java.util.UUID;

/**
 * The answer to a gateway's confirmation: the checkout it concerns, the checkout's status now, and what the message
 * did ({@code RECORDED}: the payment was recorded; {@code FAILED}, {@code CANCELLED}: the checkout closed so;
 * {@code ALREADY_PAID}, {@code NO_CHANGE}: nothing changed). A replayed message gets its first answer again.
 */
record OnlinePaymentReceipt(UUID checkoutId, CheckoutStatus status, String outcome) {
}
