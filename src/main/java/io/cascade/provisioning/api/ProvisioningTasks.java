package io.cascade.provisioning.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.nodes.api.NodeManagement;
import io.cascade.nodes.api.NodePlacements;
import io.cascade.provisioning.internal.ProvisioningEngine;
import io.cascade.provisioning.internal.Tasks;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requesting provisioning operations (for the modules that own what is provisioned) and the tasks as the API shows
 * them. Requests join the caller's transaction; the tasks run after it commits. Reads and retries follow the subtree
 * rule on the task's account.
 */
@Service
public class ProvisioningTasks {
    private final Tasks tasks;
    private final ProvisioningEngine engine;
    private final ServiceCatalog catalog;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final NodeManagement nodes;
    private final NodePlacements placements;
    private final Clock clock;

    ProvisioningTasks(Tasks tasks, ProvisioningEngine engine, ServiceCatalog catalog, AccountScope scope,
                      AuditTrail audit, NodeManagement nodes, NodePlacements placements, Clock clock) {
        this.nodes = nodes;
        this.placements = placements;
        this.tasks = tasks;
        this.engine = engine;
        this.catalog = catalog;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Requests operations in the caller's transaction (which must exist). Tasks of an immediate adapter
     * ({@code manual}) are carried out at once and publish {@link ProvisioningTaskFinished} before this returns; the
     * others run once the transaction commits. Answers the task ids in order.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<UUID> request(Caller caller, List<NewTask> requests) {
        return engine.request(caller, requests);
    }

    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public UUID request(Caller caller, NewTask request) {
        return engine.request(caller, List.of(request)).get(0);
    }

    /** The service of a code, for modules that know a plan's service codes. */
    public java.util.Optional<UUID> serviceId(String serviceCode) {
        return catalog.settingsByCode(serviceCode).map(ServiceView::id);
    }

    /** True when every PROVISION task of the subscription's own service(s) is DONE. */
    public boolean provisioned(UUID subscriptionId) {
        return tasks.provisioned(subscriptionId);
    }

    public Page<ProvisioningTaskView> list(Caller caller, UUID accountId, TaskStatus status, UUID subscriptionId,
                                           Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        int size = Cursors.limit(limit);
        Key after = key("provisioning-task", cursor);
        return page(caller, tasks.ofAccount(account.id(), status, subscriptionId, after.at(), after.id(), size + 1),
                size, "provisioning-task");
    }

    /**
     * The FAILED tasks of the caller's whole scope (its account and everything below; a customer user's customers),
     * newest first: what waits for somebody to look at it and retry. One query over the partial index of FAILED
     * tasks by account path.
     */
    public Page<ProvisioningTaskView> failedInSubtree(Caller caller, Integer limit, String cursor) {
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        int size = Cursors.limit(limit);
        Key after = key("failed-provisioning-task", cursor);
        return page(caller, tasks.inSubtree(scope.reach(caller), TaskStatus.FAILED, after.at(), after.id(), size + 1),
                size, "failed-provisioning-task");
    }

    private record Key(Instant at, UUID id) {
    }

    private static Key key(String kind, String cursor) {
        String after = Cursors.decode(kind, cursor);
        if (after == null) {
            return new Key(null, null);
        }
        String[] parts = after.split("\\|", 2);
        try {
            return new Key(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
    }

    private static Page<ProvisioningTaskView> page(Caller caller, List<Tasks.Row> found, int size, String kind) {
        List<ProvisioningTaskView> rows = found.stream().map(row -> seenBy(caller, row.task())).toList();
        List<ProvisioningTaskView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode(kind,
                page.get(size - 1).createdAt() + "|" + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    public ProvisioningTaskView get(Caller caller, UUID taskId) {
        ProvisioningTaskView task = tasks.find(taskId).orElseThrow(NotFoundException::new).task();
        caller.requireCovers(task.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        return seenBy(caller, task);
    }

    /**
     * A task as this caller may read it: the subscriber's side (the task's own account's users, and customer users,
     * who work for their customers) reads a neutral error, since the error may quote the remote system's reply; the
     * vendor's staff above read it all.
     */
    private static ProvisioningTaskView seenBy(Caller caller, ProvisioningTaskView task) {
        boolean subscriberSide = caller.kind() == io.cascade.shared.UserKind.CUSTOMER_USER
                || task.accountId().equals(caller.homeAccountId());
        return subscriberSide ? task.withNeutralError() : task;
    }

    /**
     * The vendor's staff say they carried out a task left to them ({@link ProvisioningTaskView#awaitingStaff()}: the
     * {@code manual} adapter's ENFORCE and LIFT): it is DONE, audited as {@code provisioning.task-completed} with who
     * said so, and followed as any finished task. Only staff above the task's account may (the subscriber cannot
     * declare its own resource stopped: 403 {@code vendor-decides}); a task outside the caller's subtree is 404; one
     * not waiting for staff is 409 ({@code task-done}, or {@code task-not-running}).
     */
    @Transactional
    public ProvisioningTaskView complete(Caller caller, UUID taskId) {
        ProvisioningTaskView task = tasks.find(taskId).orElseThrow(NotFoundException::new).task();
        caller.requireCovers(task.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        if (!caller.isStaff() || task.accountId().equals(caller.homeAccountId())) {
            throw new RuleViolationException(Problem.VENDOR_DECIDES, "The vendor's staff carry out this task and "
                    + "mark it done; the account it is for cannot.");
        }
        task = engine.lock(taskId);
        if (task.status() == TaskStatus.DONE) {
            throw RuleViolationException.conflict(Problem.TASK_DONE, "The task is done.");
        }
        if (!task.awaitingStaff() || !engine.completeByHand(task)) {
            throw new RuleViolationException(Problem.TASK_NOT_RUNNING, "The task is " + task.status()
                    + " and carried out by its service, not by hand.", Map.of("status", task.status()));
        }
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("taskId", task.id());
        after.put("operation", task.operation());
        after.put("subscriptionId", task.subscriptionId());
        after.put("payload", task.payload());
        after.put("status", TaskStatus.DONE);
        audit.record(new AuditRecord(caller, task.accountId(), task.accountPath(), "provisioning.task-completed",
                Map.of("taskId", task.id(), "status", task.status(), "awaitingStaff", true), after));
        return seenBy(caller, tasks.find(taskId).orElseThrow().task());
    }

    /**
     * Runs a FAILED task again with fresh attempts, or a PENDING one now instead of after its back-off. A RUNNING
     * task is being carried out (409 {@code task-running}); a DONE one is done (409 {@code task-done}).
     */
    @Transactional
    public ProvisioningTaskView retry(Caller caller, UUID taskId) {
        ProvisioningTaskView task = tasks.find(taskId).orElseThrow(NotFoundException::new).task();
        caller.requireCovers(task.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        task = engine.lock(taskId);
        switch (task.status()) {
            case RUNNING -> throw RuleViolationException.conflict(Problem.TASK_RUNNING,
                    "The task is running" + (task.awaitingCallback() ? " and waits for the remote system's callback"
                            : task.awaitingStaff() ? " and waits for the vendor's staff to carry it out" : "")
                            + "; it can be retried once it has failed.");
            case DONE -> throw RuleViolationException.conflict(Problem.TASK_DONE, "The task is done.");
            case CANCELLED -> throw RuleViolationException.conflict(Problem.TASK_CANCELLED,
                    "The task was cancelled; it is not run again.");
            default -> {
            }
        }
        engine.requeue(task.id());
        audit.record(new AuditRecord(caller, task.accountId(), task.accountPath(), "provisioning.task-retried",
                Map.of("taskId", task.id(), "status", task.status(), "attempts", task.attempts(),
                        "lastError", task.lastError() == null ? "" : ProvisioningTaskView.NEUTRAL_ERROR),
                Map.of("taskId", task.id(), "status", TaskStatus.PENDING, "attempts", 0)));
        return seenBy(caller, tasks.find(taskId).orElseThrow().task());
    }

    /**
     * Cancels a {@code MOVE} between service nodes that FAILED or still waits (PENDING): the task ends CANCELLED, the
     * resource stays on the node it is on, and the room kept for it on the other node is free again (ADR 0040). Only
     * the provider's staff with {@code CATALOG_MANAGE} cancel moves (anybody else: 404, as for the nodes). Other
     * operations are not cancelled (409 {@code task-not-cancellable}: they are retried until they are done); a RUNNING
     * move 409 {@code task-running}, a DONE one 409 {@code task-done}, a cancelled one 409 {@code task-cancelled}.
     */
    @Transactional
    public ProvisioningTaskView cancel(Caller caller, UUID taskId) {
        ProvisioningTaskView task = tasks.find(taskId).orElseThrow(NotFoundException::new).task();
        caller.requireCovers(task.accountPath());
        if (task.operation() != Operation.MOVE) {
            caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
            throw RuleViolationException.conflict(Problem.TASK_NOT_CANCELLABLE, "Only a MOVE between service nodes "
                    + "can be cancelled; a " + task.operation() + " task is retried until it is done.");
        }
        nodes.requireManager(caller);
        task = engine.lock(taskId);
        switch (task.status()) {
            case RUNNING -> throw RuleViolationException.conflict(Problem.TASK_RUNNING, "The move is running"
                    + (task.awaitingCallback() ? " and waits for the remote system's callback" : "")
                    + "; it can be cancelled once it has failed.");
            case DONE -> throw RuleViolationException.conflict(Problem.TASK_DONE,
                    "The move is done: the resource is on its new node.");
            case CANCELLED -> throw RuleViolationException.conflict(Problem.TASK_CANCELLED,
                    "The move was cancelled already.");
            default -> {
            }
        }
        engine.cancel(task);
        placements.moveCancelled(task.subjectId(), task.id());
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("taskId", task.id());
        after.put("operation", task.operation());
        after.put("subjectType", task.subjectType());
        after.put("subjectId", task.subjectId());
        after.put("status", TaskStatus.CANCELLED);
        after.put("toNodeId", task.nodeId());
        audit.record(new AuditRecord(caller, task.accountId(), task.accountPath(), "provisioning.task-cancelled",
                Map.of("taskId", task.id(), "status", task.status(), "attempts", task.attempts()), after));
        return seenBy(caller, tasks.find(taskId).orElseThrow().task());
    }
}
