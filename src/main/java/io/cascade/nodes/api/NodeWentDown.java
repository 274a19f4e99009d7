package io.cascade.nodes.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A service node failed {@code failures} health probes in a row and is DOWN; published once per outage, in the
 * transaction that records it (the messages module mails the provider's staff).
 */
public record NodeWentDown(UUID nodeId, String name, String address, int failures, String lastError,
                           Instant downSince) {
}
