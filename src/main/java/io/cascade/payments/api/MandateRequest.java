package io.cascade.payments.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A mandate a buyer signed for its issuer: the buyer, the mandate reference (unique per issuer; SEPA's characters:
 * letters, digits, space and {@code / - ? : ( ) . , ' +}, at most 35), the day it was signed (not in the future), the
 * debtor's name (the account holder) and account (IBAN, with its BIC if known).
 */
public record MandateRequest(@NotNull UUID buyerId, @NotNull @Size(min = 1, max = 35) String reference,
                             @NotNull LocalDate signedOn, @NotNull @Size(min = 1, max = 70) String debtorName,
                             @NotNull @Size(min = 1, max = 42) String iban, @Size(max = 11) String bic) {
}
