package io.cascade.messages.internal;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed outbox row as a channel sees it. {@code attempts} counts this attempt; {@code data} is what the
 * publisher stored (a mail's facts for its composer, a webhook's body under {@code body}).
 */
record OutboxMessage(UUID id, long seq, Channel channel, String kind, UUID accountId, UUID targetId,
                     String orderingKey, JsonNode data, int attempts, Instant createdAt) {
}
