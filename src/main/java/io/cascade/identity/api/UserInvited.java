package io.cascade.identity.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A user was invited: it sets its password with the one-time {@code token} (stored hashed; it exists in clear only in
 * this event and the invitation mail) before {@code expiresAt}. Published in the inviting transaction.
 */
public record UserInvited(UUID userId, UUID accountId, String email, String token, Instant expiresAt) {
}
