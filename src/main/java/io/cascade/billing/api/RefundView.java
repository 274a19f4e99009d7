package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Credit paid back by an issuer to a buyer. */
public record RefundView(UUID id, UUID issuerAccountId, UUID buyerAccountId, Money amount, LocalDate refundedOn,
                         String reference, PaymentMethod method, Instant createdAt) {
}
