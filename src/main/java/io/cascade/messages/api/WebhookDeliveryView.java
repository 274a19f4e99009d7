package io.cascade.messages.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery of an event to an endpoint, as its log shows it: the outbox message ({@code id} is the
 * {@code webhook-id} the receiver sees on every attempt), its status (PENDING, SENDING, SENT, FAILED), attempts, the
 * last answer's HTTP status and a short error (never the answer's body), and when it was created, last tried, next
 * tried and delivered.
 */
public record WebhookDeliveryView(UUID id, UUID endpointId, String eventType, String status, int attempts,
                           Integer lastStatusCode, String lastError, Instant createdAt, Instant nextAttemptAt,
                           Instant sentAt) {
}
