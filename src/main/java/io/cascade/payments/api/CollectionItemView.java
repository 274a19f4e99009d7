package io.cascade.payments.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One invoice collected by a run: the buyer, the invoice (its number is the end-to-end id and the remittance text), the
 * mandate and its sequence type, the amount; the payment once collected, the return once returned.
 */
public record CollectionItemView(UUID id, UUID buyerAccountId, UUID invoiceId, String invoiceNumber, UUID mandateId,
                                 String mandateReference, MandateSequence sequence, Money amount,
                                 CollectionItemStatus status, UUID paymentId, UUID returnId,
                                 DirectDebitReturnReason returnReason, LocalDate returnedOn) {
}
