package io.cascade.billing.api;

import io.cascade.shared.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Credit paid back to the buyer: at most its credit; the day (default today, never in the future), a reference. */
public record RefundRequest(@NotNull Money amount, LocalDate refundedOn, @Size(max = 200) String reference,
                            PaymentMethod method) {
}
