package io.cascade.billing.internal;

import io.cascade.accounts.api.InvoiceFormat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a run computes before it writes anything: invoices with their lines, each line with its ledger row. */
public final class Drafts {
    private Drafts() {
    }

    /**
     * A row of the billed-charges ledger, kept on the invoice line that bills it (ADR 0047); {@code planId}: the plan
     * charged (the line's plan).
     */
    public record Charge(UUID subscriptionId, ChargeKey charge, LocalDate periodStart, LocalDate periodEnd,
                         long termsId, LocalDate from, LocalDate to, Direction direction, BigDecimal periodAmount,
                         BigDecimal amount, UUID planId) {
        public boolean credit() {
            return direction == Direction.CREDIT;
        }
    }

    /** Whether a ledger row charges its days or credits days charged before ({@code invoice_line.direction}). */
    public enum Direction {
        CHARGE,
        CREDIT
    }

    public record Line(String description, UUID subscriptionId, UUID planId, LocalDate periodStart,
                       LocalDate periodEnd, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount,
                       BigDecimal taxRate, BigDecimal tax, boolean wholesale, UUID wholesaleSubscriptionId, UUID commissionResellerId,
                       BigDecimal commissionPercent, Charge charge) {
    }

    /**
     * One invoice (or, when its lines sum below zero, credit note) of one issuer to one buyer in one currency;
     * {@code reverseCharge} and {@code buyerVatId}: the tax rule's decision (see {@link TaxRules}).
     */
    public record Invoice(UUID issuerId, String issuerPath, UUID buyerId, String buyerPath, String currency,
                          InvoiceFormat format, List<Line> lines, boolean reverseCharge, String buyerVatId) {
        public BigDecimal subtotal() {
            return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal tax() {
            return lines.stream().map(Line::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal total() {
            return subtotal().add(tax());
        }
    }
}
