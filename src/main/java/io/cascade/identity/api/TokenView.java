package io.cascade.identity.api;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never the secret itself. */
public record TokenView(UUID id, UUID userId, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
