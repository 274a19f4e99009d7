package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A payment received by an issuer from a buyer, with the allocations it was recorded with ({@code invoiceId}: the
 * invoice it was recorded for, when it came in through that invoice). {@code credited}: the part that went to the
 * buyer's credit when it was recorded.
 */
public record PaymentView(UUID id, UUID issuerAccountId, UUID buyerAccountId, Money amount, LocalDate paidOn,
                          String reference, PaymentMethod method, UUID invoiceId, List<Allocated> allocations,
                          Money credited, Instant createdAt) {

    /** So much of the payment went to this invoice. */
    public record Allocated(UUID invoiceId, String number, Money amount) {
    }
}
