package io.cascade.messages.internal;

import java.util.UUID;

/**
 * A webhook delivery to queue: the endpoint, its account, the event type, the ordering key (deliveries with the same
 * key go out one after the other) and the JSON body to post.
 */
record WebhookDraft(UUID endpointId, UUID accountId, String eventType, String orderingKey, String body) {
}
