package io.cascade.subscriptions.api;

import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.ProvisioningTaskFinished;
import io.cascade.shared.Caller;

import java.util.UUID;

/**
 * Published synchronously, inside the transaction that finished a provisioning task of a subscription (DONE), once
 * the subscriptions module has applied it — a subscription whose last PROVISION task is done is ACTIVE by then: the
 * next step of the reaction to {@link ProvisioningTaskFinished} (docs/architecture.md, "Reactions"). The assets module
 * follows it (the SIMs of an {@code iot} subscription take the state its status asks for). {@code caller} is the
 * platform acting for the task's account.
 */
public record SubscriptionTaskDone(UUID subscriptionId, UUID taskId, Operation operation, Caller caller) {
}
