package io.cascade.payments.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A SEPA Direct Debit mandate of a buyer for its issuer (ADR 0030). */
public record MandateView(UUID id, UUID issuerAccountId, UUID buyerAccountId, String reference, LocalDate signedOn,
                          String debtorName, String iban, String bic, MandateSequence sequence, MandateStatus status,
                          Instant createdAt, Instant revokedAt, String revokeReason) {
}
