package io.cascade.provisioning.internal;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.platform.api.Jobs;
import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

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
 * there and recorded as finished; the others are PENDING, each with its job on the job engine, scheduled in the same
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
    private final Clock clock;

    ProvisioningEngine(Tasks tasks, Adapters adapters, ServiceCatalog catalog, TaskCompletion completion,
                       RunnerSettings settings, Jobs jobs, Clock clock) {
        this.tasks = tasks;
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
            if (adapter.isPresent() && adapter.get().immediate()) {
                ProvisioningTaskView view = view(id, request, service, TaskStatus.RUNNING, 1, now);
                Outcome outcome = adapter.get().apply(TaskRunner.request(view, service, settings.callbackBase()));
                status = outcome.kind() == Outcome.Kind.DONE ? TaskStatus.DONE : TaskStatus.FAILED;
                error = status == TaskStatus.DONE ? null : TaskCompletion.trim(outcome.detail());
                attempts = 1;
                immediate.add(view(id, request, service, TaskStatus.RUNNING, 1, now));
            } else {
                queued.add(ProvisioningJobs.TASK.instance(id.toString()).build());
            }
            inserts.add(new Tasks.Insert(id, request.accountId(), request.accountPath(), request.serviceId(),
                    service.adapter(), request.operation(), request.subjectType(), request.subjectId(),
                    request.subscriptionId(), request.payload(), status, attempts, settings.maxAttempts, error,
                    caller.userId()));
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

    public ProvisioningTaskView lock(UUID taskId) {
        return tasks.lock(taskId).orElseThrow(NotFoundException::new).task();
    }

    public void requeue(UUID taskId) {
        tasks.requeue(taskId, clock.instant());
        jobs.runSoon(ProvisioningJobs.TASK.instance(taskId.toString()).build());
    }

    private static ProvisioningTaskView view(UUID id, NewTask request, ServiceView service, TaskStatus status,
                                             int attempts, Instant now) {
        return new ProvisioningTaskView(id, request.accountId(), request.serviceId(), service.adapter(),
                request.operation(), request.subjectType(), request.subjectId(), request.subscriptionId(), status,
                attempts, 1, null, now, false, null, request.payload(), now, now, null, request.accountPath(), 0);
    }
}
