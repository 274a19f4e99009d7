package io.cascade.billing.api;

import io.cascade.billing.internal.BalanceStore;
import io.cascade.billing.internal.FeeInvoices;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Money;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-off fee invoices (issue 17): the late fee a dunning warning charges is an invoice of its own, of one line, from
 * the issuer to the buyer, numbered from the issuer's counter in the caller's transaction like every other document
 * (gapless), due after the issuer's payment term, in the format of the pair's latest invoice. A late fee is damages,
 * not a supply, so it carries no tax. The buyer's credit with the issuer pays it at once, as it pays a run's invoice;
 * it is audited on the buyer and mailed like every issued invoice ({@link DocumentsIssued}). For the platform's own
 * jobs: the caller is the platform, and the dunning module decides when and how much.
 */
@Service
public class LateFees {
    private final FeeInvoices fees;
    private final BalanceStore balances;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LateFees(FeeInvoices fees, BalanceStore balances, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.fees = fees;
        this.balances = balances;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A fee invoice written: its id, number and total. */
    public record IssuedFee(UUID invoiceId, String number, Money total) {
    }

    /**
     * Issues a fee of {@code amount} (rounded HALF_UP to its currency's scale; nothing is issued for less than the
     * smallest unit) from {@code issuerId} to {@code buyerId}, dated today. Empty when there is nothing to issue: a
     * zero fee, or a pair the issuer never invoiced.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<IssuedFee> issue(Caller caller, UUID issuerId, UUID buyerId, Money amount, String description) {
        int scale = Math.max(amount.currency().getDefaultFractionDigits(), 0);
        var rounded = amount.amount().setScale(scale, RoundingMode.HALF_UP);
        if (rounded.signum() <= 0) {
            return Optional.empty();
        }
        Optional<FeeInvoices.Parties> parties = fees.parties(issuerId, buyerId);
        if (parties.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        String[] written = fees.write(id, issuerId, buyerId, parties.get(), amount.currency().getCurrencyCode(),
                rounded, description, today, clock.instant());
        balances.applyCredit(List.of(id), clock.instant());
        Money total = new Money(rounded, amount.currency());
        audit.record(new AuditRecord(caller, buyerId, parties.get().buyerPath(), "invoice.fee-issued", null,
                Map.of("invoiceId", id, "number", written[1], "issuerId", issuerId, "total", total,
                        "description", description)));
        events.publishEvent(new DocumentsIssued(List.of(id)));
        return Optional.of(new IssuedFee(id, written[1], total));
    }
}
