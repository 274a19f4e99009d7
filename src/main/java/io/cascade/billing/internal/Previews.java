package io.cascade.billing.internal;

import io.cascade.shared.Caller;
import io.cascade.accounts.api.BillingParties;
import io.cascade.billing.api.CreditNoteRequest;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.UpcomingInvoices;
import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.Price;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The upcoming-invoice preview (the run's own computation for one buyer, nothing written) and credit notes.
 */
@Component
public class Previews {
    private final ChunkLoader loader;
    private final InvoiceStore invoices;
    private final BillingParties parties;
    private final PlanManagement plans;
    private final OfferingManagement offerings;

    Previews(ChunkLoader loader, InvoiceStore invoices, BillingParties parties, PlanManagement plans,
             OfferingManagement offerings) {
        this.loader = loader;
        this.invoices = invoices;
        this.parties = parties;
        this.plans = plans;
        this.offerings = offerings;
    }

    /** What a run as of {@code asOf} (default: the buyer's next cycle day after today) would bill the buyer. */
    public UpcomingInvoices upcoming(Caller caller, UUID buyerId, LocalDate asOf, LocalDate today) {
        LocalDate day = asOf;
        if (day == null) {
            var buyer = parties.of(caller, List.of(buyerId)).get(buyerId);
            var vendor = buyer.vendorId() == null ? null : parties.of(caller, List.of(buyer.vendorId())).get(buyer.vendorId());
            day = io.cascade.billing.api.Cycles.cycleDayOnOrAfter(today.plusDays(1),
                    ChargeCalculator.cycleDay(buyer, vendor));
        }
        var chunk = loader.load(caller, List.of(buyerId), day);
        var data = chunk.buyers().get(buyerId);
        List<Drafts.Invoice> drafts = data == null ? List.of()
                : new ChargeCalculator(new Lookups(plans, offerings)).bill(data, day);
        List<UpcomingInvoices.Draft> result = new ArrayList<>();
        for (Drafts.Invoice d : drafts) {
            if (d.lines().isEmpty()) {
                continue;
            }
            Currency c = Currency.getInstance(d.currency());
            List<InvoiceView.Line> lines = new ArrayList<>();
            int position = 1;
            for (Drafts.Line l : d.lines()) {
                lines.add(new InvoiceView.Line(null, position++, l.description(), l.subscriptionId(), l.planId(),
                        l.periodStart(), l.periodEnd(), l.quantity(), new Price(l.unitPrice(), c),
                        new Money(l.amount(), c), l.taxRate(), new Money(l.tax(), c), l.wholesaleSubscriptionId()));
            }
            result.add(new UpcomingInvoices.Draft(d.issuerId(), d.subtotal().signum() < 0 ? InvoiceKind.CREDIT_NOTE : InvoiceKind.INVOICE,
                    d.currency(), lines, new Money(d.subtotal(), c), new Money(d.tax(), c), new Money(d.total(), c),
                    d.reverseCharge() ? d.buyerVatId() : null, d.reverseCharge() ? TaxRules.REVERSE_CHARGE_NOTE : null));
        }
        return new UpcomingInvoices(buyerId, day, result);
    }

    /** Issues a credit note against {@code invoice} (locked by the caller) and settles the invoice by it. */
    public InvoiceView creditNote(InvoiceView invoice, CreditNoteRequest request, LocalDate today, Instant now) {
        Map<UUID, InvoiceStore.Credited> credited = invoices.creditedPerLine(invoice.id());
        Currency c = Currency.getInstance(invoice.currency());
        int scale = Math.max(c.getDefaultFractionDigits(), 0);
        List<Object[]> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        List<CreditNoteRequest.Line> wanted = request.lines();
        if (wanted == null || wanted.isEmpty()) {
            wanted = invoice.lines().stream().map(l -> new CreditNoteRequest.Line(l.id(), null)).toList();
        }
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            CreditNoteRequest.Line w = wanted.get(i);
            String field = "lines[" + i + "]";
            InvoiceView.Line line = invoice.lines().stream().filter(l -> l.id().equals(w.lineId())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(field + ".lineId", "is not a line of the invoice"));
            if (!seen.add(line.id())) {
                throw new InvalidInputException(field + ".lineId", "appears twice");
            }
            InvoiceStore.Credited before = credited.getOrDefault(line.id(), InvoiceStore.Credited.NONE);
            BigDecimal remaining = line.amount().amount().add(before.amount());
            BigDecimal remainingTax = line.tax().amount().add(before.tax());
            if (remaining.signum() <= 0) {
                if (request.lines() == null || request.lines().isEmpty()) {
                    continue;
                }
                throw RuleViolationException.unprocessable(Problem.ALREADY_CREDITED, "Line " + line.position()
                        + " is credited in full already.");
            }
            BigDecimal amount = w.amount() == null ? remaining : w.amount().setScale(scale, RoundingMode.HALF_UP);
            if (amount.compareTo(remaining) > 0) {
                throw new InvalidInputException(field + ".amount", "must not exceed the line's remaining "
                        + remaining.toPlainString());
            }
            if (amount.signum() == 0) {
                throw new InvalidInputException(field + ".amount", "rounds to 0 at the " + c.getCurrencyCode()
                        + " scale of " + scale + " decimals; a credit note credits at least one "
                        + BigDecimal.ONE.movePointLeft(scale).toPlainString() + " " + c.getCurrencyCode());
            }
            // the rest of a line takes the rest of its tax, so that crediting a line in parts credits exactly its
            // amount and its tax; a part takes its own tax, never more than the line has left
            BigDecimal lineTax = amount.compareTo(remaining) == 0 ? remainingTax
                    : amount.multiply(line.taxRate()).divide(BigDecimal.valueOf(100), MathContext.DECIMAL128)
                    .setScale(scale, RoundingMode.HALF_UP).min(remainingTax.max(BigDecimal.ZERO));
            lines.add(new Object[]{lines.size() + 1, "Credit for line " + line.position() + ": " + line.description(),
                    line.subscriptionId(), line.planId(), line.periodStart() == null ? null
                    : java.sql.Date.valueOf(line.periodStart()), line.periodEnd() == null ? null
                    : java.sql.Date.valueOf(line.periodEnd()), line.quantity(), line.unitPrice().amount(),
                    amount.negate(), line.taxRate(), lineTax.negate(), line.id()});
            subtotal = subtotal.subtract(amount);
            tax = tax.subtract(lineTax);
        }
        if (lines.isEmpty()) {
            throw RuleViolationException.unprocessable(Problem.ALREADY_CREDITED, "The invoice is credited in full already.");
        }
        BigDecimal total = subtotal.add(tax);
        BigDecimal open = invoice.openAmount().amount();
        if (total.negate().compareTo(open) > 0 && invoice.paid().amount().signum() > 0) {
            throw RuleViolationException.unprocessable(Problem.CREDIT_EXCEEDS_OPEN, "The credit of "
                    + total.negate().toPlainString() + " exceeds the " + open.toPlainString()
                    + " still open; refunds of payments are not handled here.");
        }
        UUID id = UUID.randomUUID();
        InvoiceStore.Numbers numbers = invoices.take(invoice.issuerAccountId(), 1, now);
        invoices.insertCreditNote(id, numbers.number(numbers.first(), today), invoice, today, subtotal, tax,
                request.reason(), now);
        invoices.insertCreditLines(id, lines);
        invoices.settle(invoice.id(), BigDecimal.ZERO, total.max(open.negate()));
        return invoices.find(id).orElseThrow();
    }
}
