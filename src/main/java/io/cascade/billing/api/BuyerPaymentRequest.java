package io.cascade.billing.api;

import io.cascade.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A payment an issuer received from a buyer: its amount, the day (default today, never in the future), a reference,
 * the method (default {@code BANK_TRANSFER}) and, optionally, how it is allocated. Without {@code allocations} it pays
 * the buyer's open invoices in its currency oldest due first; with them, exactly those amounts to those invoices. What
 * is left is the buyer's credit with the issuer.
 */
public record BuyerPaymentRequest(@NotNull Money amount, LocalDate paidOn, @Size(max = 200) String reference,
                                  PaymentMethod method, @Valid @Size(max = 500) List<Allocation> allocations) {

    /** So much of the payment to this invoice. */
    public record Allocation(@NotNull UUID invoiceId, @NotNull Money amount) {
    }
}
