package io.cascade.provisioning.internal;

import io.cascade.catalog.ServiceCatalog;
import io.cascade.catalog.ServiceView;
import io.cascade.provisioning.Outcome;
import io.cascade.provisioning.ProvisioningAdapter;
import io.cascade.provisioning.ProvisioningRequest;
import io.cascade.provisioning.ProvisioningTaskView;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs provisioning tasks on this node. It claims due tasks (FOR UPDATE SKIP LOCKED, with a lease) whenever a worker
 * is free — on a timer, and at once after a transaction that requested tasks commits — and runs each adapter call
 * outside any transaction; the outcome is recorded in a short transaction of its own. Every node runs one; a task is
 * never run by two nodes at once, and a task whose node died is claimed again when its lease passes.
 */
@Component
class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final Tasks tasks;
    private final Adapters adapters;
    private final ServiceCatalog catalog;
    private final TaskCompletion completion;
    private final TransactionTemplate transactions;
    private final RunnerSettings settings;
    private final Clock clock;
    private final ExecutorService workers;
    private final ExecutorService dispatcher;
    private final Semaphore free;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    TaskRunner(Tasks tasks, Adapters adapters, ServiceCatalog catalog, TaskCompletion completion,
               TransactionTemplate transactions, RunnerSettings settings, Clock clock) {
        this.tasks = tasks;
        this.adapters = adapters;
        this.catalog = catalog;
        this.completion = completion;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(settings.workers, named("provisioning-worker"));
        this.dispatcher = Executors.newSingleThreadExecutor(named("provisioning-dispatch"));
        this.free = new Semaphore(settings.workers);
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${cascade.provisioning.poll-interval:PT5S}")
    void poll() {
        wake();
    }

    /** Look for due tasks now (called after a commit that requested tasks, and when a worker becomes free). */
    void wake() {
        if (!settings.enabled || stopped) {
            return;
        }
        try {
            dispatcher.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                while (!stopped) {
                    int slots = free.drainPermits();
                    if (slots == 0) {
                        break;
                    }
                    List<Tasks.Row> claimed;
                    try {
                        claimed = transactions.execute(s -> tasks.claim(slots, settings.lease, clock.instant()));
                    } catch (RuntimeException e) {
                        free.release(slots);
                        log.warn("Claiming provisioning tasks failed: {}", e.getMessage());
                        return;
                    }
                    free.release(slots - claimed.size());
                    for (Tasks.Row row : claimed) {
                        workers.execute(() -> {
                            try {
                                run(row);
                            } finally {
                                free.release();
                                wake();
                            }
                        });
                    }
                    if (claimed.size() < slots) {
                        break;
                    }
                }
            } while (again.get() && !stopped);
        } finally {
            draining.set(false);
        }
    }

    /** One attempt of one claimed task. */
    void run(Tasks.Row row) {
        ProvisioningTaskView task = row.task();
        Outcome outcome;
        if (task.attempts() > task.maxAttempts()) {
            outcome = Outcome.retry(task.lastError()); // a reclaimed task that already used up its attempts
        } else {
            outcome = attempt(task);
        }
        try {
            transactions.executeWithoutResult(s -> completion.record(task, row.leaseToken(), outcome));
        } catch (RuntimeException e) {
            // the lease runs out and another claim tries again
            log.warn("Recording the outcome of provisioning task {} failed: {}", task.id(), e.getMessage());
        }
    }

    private Outcome attempt(ProvisioningTaskView task) {
        Optional<ProvisioningAdapter> adapter = adapters.get(task.adapter());
        Optional<ServiceView> service = catalog.settings(task.serviceId());
        if (adapter.isEmpty() || service.isEmpty()) {
            return Outcome.failed("No provisioning adapter " + task.adapter() + " is installed.");
        }
        ProvisioningRequest request = request(task, service.get(), settings.callbackBase());
        try {
            Outcome outcome = adapter.get().apply(request);
            return outcome == null ? Outcome.retry("The adapter answered nothing.") : outcome;
        } catch (RuntimeException e) {
            log.info("Provisioning task {} ({} {}) attempt {} failed", task.id(), task.adapter(), task.operation(),
                    task.attempts(), e);
            return Outcome.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static ProvisioningRequest request(ProvisioningTaskView task, ServiceView service, String callbackBase) {
        return new ProvisioningRequest(task.id(), task.operation(), Math.max(task.attempts(), 1), task.accountId(),
                task.subscriptionId(), new ProvisioningRequest.ServiceSettings(service.id(), service.code(),
                service.adapter(), service.adapterConfig() == null ? Map.of() : service.adapterConfig()),
                task.subjectType(), task.subjectId(), task.payload(),
                URI.create(callbackBase + "/api/v1/provisioning-callbacks/" + task.id()));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        dispatcher.shutdown();
        workers.shutdown();
        if (!workers.awaitTermination(settings.httpTimeout.toSeconds() + 5, TimeUnit.SECONDS)) {
            workers.shutdownNow(); // their leases run out and another node (or the next start) tries again
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
