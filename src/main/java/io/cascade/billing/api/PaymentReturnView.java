package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A payment the buyer's bank sent back (a returned direct debit, ADR 0030): the whole payment, the day and the reason.
 * {@code reopened}: what was taken back from invoices (they are open again by so much), first those the payment paid,
 * then those the buyer's credit paid since; {@code fromCredit}: what was taken from the buyer's credit.
 */
public record PaymentReturnView(UUID id, UUID paymentId, UUID issuerAccountId, UUID buyerAccountId, Money amount,
                                LocalDate returnedOn, String reason, List<PaymentView.Allocated> reopened,
                                Money fromCredit, Instant createdAt) {
}
