package io.cascade.provisioning.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A provisioning task as the API shows it. */
public record ProvisioningTaskView(UUID id, UUID accountId, UUID serviceId, String adapter, Operation operation,
                                   String subjectType, UUID subjectId, UUID subscriptionId, TaskStatus status,
                                   int attempts, int maxAttempts, String lastError, Instant nextAttemptAt,
                                   boolean awaitingCallback, String externalRef, Map<String, Object> payload,
                                   Instant createdAt, Instant updatedAt, Instant finishedAt,
                                   @JsonIgnore String accountPath, @JsonIgnore long version) {
}
