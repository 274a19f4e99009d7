package io.cascade.billing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.shared.Money;
import io.cascade.shared.Price;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An invoice or credit note (negative totals) as issued. {@code total = subtotal + tax}; each of them is the sum of
 * the rounded lines. {@code openAmount} is what is still to be paid: total, minus payments, plus credit notes against
 * it, minus what was written off. {@code amountDue} is the same amount (the balance model's name, ADR 0027),
 * {@code amountPaid} what payments and the buyer's credit paid of it ({@code paid}), {@code writtenOff} what a person
 * gave up collecting (status {@code UNCOLLECTIBLE}). {@code formats}: the documents its issuer offers (RAW: JSON and
 * CSV; PDF; BOTH). {@code buyerVatId} and {@code taxNote}: on a reverse-charge document (0 % tax, docs/billing.md
 * "Tax"), the buyer's VAT id as issued and the legal note; null otherwise.
 */
public record InvoiceView(UUID id, String number, InvoiceKind kind, UUID issuerAccountId, UUID buyerAccountId,
                          LocalDate issueDate, LocalDate dueDate, String currency, List<Line> lines, Money subtotal,
                          Money tax, Money total, InvoiceStatus status, Money paid, Money credited,
                          Money openAmount, InvoiceFormat format, UUID creditedInvoiceId, String reason, UUID runId, Instant createdAt,
                          @JsonIgnore String issuerPath, @JsonIgnore String buyerPath,
                          String buyerVatId, String taxNote, Money amountDue, Money amountPaid, Money writtenOff) {

    public record Line(UUID id, int position, String description, UUID subscriptionId, UUID planId,
                       LocalDate periodStart, LocalDate periodEnd, BigDecimal quantity, Price unitPrice,
                       Money amount, BigDecimal taxRate, Money tax, UUID wholesaleSubscriptionId) {
    }
}
