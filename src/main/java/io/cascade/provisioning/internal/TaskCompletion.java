package io.cascade.provisioning.internal;

import io.cascade.nodes.api.NodePlacements;
import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningTaskFinished;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records the outcome of one claimed attempt, in the caller's transaction: DONE or FAILED for good (with an audit
 * event and {@link ProvisioningTaskFinished} for the owning module), PENDING again after a back-off, or waiting for
 * the remote system's callback. Outcomes of a claim that is no longer current change nothing.
 */
@Component
class TaskCompletion {
    private static final int MAX_ERROR = 1000;

    private final Tasks tasks;
    private final RunnerSettings settings;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final NodePlacements nodes;
    private final Clock clock;

    TaskCompletion(Tasks tasks, RunnerSettings settings, ApplicationEventPublisher events, AuditTrail audit,
                   NodePlacements nodes, Clock clock) {
        this.tasks = tasks;
        this.nodes = nodes;
        this.settings = settings;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Answers the status the task is in afterwards, or null when the claim was no longer current. */
    TaskStatus record(ProvisioningTaskView task, java.util.UUID leaseToken, Outcome outcome) {
        Instant now = clock.instant();
        switch (outcome.kind()) {
            case DONE -> {
                return tasks.finish(task.id(), leaseToken, TaskStatus.DONE, null, outcome.externalRef(), now)
                        ? finished(task, TaskStatus.DONE, null, true) : null;
            }
            case FAILED -> {
                String error = trim(outcome.detail());
                return tasks.finish(task.id(), leaseToken, TaskStatus.FAILED, error, null, now)
                        ? finished(task, TaskStatus.FAILED, error, true) : null;
            }
            case ACCEPTED -> {
                return tasks.awaitCallback(task.id(), leaseToken, outcome.externalRef(), now) ? TaskStatus.RUNNING
                        : null;
            }
            default -> {
                String error = trim(outcome.detail());
                if (task.attempts() >= task.maxAttempts()) {
                    String gaveUp = trim("Gave up after " + task.attempts() + " attempts: " + error);
                    return tasks.finish(task.id(), leaseToken, TaskStatus.FAILED, gaveUp, null, now)
                            ? finished(task, TaskStatus.FAILED, gaveUp, true) : null;
                }
                return tasks.retryLater(task.id(), leaseToken, error, now.plus(settings.delayAfter(task.attempts())),
                        now) ? TaskStatus.PENDING : null;
            }
        }
    }

    /**
     * The event of a task that ended, and its audit record unless {@code audited} is false (an immediate adapter's
     * task, carried out inside a change that is audited itself).
     */
    TaskStatus finished(ProvisioningTaskView task, TaskStatus status, String error, boolean audited) {
        Caller system = Caller.system(task.accountId(), task.accountPath(), "provisioning");
        if (status == TaskStatus.DONE && task.operation() == Operation.DEPROVISION) {
            nodes.released(task.subjectId()); // the resource is gone: its node has room again
        } else if (status == TaskStatus.DONE && task.operation() == Operation.MOVE && task.nodeId() != null) {
            nodes.moved(task.subjectId(), task.nodeId());
        }
        events.publishEvent(new ProvisioningTaskFinished(task.id(), task.operation(), status, task.subjectType(),
                task.subjectId(), task.subscriptionId(), task.serviceId(), error, system));
        if (!audited) {
            return status;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("taskId", task.id());
        after.put("operation", task.operation());
        after.put("subjectType", task.subjectType());
        after.put("subjectId", task.subjectId());
        after.put("status", status);
        after.put("attempts", task.attempts());
        if (error != null) { // the audit log is the subscriber's to read too: the detail stays on the task
            after.put("error", ProvisioningTaskView.NEUTRAL_ERROR);
        }
        audit.record(new AuditRecord(system, task.accountId(), task.accountPath(),
                status == TaskStatus.DONE ? "provisioning.task-done" : "provisioning.task-failed",
                Map.of("status", task.status()), after));
        return status;
    }

    static String trim(String error) {
        if (error == null) {
            return "Unknown error.";
        }
        return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
    }
}
