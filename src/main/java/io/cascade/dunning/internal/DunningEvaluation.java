package io.cascade.dunning.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.LateFees;
import io.cascade.dunning.api.DunningAction;
import io.cascade.dunning.api.DunningCustomersSuspended;
import io.cascade.dunning.api.DunningEnded;
import io.cascade.dunning.api.DunningEvaluationResult;
import io.cascade.dunning.api.DunningPolicy;
import io.cascade.dunning.api.DunningStepsTaken;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Money;
import io.cascade.subscriptions.api.DunningSuspensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The evaluation of dunning (docs/billing.md, "Dunning"): ends the episodes of which nothing is overdue any more and
 * lifts what they did, starts one for every newly overdue pair, takes every step that is due, and suspends a
 * reseller's customers once its grace period has passed (ADR 0032). Set-based: a fixed number of statements whatever
 * the number of buyers, plus one late-fee invoice per warning that charges one. Taking a step is idempotent (once per
 * episode and position), so a rerun the same day does nothing more.
 */
@Service
public class DunningEvaluation {
    private static final Logger log = LoggerFactory.getLogger(DunningEvaluation.class);

    private final Episodes episodes;
    private final PolicyStore policies;
    private final DunningSuspensions suspensions;
    private final LateFees fees;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DunningEvaluation(Episodes episodes, PolicyStore policies, DunningSuspensions suspensions, LateFees fees,
                      AccountScope scope, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.episodes = episodes;
        this.policies = policies;
        this.suspensions = suspensions;
        this.fees = fees;
        this.scope = scope;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Evaluates every pair as of today, in one transaction. */
    @Transactional
    public DunningEvaluationResult evaluate() {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        Caller caller = platform();
        Map<UUID, DunningPolicy> cache = new HashMap<>();
        int ended = end(caller, today, null, null);
        int begun = episodes.start(today, now, null, null);
        int taken = takeSteps(caller, today, now, cache, null, null);
        int cascaded = suspendCustomers(caller, today, cache);
        long open = episodes.openCount();
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Dunning as of {}: {} episodes ended, {} started, {} steps taken, {} resellers' customers suspended, "
                + "{} open, in {} ms", today, ended, begun, taken, cascaded, open, millis);
        return new DunningEvaluationResult(today, open, begun, taken, ended, cascaded, millis);
    }

    /**
     * After a payment of the pair, in its transaction: when nothing of it is overdue any more, its episode ends and
     * what dunning did is lifted at once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void afterPayment(UUID issuerId, UUID buyerId) {
        end(platform(), LocalDate.now(clock), issuerId, buyerId);
    }

    /** {@link #afterPayment} for many payments of one issuer at once (a bank statement's): one read finds who is dunned. */
    public void afterPayments(UUID issuerId, java.util.Collection<UUID> buyerIds) {
        if (buyerIds.isEmpty()) {
            return;
        }
        for (UUID buyerId : episodes.inOpenEpisode(issuerId, buyerIds)) {
            afterPayment(issuerId, buyerId);
        }
    }

    private int takeSteps(Caller caller, LocalDate today, Instant now, Map<UUID, DunningPolicy> cache,
                          UUID issuerId, UUID buyerId) {
        List<Episodes.Taken> taken = episodes.takeDueSteps(today, now, issuerId, buyerId);
        if (taken.isEmpty()) {
            return 0;
        }
        List<DunningStepsTaken.Step> published = new ArrayList<>(taken.size());
        List<AuditRecord> records = new ArrayList<>(taken.size());
        List<DunningSuspensions.Target> suspend = new ArrayList<>();
        for (Episodes.Taken t : taken) {
            DunningPolicy policy = cache.computeIfAbsent(t.issuerId(), policies::effective);
            DunningPolicy.Step step = t.position() <= policy.steps().size() ? policy.steps().get(t.position() - 1)
                    : null;
            Currency currency = Currency.getInstance(t.currency());
            Money overdue = new Money(t.overdue(), currency);
            UUID feeInvoice = null;
            LocalDate customersSuspendOn = null;
            List<UUID> customers = List.of();
            if (t.action() == DunningAction.WARNING && step != null && step.lateFee() != null) {
                BigDecimal fee = fee(step.lateFee(), t.overdue());
                feeInvoice = fees.issue(caller, t.issuerId(), t.buyerId(), new Money(fee, currency),
                                "Late fee: invoices overdue " + t.daysOverdue() + " days")
                        .map(LateFees.IssuedFee::invoiceId).orElse(null);
                if (feeInvoice != null) {
                    episodes.recordFee(t.episodeId(), t.position(), feeInvoice);
                }
            }
            if (t.action() == DunningAction.SUSPEND) {
                suspend.add(new DunningSuspensions.Target(t.episodeId(), t.issuerId(), t.buyerId(), t.buyerPath(),
                        false));
                if ("RESELLER".equals(t.buyerType()) && policy.customerGraceDays() != null) {
                    customersSuspendOn = today.plusDays(Math.max(policy.customerGraceDays(), 1));
                    customers = episodes.accountsBelow(t.buyerPath());
                }
            }
            LocalDate oldestDue = today.minusDays(t.daysOverdue());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("episodeId", t.episodeId());
            after.put("issuerId", t.issuerId());
            after.put("position", t.position());
            after.put("action", t.action());
            after.put("daysOverdue", t.daysOverdue());
            after.put("overdue", overdue);
            after.put("oldestDueDate", oldestDue.toString());
            if (feeInvoice != null) {
                after.put("feeInvoiceId", feeInvoice);
            }
            if (customersSuspendOn != null) {
                after.put("customersSuspendOn", customersSuspendOn.toString());
            }
            records.add(new AuditRecord(caller, t.buyerId(), t.buyerPath(), "dunning.step-taken", null, after));
            published.add(new DunningStepsTaken.Step(t.episodeId(), t.issuerId(), t.buyerId(), t.position(),
                    t.action(), t.daysOverdue(), overdue, oldestDue, feeInvoice, customersSuspendOn, customers));
        }
        suspensions.suspend(caller, suspend);
        audit.recordAll(records);
        events.publishEvent(new DunningStepsTaken(published));
        return taken.size();
    }

