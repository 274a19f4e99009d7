package io.cascade.identity.api;

import java.time.Instant;
import java.util.UUID;

/** A freshly issued API token: {@code token} is shown this once and stored only as a hash. */
public record IssuedToken(String token, UUID tokenId, Instant expiresAt, UUID userId, UUID accountId) {
}
