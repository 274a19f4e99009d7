package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/** An open invoice of an issuer to a buyer and what is due on it (ADR 0030: what a direct debit collects). */
public record OpenInvoice(UUID invoiceId, String number, UUID buyerAccountId, LocalDate issueDate, LocalDate dueDate,
                          Money amountDue) {
}
