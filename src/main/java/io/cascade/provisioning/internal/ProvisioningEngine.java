package io.cascade.provisioning.internal;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.nodes.api.NewPlacement;
import io.cascade.nodes.api.NodePlacements;
import io.cascade.platform.api.Jobs;
import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes requested tasks in the requesting transaction. An immediate adapter's operations are carried out right
 * there and recorded as finished, except those a person carries out, which stay RUNNING and awaiting the vendor's
 * staff ({@link ProvisioningAdapter#byHand}); the others are PENDING, each with its job on the job engine, scheduled in the same
 * transaction and started as soon as it commits.
 */
@Component
public class ProvisioningEngine {
    private final Tasks tasks;
    private final Adapters adapters;
    private final ServiceCatalog catalog;
    private final TaskCompletion completion;
    private final RunnerSettings settings;
    private final Jobs jobs;
    private final NodePlacements placements;
    private final Clock clock;

    ProvisioningEngine(Tasks tasks, Adapters adapters, ServiceCatalog catalog, TaskCompletion completion,
                       RunnerSettings settings, Jobs jobs, NodePlacements placements, Clock clock) {
        this.tasks = tasks;
        this.placements = placements;
        this.adapters = adapters;
        this.catalog = catalog;
        this.completion = completion;
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
    }

    public List<UUID> request(Caller caller, List<NewTask> requests) {
        Instant now = clock.instant();
        Map<UUID, Optional<ServiceView>> services = new HashMap<>();
        Map<UUID, Boolean> hosted = new HashMap<>();
        List<Tasks.Insert> inserts = new ArrayList<>();
        List<ProvisioningTaskView> immediate = new ArrayList<>();
        List<TaskInstance<?>> queued = new ArrayList<>();
        for (NewTask request : requests) {
            ServiceView service = services.computeIfAbsent(request.serviceId(), catalog::settings)
                    .orElseThrow(() -> new IllegalArgumentException("No service " + request.serviceId()));
            Optional<ProvisioningAdapter> adapter = adapters.get(service.adapter());
            UUID id = UUID.randomUUID();
            TaskStatus status = TaskStatus.PENDING;
            int attempts = 0;
            String error = null;
            boolean byHand = false;
            UUID nodeId = hosted.computeIfAbsent(request.serviceId(), placements::hosted) ? node(request).orElse(null)
                    : null;
            // an immediate adapter's task on a DOWN node waits for the node like any other task
            if (adapter.isPresent() && adapter.get().immediate() && adapter.get().byHand(request.operation())) {
                status = TaskStatus.RUNNING; // an open to-do for the vendor's staff, who mark it done; no job
                byHand = true;
            } else if (adapter.isPresent() && adapter.get().immediate()
                    && (nodeId == null || !placements.down(nodeId))) {
                ProvisioningTaskView view = view(id, request, service, TaskStatus.RUNNING, 1, now, nodeId);
                Outcome outcome = adapter.get().apply(TaskRunner.request(view, service, settings.callbackBase()));
                status = outcome.kind() == Outcome.Kind.DONE ? TaskStatus.DONE : TaskStatus.FAILED;
                error = status == TaskStatus.DONE ? null : TaskCompletion.trim(outcome.detail());
                attempts = 1;
                immediate.add(view);
            } else {
                queued.add(ProvisioningJobs.TASK.instance(id.toString()).build());
            }
            inserts.add(new Tasks.Insert(id, request.accountId(), request.accountPath(), request.serviceId(),
                    service.adapter(), request.operation(), request.subjectType(), request.subjectId(),
                    request.subscriptionId(), request.payload(), status, attempts, settings.maxAttempts, error,
                    caller.userId(), nodeId, byHand));
        }
        tasks.insertAll(inserts, now);
        for (int i = 0, j = 0; i < inserts.size(); i++) {
            Tasks.Insert insert = inserts.get(i);
            if (insert.status() == TaskStatus.DONE || insert.status() == TaskStatus.FAILED) {
                completion.finished(immediate.get(j++), insert.status(), insert.lastError(), false);
            }
        }
        jobs.runSoon(queued);
        return inserts.stream().map(Tasks.Insert::id).toList();
    }

    /**
     * The service node of a requested task (ADR 0040): a new resource (PROVISION) is placed now, or refused when every
     * node of its service is full (409 {@code node-capacity-exhausted}, rolling back the requesting change); a change
     * carries its new quantities to the placement; a move names the node it goes to; any other task the node its
     * subject is on. Empty for a service without nodes.
     */
    private Optional<UUID> node(NewTask request) {
        return switch (request.operation()) {
            case PROVISION -> placements.place(new NewPlacement(request.subjectId(), request.subjectType(),
                    request.serviceId(), request.subscriptionId(), request.accountId(), request.accountPath(),
                    units(request.payload())));
            case CHANGE -> {
                placements.resize(request.subjectId(), units(request.payload()));
                yield placements.nodeOf(request.subjectId());
            }
            case MOVE -> Optional.ofNullable(request.payload().get(MoveTasks.TO_NODE_ID))
                    .map(id -> UUID.fromString(id.toString()));
            default -> placements.nodeOf(request.subjectId());
        };
    }

    /** The units a task's subject takes: the quantities of its payload's {@code resources} (a subscription's). */
    static Map<String, BigDecimal> units(Map<String, Object> payload) {
        if (!(payload.get("resources") instanceof Map<?, ?> resources)) {
            return Map.of();
        }
        Map<String, BigDecimal> units = new java.util.TreeMap<>();
        resources.forEach((code, quantity) -> {
            try {
                units.put(String.valueOf(code), new BigDecimal(String.valueOf(quantity)));
            } catch (NumberFormatException e) {
                // not a quantity: counts nothing
            }
        });
        return units;
    }

    public ProvisioningTaskView lock(UUID taskId) {
        return tasks.lock(taskId).orElseThrow(NotFoundException::new).task();
    }

    /**
     * Records a task left to a person as DONE (its row locked by the caller) and tells its followers, as an
     * immediate adapter's finished task; false when it no longer waits for staff.
     */
    public boolean completeByHand(ProvisioningTaskView task) {
        if (!tasks.completeByHand(task.id(), clock.instant())) {
            return false;
        }
        completion.finished(task, TaskStatus.DONE, null, false); // audited by the caller, with who marked it
        return true;
    }

    public void requeue(UUID taskId) {
        tasks.requeue(taskId, clock.instant());
        jobs.runSoon(ProvisioningJobs.TASK.instance(taskId.toString()).build());
    }

    /**
     * Ends a FAILED or PENDING task as CANCELLED (the caller holds its lock) and starts the next task of its subject,
     * which may have waited for it.
     */
    public void cancel(ProvisioningTaskView task) {
        if (!tasks.cancel(task.id(), clock.instant())) {
            throw new IllegalStateException("Task " + task.id() + " is no longer FAILED or PENDING");
        }
        tasks.nextOfSubject(task.subjectId(), task.id())
                .ifPresent(next -> jobs.runSoon(ProvisioningJobs.TASK.instance(next.toString()).build()));
    }

    private static ProvisioningTaskView view(UUID id, NewTask request, ServiceView service, TaskStatus status,
                                             int attempts, Instant now, UUID nodeId) {
        return new ProvisioningTaskView(id, request.accountId(), request.serviceId(), service.adapter(),
                request.operation(), request.subjectType(), request.subjectId(), request.subscriptionId(), status,
                attempts, 1, null, now, false, null, request.payload(), now, now, null, nodeId, false,
                false, request.accountPath(), 0);
    }
}
