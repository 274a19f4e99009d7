package io.cascade.provisioning.api;

import io.cascade.shared.Caller;

import java.util.UUID;

/**
 * Published synchronously inside the transaction that finishes a task (DONE, or FAILED for good), so that the owning
 * module updates its object in the same commit: a subscription becomes ACTIVE when its PROVISION tasks are DONE, and
 * the subscriptions module then tells the modules that follow a subscription (its SIMs); docs/architecture.md
 * ("Reactions") lists the chain. {@code caller} is the platform acting for the task's account.
 */
public record ProvisioningTaskFinished(UUID taskId, Operation operation, TaskStatus status, String subjectType,
                                       UUID subjectId, UUID subscriptionId, UUID serviceId, String error,
                                       Caller caller) {

    public boolean done() {
        return status == TaskStatus.DONE;
    }
}
