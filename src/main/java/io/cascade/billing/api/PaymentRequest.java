package io.cascade.billing.api;

import io.cascade.shared.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A payment received for an invoice: its amount in the invoice's currency, the day (default today), a reference. */
public record PaymentRequest(@NotNull Money amount, LocalDate paidOn, @Size(max = 200) String reference) {
}
