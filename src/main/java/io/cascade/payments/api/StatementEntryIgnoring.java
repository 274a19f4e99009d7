package io.cascade.payments.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person marks an unmatched entry as not a payment to record, saying why. */
public record StatementEntryIgnoring(@NotBlank @Size(max = 500) String reason) {
}
