package io.cascade.payments.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A person assigns an unmatched credit to a buyer of the issuer: without {@code invoiceIds} the payment pays the
 * buyer's open invoices oldest due first; with them, those invoices in that order, each up to what is due. What is
 * left is the buyer's credit.
 */
public record StatementEntryAssignment(@NotNull UUID buyerId, @Size(max = 100) List<@NotNull UUID> invoiceIds) {
}
