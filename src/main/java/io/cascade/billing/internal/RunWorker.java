package io.cascade.billing.internal;

import io.cascade.catalog.OfferingManagement;
import io.cascade.catalog.PlanManagement;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Works on the running billing run, on every node: claims a chunk of buyers (SKIP LOCKED, under a lease), computes
 * their invoices in memory, and writes the whole chunk in one transaction — invoices, lines and ledger rows together,
 * so no half invoice is ever visible. When the chunk's transaction fails, its buyers are retried one by one, so that
 * one buyer's failure is recorded on that buyer alone and the run goes on. The last node to find nothing open
 * completes the run and writes the commission statements.
 */
@Component
public class RunWorker {
    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

    private final RunStore runs;
    private final InvoiceStore invoices;
    private final ChunkLoader loader;
    private final CommissionStatements statements;
    private final PlanManagement plans;
    private final OfferingManagement offerings;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "billing-run");
        t.setDaemon(true);
        return t;
    });
    /** Chunk workers besides the calling thread ({@code cascade.billing.threads} in all). */
    private final ExecutorService helpers;
    /** One execution per node: the poller skips while the node works on a run. */
    private final ReentrantLock working = new ReentrantLock();

    RunWorker(RunStore runs, InvoiceStore invoices, ChunkLoader loader, CommissionStatements statements,
              PlanManagement plans, OfferingManagement offerings, TransactionTemplate transactions,
              BillingProperties properties, Clock clock) {
        this.runs = runs;
        this.invoices = invoices;
        this.loader = loader;
        this.statements = statements;
        this.plans = plans;
        this.offerings = offerings;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.helpers = Executors.newFixedThreadPool(Math.max(1, properties.threads() - 1), r -> {
            Thread t = new Thread(r, "billing-chunks");
            t.setDaemon(true);
            return t;
        });
    }

    public String node() {
        return node;
    }

    /** Starts working on the run in the background (after the transaction that created it committed). */
    public void submit() {
        executor.execute(this::helpRunning);
    }

    /** Looks for a running run to help with: one started on another node, or chunks whose lease has passed. */
    @Scheduled(initialDelayString = "${cascade.billing.worker-interval:PT5S}",
            fixedDelayString = "${cascade.billing.worker-interval:PT5S}")
    public void poll() {
        executor.execute(this::helpRunning);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        helpers.shutdownNow();
    }

    private void helpRunning() {
        if (!working.tryLock()) {
            return;
        }
        try {
            runs.running().ifPresent(run -> execute(run.id(), run.asOf()));
        } catch (RuntimeException e) {
            log.warn("Billing run worker failed; it tries again at the next poll", e);
        } finally {
            working.unlock();
        }
    }

    /** Works on the run until nothing is left to claim; completes it if nothing is open any more. */
    public void execute(UUID runId, LocalDate asOf) {
        execute(runId, asOf, properties.chunkSize());
    }

    /** {@link #execute(UUID, LocalDate)} with chunks of {@code chunkSize} buyers (waits while the node works). */
    public void execute(UUID runId, LocalDate asOf, int chunkSize) {
        working.lock();
        try {
            work(runId, asOf, chunkSize);
        } finally {
            working.unlock();
        }
    }

    /** This node's threads claim and bill chunks until nothing is left to claim; then the run may complete. */
    private void work(UUID runId, LocalDate asOf, int chunkSize) {
        ChargeCalculator calculator = new ChargeCalculator(new Lookups(plans, offerings));
        List<java.util.concurrent.Future<?>> others = new ArrayList<>();
        for (int i = 1; i < properties.threads(); i++) {
            others.add(helpers.submit(() -> claimAndBill(runId, asOf, chunkSize, calculator)));
        }
        claimAndBill(runId, asOf, chunkSize, calculator);
        for (var other : others) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("Billing run {}: a chunk worker failed; the run goes on at the next poll", runId,
                        e.getCause());
            }
        }
        transactions.executeWithoutResult(s -> {
            if (runs.complete(runId, clock.instant())) {
                statements.write(runId, asOf, clock.instant());
                log.info("Billing run {} for {} completed", runId, asOf);
            }
        });
    }

    private void claimAndBill(UUID runId, LocalDate asOf, int chunkSize, ChargeCalculator calculator) {
        while (!Thread.currentThread().isInterrupted()) {
            List<RunStore.Item> items = transactions.execute(s -> runs.claim(runId, node, chunkSize,
                    clock.instant().plus(properties.lease()), clock.instant()));
            if (items == null || items.isEmpty()) {
                return;
            }
            processChunk(runId, asOf, items, calculator);
        }
    }

    /** One chunk: computed in memory, written in one transaction; on failure, buyer by buyer. */
    void processChunk(UUID runId, LocalDate asOf, List<RunStore.Item> items, ChargeCalculator calculator) {
        Map<UUID, List<Drafts.Invoice>> drafts = new HashMap<>();
        Map<UUID, String> errors = new HashMap<>();
        long started = System.nanoTime();
        long loaded = started;
        long computed = started;
        try {
            ChunkLoader.Chunk chunk = loader.load(items.stream().map(RunStore.Item::buyerId).toList(), asOf);
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
            transactions.executeWithoutResult(s -> write(runId, asOf, items, drafts, errors));
        } catch (DataAccessException e) {
            log.info("Billing run {}: a chunk of {} buyers failed as a whole ({}); retrying buyer by buyer", runId,
                    items.size(), message(e));
            for (RunStore.Item item : items) {
                try {
                    transactions.executeWithoutResult(s -> write(runId, asOf, List.of(item), drafts, errors));
                } catch (DataAccessException one) {
                    Map<UUID, String> failed = Map.of(item.buyerId(), message(one));
                    transactions.executeWithoutResult(s -> write(runId, asOf, List.of(item), Map.of(), failed));
                }
            }
        }
        if (log.isDebugEnabled()) {
            long written = System.nanoTime();
            log.debug("Billing run {}: {} buyers, load {} ms, compute {} ms, write {} ms", runId, items.size(),
                    (loaded - started) / 1_000_000, (computed - loaded) / 1_000_000, (written - computed) / 1_000_000);
        }
    }

    private void write(UUID runId, LocalDate asOf, List<RunStore.Item> items, Map<UUID, List<Drafts.Invoice>> drafts,
                       Map<UUID, String> errors) {
        int[] seqs = new int[items.size()];
        int[] counts = new int[items.size()];
        String[] messages = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            RunStore.Item item = items.get(i);
            seqs[i] = item.seq();
            messages[i] = errors.get(item.buyerId());
            if (messages[i] == null && !drafts.containsKey(item.buyerId())) {
                messages[i] = "not computed";
            }
            counts[i] = messages[i] != null ? 0 : (int) drafts.get(item.buyerId()).stream()
                    .filter(d -> !d.lines().isEmpty()).count();
        }
        java.util.Set<Integer> confirmed = new java.util.HashSet<>(runs.confirm(runId, node, seqs, counts, messages));
        List<Drafts.Invoice> toWrite = new ArrayList<>();
        int written = 0;
        int done = 0;
        int failed = 0;
        for (int i = 0; i < items.size(); i++) {
            if (!confirmed.contains(seqs[i])) {
                continue;
            }
            if (messages[i] == null) {
                toWrite.addAll(drafts.get(items.get(i).buyerId()));
                written += counts[i];
                done++;
            } else {
                failed++;
            }
        }
        invoices.write(toWrite, runId, asOf, clock.instant(), Map.of(), null);
        runs.count(runId, done, failed, written);
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
