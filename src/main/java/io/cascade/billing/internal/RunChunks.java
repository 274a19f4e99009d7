package io.cascade.billing.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.BillingRunCompleted;
import io.cascade.billing.api.DocumentsIssued;
import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.platform.api.Jobs;
import io.cascade.shared.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A billing run's chunks as jobs on the job engine: "bill chunk X of run Y" ({@link BillingJobs#CHUNK}, one execution
 * per {@code cascade.billing.chunk-size} buyers, scheduled in the transaction that creates the run). Whichever node's
 * engine picks a chunk claims its work item (one row per chunk: it names the node and counts the attempt), computes its
 * buyers' invoices in memory, and writes the whole chunk in one transaction — invoices and lines, each line with the
 * ledger row it bills, together, so no half invoice is ever visible — after confirming that the chunk is still its own.
 * When the chunk's transaction fails, its buyers are retried one by one, each in a transaction that confirms the
 * chunk's progress up to that buyer, so that one buyer's failure is recorded on that buyer alone and the run goes on.
 * The node that finishes the last open chunk completes the run and writes the commission statements. A node that dies
 * in the middle of a chunk stops its heartbeat; the engine then runs the chunk again on another node, which takes the
 * chunk over from its first unfinished buyer (the dead node, if it was only slow, confirms nothing and writes nothing).
 * Each chunk's transaction publishes {@link DocumentsIssued} with every document it wrote, and the run's completion
 * {@link BillingRunCompleted}.
 */
@Component
public class RunChunks {
    private static final Logger log = LoggerFactory.getLogger(RunChunks.class);

    private final RunStore runs;
    private final InvoiceStore invoices;
    private final BalanceStore balances;
    private final ChunkLoader loader;
    private final CommissionStatements statements;
    private final PlanManagement plans;
    private final OfferingManagement offerings;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final Jobs jobs;
    private final Clock clock;
    private final AccountScope scope;
    private final ApplicationEventPublisher events;
    /** The platform (the provider's system caller) a run bills as; the provider never changes once created. */
    private volatile Caller platform;
    /** The catalog facts of the run this node works on, shared by its chunks (one run at a time). */
    private volatile RunLookups current;

    private record RunLookups(UUID runId, ChargeCalculator calculator) {
    }

    /** Buyers {@code from} to {@code to} (item seqs, inclusive) of a run: the execution's id is {@code run/from-to}. */
    record Chunk(UUID runId, int from, int to) {
        static Chunk of(String id) {
            int slash = id.indexOf('/');
            int dash = id.indexOf('-', slash);
            return new Chunk(UUID.fromString(id.substring(0, slash)), Integer.parseInt(id.substring(slash + 1, dash)),
                    Integer.parseInt(id.substring(dash + 1)));
        }

        String id() {
            return runId + "/" + from + "-" + to;
        }
    }

    RunChunks(RunStore runs, InvoiceStore invoices, ChunkLoader loader, CommissionStatements statements,
              PlanManagement plans, OfferingManagement offerings, TransactionTemplate transactions,
              BillingProperties properties, Jobs jobs, Clock clock, AccountScope scope,
              ApplicationEventPublisher events, BalanceStore balances) {
        this.balances = balances;
        this.scope = scope;
        this.events = events;
        this.runs = runs;
        this.invoices = invoices;
        this.loader = loader;
        this.statements = statements;
        this.plans = plans;
        this.offerings = offerings;
        this.transactions = transactions;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The buyers per chunk of a new run. */
    public int chunkSize() {
        return properties.chunkSize();
    }

    /** Schedules the chunks of a new run of {@code buyers} buyers, in the transaction that creates it. */
    public void schedule(UUID runId, int buyers) {
        schedule(runId, buyers, properties.chunkSize());
    }

    /**
     * {@link #schedule(UUID, int)} with chunks of {@code chunkSize} buyers, the size the run was created with (a run of
     * none has one empty chunk).
     */
    public void schedule(UUID runId, int buyers, int chunkSize) {
        List<TaskInstance<?>> chunks = new ArrayList<>();
        for (int from = 1; from <= Math.max(buyers, 1); from += chunkSize) {
            chunks.add(BillingJobs.CHUNK.instance(new Chunk(runId, from, Math.min(buyers, from + chunkSize - 1)).id())
                    .build());
        }
        jobs.runSoon(chunks);
    }

    /** One execution of a chunk; finished when none of its buyers is open any more, else looked at again later. */
    CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        Chunk chunk = Chunk.of(instance.getId());
        String node = context.getExecution().pickedBy;
        Optional<LocalDate> asOf = runs.runningAsOf(chunk.runId());
        if (asOf.isPresent()) {
            List<RunStore.Item> items = transactions.execute(s -> runs.claim(chunk.runId(), node, chunk.from()));
            if (items != null && !items.isEmpty()) {
                processChunk(chunk.runId(), chunk.from(), asOf.get(), node, items, calculator(chunk.runId()));
            }
            if (runs.anyOpen(chunk.runId(), chunk.from())) {
                // an earlier executor's confirmation still holds some items: they are DONE when it commits
                return (complete, operations) -> operations.reschedule(complete,
                        complete.getTimeDone().plus(properties.workerInterval()));
            }
            transactions.executeWithoutResult(s -> {
                if (runs.complete(chunk.runId(), clock.instant())) {
                    statements.write(platform(), chunk.runId(), asOf.get(), clock.instant());
                    events.publishEvent(new BillingRunCompleted(chunk.runId()));
                    log.info("Billing run {} for {} completed", chunk.runId(), asOf.get());
                }
            });
        }
        return (complete, operations) -> operations.remove();
    }

