package io.cascade.payments.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * A hosted checkout of an invoice: the amount it asks for, where to send the buyer ({@code redirectUrl}), its status
 * and, once paid, the payment recorded for it ({@code paymentId}).
 */
public record CheckoutView(UUID id, UUID invoiceId, UUID issuerAccountId, UUID buyerAccountId, Money amount,
                           CheckoutStatus status, String gatewayKind, String gatewayPaymentId, String redirectUrl,
                           UUID paymentId, Instant createdAt, Instant completedAt) {
}
