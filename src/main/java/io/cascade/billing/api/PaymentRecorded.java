package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A payment was recorded from the buyer to the issuer. Published in the recording transaction. {@code invoiceId}: the
 * invoice it was recorded for, else the first invoice it paid, else null (it all went to the buyer's credit).
 */
public record PaymentRecorded(UUID invoiceId, UUID buyerId, Money amount, LocalDate paidOn, String reference,
                              UUID paymentId, UUID issuerId) {
}