    /** The late fee: the fixed amount plus the percentage of what is overdue (rounded by billing). */
    static BigDecimal fee(DunningPolicy.LateFee fee, BigDecimal overdue) {
        BigDecimal amount = fee.amount() == null ? BigDecimal.ZERO : fee.amount();
        if (fee.percent() != null) {
            amount = amount.add(overdue.multiply(fee.percent()).divide(BigDecimal.valueOf(100),
                    MathContext.DECIMAL128));
        }
        return amount;
    }

    /**
     * A reseller's customers follow its own suspension once the grace period of its vendor's policy has passed since
     * the reseller's suspension was mailed — never on the day it was mailed (ADR 0032).
     */
    private int suspendCustomers(Caller caller, LocalDate today, Map<UUID, DunningPolicy> cache) {
        Map<UUID, Episodes.Graced> due = new LinkedHashMap<>();
        for (Episodes.Graced g : episodes.resellersSuspended()) {
            Integer grace = cache.computeIfAbsent(g.issuerId(), policies::effective).customerGraceDays();
            if (grace != null && !g.suspendedOn().plusDays(Math.max(grace, 1)).isAfter(today)) {
                due.put(g.id(), g);
            }
        }
        List<UUID> marked = episodes.markCustomersSuspended(due.keySet(), today);
        if (marked.isEmpty()) {
            return 0;
        }
        List<DunningSuspensions.Target> targets = marked.stream().map(due::get)
                .map(g -> new DunningSuspensions.Target(g.id(), g.issuerId(), g.buyerId(), g.buyerPath(), true))
                .toList();
        Map<UUID, Set<UUID>> accounts = new HashMap<>();
        for (DunningSuspensions.Moved m : suspensions.suspend(caller, targets)) {
            accounts.computeIfAbsent(m.episodeId(), k -> new LinkedHashSet<>()).add(m.accountId());
        }
        List<AuditRecord> records = new ArrayList<>();
        for (UUID id : marked) {
            Episodes.Graced g = due.get(id);
            List<UUID> customers = List.copyOf(accounts.getOrDefault(id, Set.of()));
            records.add(new AuditRecord(caller, g.buyerId(), g.buyerPath(), "dunning.customers-suspended", null,
                    Map.of("episodeId", id, "issuerId", g.issuerId(), "resellerSuspendedOn",
                            g.suspendedOn().toString(), "accounts", customers.size())));
            events.publishEvent(new DunningCustomersSuspended(id, g.issuerId(), g.buyerId(), customers));
        }
        audit.recordAll(records);
        return marked.size();
    }

    private int end(Caller caller, LocalDate today, UUID issuerId, UUID buyerId) {
        List<Episodes.Ended> ended = episodes.endPaid(today, issuerId, buyerId);
        if (ended.isEmpty()) {
            return 0;
        }
        Map<UUID, List<DunningSuspensions.Moved>> lifted = new HashMap<>();
        for (DunningSuspensions.Moved m : suspensions.lift(caller, ended.stream().map(Episodes.Ended::id).toList())) {
            lifted.computeIfAbsent(m.episodeId(), k -> new ArrayList<>()).add(m);
        }
        List<AuditRecord> records = new ArrayList<>(ended.size());
        List<DunningEnded.Episode> published = new ArrayList<>(ended.size());
        for (Episodes.Ended e : ended) {
            List<DunningSuspensions.Moved> moved = lifted.getOrDefault(e.id(), List.of());
            List<UUID> customers = moved.stream().map(DunningSuspensions.Moved::accountId)
                    .filter(a -> !a.equals(e.buyerId())).distinct().toList();
            records.add(new AuditRecord(caller, e.buyerId(), e.buyerPath(), "dunning.ended", null,
                    Map.of("episodeId", e.id(), "issuerId", e.issuerId(), "startedOn", e.startedOn().toString(),
                            "endedOn", today.toString(), "subscriptionsResumed", moved.size())));
            published.add(new DunningEnded.Episode(e.id(), e.issuerId(), e.buyerId(), e.startedOn(), today,
                    moved.size(), customers));
        }
        audit.recordAll(records);
        events.publishEvent(new DunningEnded(published));
        return ended.size();
    }

    private Caller platform() {
        ScopedAccount provider = scope.provider().orElseThrow();
        return Caller.system(provider.id(), provider.path(), "dunning");
    }
}
