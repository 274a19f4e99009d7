package io.cascade.payments.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One entry of an imported bank statement: what the bank said (booking day, amount, {@code CREDIT} or {@code DEBIT},
 * counterparty, remittance text, the bank's reference), where it stands ({@code status}, how it was matched, the buyer,
 * the invoices it was allocated to and the recorded {@code paymentId}), and {@code note}: why it was not matched, why it
 * was ignored, or for a {@code DUPLICATE} the entry it repeats ({@code duplicateOf}).
 */
public record StatementEntryView(UUID id, UUID statementId, UUID issuerAccountId, int position, LocalDate bookingDate,
                                 Money amount, StatementEntryDirection direction, String counterpartyName, String counterpartyIban,
                                 String remittance, String bankReference, StatementEntryStatus status,
                                 StatementMatchRule matchedBy, UUID buyerAccountId, List<UUID> invoiceIds,
                                 UUID paymentId, UUID duplicateOf, String note, Instant decidedAt) {
}
