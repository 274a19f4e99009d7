package io.cascade.provisioning.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A provisioning task as the API shows it. {@code nodeId} is the service node its subject is placed on (a move: the
 * node it goes to), null for a service without nodes; {@code waitingForNode} is true while the task waits for that
 * node to come back from DOWN (it is not tried meanwhile and uses up no attempts). {@code awaitingStaff} is true while
 * a task that a person carries out (the {@code manual} adapter's ENFORCE and LIFT) is RUNNING until the vendor's staff
 * mark it done ({@code POST /api/v1/provisioning-tasks/{id}/complete}).
 */
public record ProvisioningTaskView(UUID id, UUID accountId, UUID serviceId, String adapter, Operation operation,
                                   String subjectType, UUID subjectId, UUID subscriptionId, TaskStatus status,
                                   int attempts, int maxAttempts, String lastError, Instant nextAttemptAt,
                                   boolean awaitingCallback, String externalRef, Map<String, Object> payload,
                                   Instant createdAt, Instant updatedAt, Instant finishedAt, UUID nodeId,
                                   boolean waitingForNode, boolean awaitingStaff, @JsonIgnore String accountPath,
                                   @JsonIgnore long version) {

    /**
     * What the subscriber's side reads instead of a task's error: the error may quote the remote system's reply, which
     * is for the vendor's staff only.
     */
    public static final String NEUTRAL_ERROR = "The service's system did not carry this out; your vendor sees the "
            + "details and can retry it.";

    /** The task with its error replaced by {@link #NEUTRAL_ERROR}, if it has one. */
    public ProvisioningTaskView withNeutralError() {
        return lastError == null ? this : new ProvisioningTaskView(id, accountId, serviceId, adapter, operation,
                subjectType, subjectId, subscriptionId, status, attempts, maxAttempts, NEUTRAL_ERROR, nextAttemptAt,
                awaitingCallback, externalRef, payload, createdAt, updatedAt, finishedAt, nodeId, waitingForNode,
                awaitingStaff, accountPath, version);
    }
}
