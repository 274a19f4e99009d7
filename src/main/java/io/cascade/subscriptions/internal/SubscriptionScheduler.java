package io.cascade.subscriptions.internal;

import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.ResourceQuantity;
import io.cascade.subscriptions.api.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies what falls due: pending subscriptions whose start day came, scheduled changes, suspensions, resumptions and
 * cancellations, and the lifting of last month's stops at HARD limits — a recurring job on the job engine ({@link SubscriptionJobs}), so one node at a time sweeps. Each item
 * runs in its own transaction, taken with FOR UPDATE SKIP LOCKED, so that no item is applied twice even when a sweep
 * is started by hand beside it. A scheduled change that can no longer apply (a limit reached in the meantime) is
 * marked with the reason and audited, not retried.
 */
@Component
public class SubscriptionScheduler {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionScheduler.class);
    private static final int BATCH = 500;

    private final Subscriptions subscriptions;
    private final SubscriptionEngine engine;
    private final PlanManagement plans;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;
    private final JsonMapper json;
    private final Clock clock;

    private final LimitEnforcement limits;

    SubscriptionScheduler(Subscriptions subscriptions, SubscriptionEngine engine, PlanManagement plans,
                          TransactionTemplate transactions, JsonMapper json, Clock clock, LimitEnforcement limits) {
        this.limits = limits;
        this.subscriptions = subscriptions;
        this.engine = engine;
        this.plans = plans;
        this.transactions = transactions;
        this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.json = json;
        this.clock = clock;
    }

    /** One sweep over everything due today. */
    public void run() {
        LocalDate today = LocalDate.now(clock);
        int done = 0;
        while (done < BATCH && Boolean.TRUE.equals(transactions.execute(s -> activateOne(today)))) {
            done++;
        }
        while (done < 2 * BATCH && Boolean.TRUE.equals(transactions.execute(s -> applyOneChange(today)))) {
            done++;
        }
        while (done < 3 * BATCH && Boolean.TRUE.equals(transactions.execute(s -> cancelOne(today)))) {
            done++;
        }
        done += limits.liftEndedMonths(transactions, today); // a new month lifts the stops at HARD limits (ADR 0039)
        if (done > 0) {
            log.info("Subscription scheduler applied {} due items", done);
        }
    }

    private boolean activateOne(LocalDate today) {
        Optional<UUID> due = subscriptions.takeDue(
                "status = 'PENDING' AND start_date <= :today AND provisioning_requested_at IS NULL", today);
        due.ifPresent(id -> {
            Subscriptions.Row row = subscriptions.find(id).orElseThrow();
            engine.start(system(row), row);
        });
        return due.isPresent();
    }

    private boolean cancelOne(LocalDate today) {
        Optional<UUID> due = subscriptions.takeDue("cancel_at <= :today AND status <> 'CANCELLED'", today);
        due.ifPresent(id -> {
            Subscriptions.Row row = subscriptions.find(id).orElseThrow();
            engine.cancel(system(row), row, plans.terms(row.planId()), row.cancelAt());
        });
        return due.isPresent();
    }

    private boolean applyOneChange(LocalDate today) {
        Optional<Subscriptions.Scheduled> due = subscriptions.takeDueChange(today);
        if (due.isEmpty()) {
            return false;
        }
        Subscriptions.Scheduled change = due.get();
        Subscriptions.Row row = subscriptions.lock(change.subscriptionId()).orElseThrow();
        String outcome = "applied";
        try {
            savepoint.executeWithoutResult(nested -> apply(row, change));
        } catch (RuntimeException e) {
            outcome = "refused: " + e.getMessage();
            log.info("Scheduled {} of subscription {} refused: {}", change.kind(), row.id(), e.getMessage());
        }
        subscriptions.markApplied(change.id(), outcome.length() > 500 ? outcome.substring(0, 500) : outcome,
                clock.instant());
        return true;
    }

    private void apply(Subscriptions.Row row, Subscriptions.Scheduled change) {
        Caller caller = system(row);
        switch (change.kind()) {
            case SUSPEND -> engine.suspend(caller, row, change.effectiveDate());
            case RESUME -> engine.resume(caller, row, change.effectiveDate());
            case CANCEL -> engine.cancel(caller, row, plans.terms(row.planId()), change.effectiveDate());
            default -> {
                PlanTerms current = plans.terms(row.planId());
                PlanTerms target = change.planId() == null ? current : plans.terms(change.planId());
                List<ResourceQuantity> resources = change.resources() == null ? null
                        : json.readValue(change.resources(), new TypeReference<List<ResourceQuantity>>() {
                        });
                engine.change(caller, row, current, target, resources, change.effectiveDate());
            }
        }
    }

    /** Scheduled work acts as the platform; the audit event names the subscription's account as target. */
    private static Caller system(Subscriptions.Row row) {
        return Caller.system(row.accountId(), row.accountPath(), "scheduler");
    }
}
