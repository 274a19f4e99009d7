package io.cascade.payments.api;

import io.cascade.shared.Money;

/**
 * What an authentic confirmation says: its own message id (a replay carries the same one), the gateway's payment id
 * (as {@link GatewayCheckout#paymentId()} named it), the outcome and the amount paid.
 */
public record GatewayConfirmation(String messageId, String paymentId, OnlinePaymentStatus status, Money amount) {
}