    private Caller platform() {
        Caller caller = platform;
        if (caller == null) {
            ScopedAccount provider = scope.provider().orElseThrow();
            caller = Caller.system(provider.id(), provider.path(), "billing-run");
            platform = caller;
        }
        return caller;
    }

    private ChargeCalculator calculator(UUID runId) {
        RunLookups lookups = current;
        if (lookups == null || !lookups.runId().equals(runId)) {
            lookups = new RunLookups(runId, new ChargeCalculator(new Lookups(plans, offerings)));
            current = lookups;
        }
        return lookups.calculator();
    }

    /**
     * One chunk (its unfinished buyers, in order): computed in memory, written in one transaction; on failure, buyer by
     * buyer, each buyer's transaction confirming the chunk's progress up to it.
     */
    void processChunk(UUID runId, int chunkFrom, LocalDate asOf, String node, List<RunStore.Item> items,
                      ChargeCalculator calculator) {
        Map<UUID, List<Drafts.Invoice>> drafts = new HashMap<>();
        Map<UUID, String> errors = new HashMap<>();
        long started = System.nanoTime();
        long loaded = started;
        long computed = started;
        try {
            ChunkLoader.Chunk chunk = loader.load(platform(), items.stream().map(RunStore.Item::buyerId).toList(),
                    asOf);
            loaded = System.nanoTime();
            for (RunStore.Item item : items) {
                try {
                    var data = chunk.buyers().get(item.buyerId());
                    drafts.put(item.buyerId(), data == null ? List.of() : calculator.bill(data, asOf));
                } catch (RuntimeException e) {
                    errors.put(item.buyerId(), message(e));
                }
            }
            computed = System.nanoTime();
        } catch (RuntimeException e) {
            items.forEach(i -> errors.put(i.buyerId(), message(e)));
        }
        try {
            transactions.executeWithoutResult(s -> write(runId, chunkFrom, asOf, node, items, drafts, errors));
        } catch (DataAccessException e) {
            log.info("Billing run {}: a chunk of {} buyers failed as a whole ({}); retrying buyer by buyer", runId,
                    items.size(), message(e));
            for (RunStore.Item item : items) {
                try {
                    Boolean confirmed = transactions.execute(s -> write(runId, chunkFrom, asOf, node, List.of(item),
                            drafts, errors));
                    if (!Boolean.TRUE.equals(confirmed)) {
                        return; // another node took the chunk over: it goes on from here
                    }
                } catch (DataAccessException one) {
                    Map<UUID, String> failed = Map.of(item.buyerId(), message(one));
                    transactions.executeWithoutResult(s -> write(runId, chunkFrom, asOf, node, List.of(item),
                            Map.of(), failed));
                }
            }
        }
        if (log.isDebugEnabled()) {
            long written = System.nanoTime();
            log.debug("Billing run {}: {} buyers, load {} ms, compute {} ms, write {} ms", runId, items.size(),
                    (loaded - started) / 1_000_000, (computed - loaded) / 1_000_000, (written - computed) / 1_000_000);
        }
    }

    /**
     * Writes the invoices of these buyers (consecutive unfinished buyers of the chunk) and records the failed ones,
     * after confirming that this node still holds the chunk; false, writing nothing, when it does not.
     */
    private boolean write(UUID runId, int chunkFrom, LocalDate asOf, String node, List<RunStore.Item> items,
                          Map<UUID, List<Drafts.Invoice>> drafts, Map<UUID, String> errors) {
        if (!runs.confirm(runId, node, chunkFrom, items.get(0).seq(), items.get(items.size() - 1).seq())) {
            return false;
        }
        List<Drafts.Invoice> toWrite = new ArrayList<>();
        List<RunStore.Item> failedItems = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int written = 0;
        int done = 0;
        for (RunStore.Item item : items) {
            String error = errors.get(item.buyerId());
            List<Drafts.Invoice> buyer = drafts.get(item.buyerId());
            if (error == null && buyer == null) {
                error = "not computed";
            }
            if (error == null) {
                for (Drafts.Invoice d : buyer) {
                    if (!d.lines().isEmpty()) {
                        toWrite.add(d);
                        written++;
                    }
                }
                done++;
            } else {
                failedItems.add(item);
                failures.add(error);
            }
        }
        runs.failed(runId, failedItems, failures);
        List<UUID> issued = invoices.write(toWrite, runId, asOf, clock.instant(), Map.of(), null).stream()
                .filter(java.util.Objects::nonNull).toList();
        // the buyers' credit pays the new invoices, and a run's credit note is credit (ADR 0027)
        balances.applyCredit(issued, clock.instant());
        runs.count(runId, done, failedItems.size(), written);
        if (!issued.isEmpty()) {
            // in the chunk's transaction: whoever follows billing (the messages module) writes its rows in this commit
            events.publishEvent(new DocumentsIssued(issued, runId));
        }
        return true;
    }

    private static String message(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 900 ? m.substring(0, 900) : m;
    }
}
