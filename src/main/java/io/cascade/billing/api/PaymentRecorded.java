package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/** A payment recorded against an invoice. */
public record PaymentRecorded(UUID invoiceId, UUID buyerId, Money amount, LocalDate paidOn, String reference) {
}
