package io.cascade.provisioning.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.nodes.api.NodePlacements;
import io.cascade.platform.api.Jobs;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningRequest;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a provisioning task's attempts as a job on the job engine ({@link ProvisioningJobs#TASK}, one execution per
 * task, its id the task's). The engine runs an execution on one node at a time and, when that node dies, again on
 * another. An execution starts an attempt (RUNNING, the attempt counted, a new lease token, in a short transaction),
 * calls the adapter outside any transaction, and records the outcome with that token; then it ends (DONE, FAILED), or
 * waits for the back-off (PENDING) or for the remote system's callback, and fires again after that. A task waits while
 * an earlier task of the same subject is open; the task that ends wakes the next one.
 */
@Component
class TaskRunner {
    /** How soon a task that waits for an earlier task of its subject looks again (the earlier one also wakes it). */
    private static final Duration WAIT_FOR_EARLIER = Duration.ofSeconds(1);
    /**
     * How soon a task whose node is DOWN looks again; the node coming back also wakes it at once
     * ({@link NodeFollower}).
     */
    private static final Duration WAIT_FOR_NODE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final Tasks tasks;
    private final Adapters adapters;
    private final ServiceCatalog catalog;
    private final TaskCompletion completion;
    private final TransactionTemplate transactions;
    private final RunnerSettings settings;
    private final Jobs jobs;
    private final NodePlacements nodes;
    private final Clock clock;

    TaskRunner(Tasks tasks, Adapters adapters, ServiceCatalog catalog, TaskCompletion completion,
               TransactionTemplate transactions, RunnerSettings settings, Jobs jobs, NodePlacements nodes,
               Clock clock) {
        this.tasks = tasks;
        this.nodes = nodes;
        this.adapters = adapters;
        this.catalog = catalog;
        this.completion = completion;
        this.transactions = transactions;
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** One execution of a task's job: an attempt if the task is due, and what the job does next. */
    CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        UUID id = UUID.fromString(instance.getId());
        Optional<ProvisioningTaskView> due = tasks.find(id).map(Tasks.Row::task);
        if (due.isPresent() && due.get().status() == TaskStatus.PENDING && due.get().nodeId() != null
                && nodes.down(due.get().nodeId())) {
            // its node is DOWN: the task waits (no attempt used) until the node is back (ADR 0040)
            transactions.executeWithoutResult(s -> tasks.waitForNode(id, clock.instant()));
            return after(WAIT_FOR_NODE);
        }
        Optional<Tasks.Row> started = transactions.execute(s -> tasks.start(id, clock.instant()));
        if (started == null || started.isEmpty()) {
            boolean open = tasks.find(id).map(r -> r.task().status() == TaskStatus.PENDING
                    || r.task().status() == TaskStatus.RUNNING).orElse(false);
            return open ? after(WAIT_FOR_EARLIER) : (complete, operations) -> operations.remove();
        }
        ProvisioningTaskView task = started.get().task();
        TaskStatus status = run(started.get());
        if (status == null) {
            return after(Duration.ZERO); // the attempt is no longer current: look at the task again
        }
        return switch (status) {
            case PENDING -> after(settings.delayAfter(task.attempts()));
            case RUNNING -> after(settings.callbackTimeout); // waiting for the callback; then it is tried again
            case DONE, FAILED, CANCELLED -> {
                wakeNext(task);
                yield (complete, operations) -> operations.remove();
            }
        };
    }

    /** A task ended: the next task of its subject, waiting for it, starts now (after the caller's commit). */
    void wakeNext(ProvisioningTaskView ended) {
        tasks.nextOfSubject(ended.subjectId(), ended.id())
                .ifPresent(next -> jobs.runSoon(ProvisioningJobs.TASK.instance(next.toString()).build()));
    }

    private static CompletionHandler<Void> after(Duration delay) {
        return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone().plus(delay));
    }

    /** One started attempt; answers the task's status afterwards, or null when the attempt was no longer current. */
    TaskStatus run(Tasks.Row row) {
        ProvisioningTaskView task = row.task();
        Outcome outcome;
        if (task.attempts() > task.maxAttempts()) {
            outcome = Outcome.retry(task.lastError()); // a task taken over that already used up its attempts
        } else {
            outcome = attempt(task);
        }
        return transactions.execute(s -> completion.record(task, row.leaseToken(), outcome));
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
}
