package io.cascade.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why what is still due on an invoice will not be collected (kept with the write-off and in the audit log). */
public record WriteOffRequest(@NotBlank @Size(max = 500) String reason) {
}
