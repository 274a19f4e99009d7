package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An issuer's open invoice as payment intake matches it: its number, buyer, due day and what is still due
 * ({@code Balances.openInvoices}).
 */
public record OpenInvoice(UUID id, String number, UUID buyerAccountId, LocalDate dueDate, Money amountDue) {
}
