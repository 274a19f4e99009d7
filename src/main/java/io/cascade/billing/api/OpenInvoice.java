package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An issuer's open invoice and what is still due on it: what payment intake matches a bank statement against and what
 * a direct debit collects (ADR 0030).
 */
public record OpenInvoice(UUID invoiceId, String number, UUID buyerAccountId, LocalDate issueDate, LocalDate dueDate,
                          Money amountDue) {
}
