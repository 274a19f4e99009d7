package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/** A payment was recorded against an invoice of the buyer. Published in the recording transaction. */
public record PaymentRecorded(UUID invoiceId, UUID buyerId, Money amount, LocalDate paidOn, String reference) {
}
