package io.cascade.billing.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.billing.internal.RunChunks;
import io.cascade.billing.internal.RunStore;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.SubscriptionTerms;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Billing runs: started on demand by the provider's staff or by the daily schedule; their chunks are jobs that every
 * node's job engine works on (see {@link RunChunks}), scheduled in the transaction that creates the run. A run bills everything due up to its {@code asOf} day that is not billed yet; one run at a time.
 */
@Service
public class BillingRuns {
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final RunStore runs;
    private final RunChunks chunks;
    private final SubscriptionTerms terms;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BillingRuns(RunStore runs, RunChunks chunks, SubscriptionTerms terms, AccountScope scope, AuditTrail audit,
                TransactionTemplate transactions, Clock clock) {
        this.runs = runs;
        this.chunks = chunks;
        this.terms = terms;
        this.scope = scope;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Starts a run as of {@code asOf} (default today; never in the future). Provider staff only. */
    public RunView start(Caller caller, LocalDate asOf) {
        AccountFacts own = providerOnly(caller, true);
        caller.require(Privilege.BILLING_MANAGE);
        LocalDate today = LocalDate.now(clock);
        LocalDate day = asOf == null ? today : asOf;
        if (day.isAfter(today) || day.isBefore(EARLIEST)) {
            throw new InvalidInputException("asOf", "must lie between 2000-01-01 and today");
        }
        UUID id = UUID.randomUUID();
        try {
            transactions.executeWithoutResult(s -> {
                // a run started in parallel makes the insert do nothing (one RUNNING run): 409, nothing audited
                if (runs.anyRunning() || !create(id, day, RunTrigger.MANUAL, caller.userId())) {
                    throw running();
                }
                audit.record(new AuditRecord(caller, own.id(), own.path(), "billing.run-started", null,
                        Map.of("runId", id, "asOf", day.toString())));
            });
        } catch (DuplicateKeyException e) {
            throw running();
        }
        return runs.find(id).orElseThrow();
    }

    /** The daily run (as of today), started by whichever node's schedule fires first; the others find it exists. */
    public Optional<UUID> startScheduled() {
        LocalDate today = LocalDate.now(clock);
        UUID id = UUID.randomUUID();
        try {
            Boolean created = transactions.execute(s -> {
                if (runs.anyRunning() || !create(id, today, RunTrigger.SCHEDULED, null)) {
                    return false;
                }
                // the platform starts it: audited as the system, on the provider's account
                scope.provider().ifPresent(provider -> audit.record(new AuditRecord(
                        Caller.system(provider.id(), provider.path(), "scheduler"), provider.id(), provider.path(),
                        "billing.run-started", null, Map.of("runId", id, "asOf", today.toString(),
                                "trigger", RunTrigger.SCHEDULED))));
                return true;
            });
            if (!Boolean.TRUE.equals(created)) {
                return Optional.empty();
            }
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return Optional.of(id);
    }

    public RunView get(Caller caller, UUID runId) {
        providerOnly(caller, false);
        RunView run = runs.find(runId).orElseThrow(NotFoundException::new);
        caller.require(Privilege.BILLING_READ);
        return run;
    }

    private boolean create(UUID id, LocalDate asOf, RunTrigger trigger, UUID by) {
        List<UUID> buyers = terms.buyers(runs.cancelledSince(asOf));
        int chunkSize = chunks.chunkSize();
        if (!runs.create(id, asOf, trigger, by, buyers, chunkSize, clock.instant())) {
            return false;
        }
        chunks.schedule(id, buyers.size(), chunkSize);
        return true;
    }

    /**
     * Runs bill the whole tree: they belong to the provider, and only callers whose scope is the provider's whole
     * tree see them (not its customer users nor service users). Anybody else: 403 on a start, 404 on a read.
     */
    private AccountFacts providerOnly(Caller caller, boolean write) {
        AccountFacts own = scope.facts(caller, caller.accountId()).orElseThrow(NotFoundException::new);
        if (own.type() != AccountType.PROVIDER || !caller.covers(own.path())) {
            if (write) {
                throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff run billing.");
            }
            throw new NotFoundException();
        }
        return own;
    }

    private static RuleViolationException running() {
        return RuleViolationException.conflict(Problem.RUN_IN_PROGRESS,
                "A billing run is in progress; wait until it has completed.");
    }
}
