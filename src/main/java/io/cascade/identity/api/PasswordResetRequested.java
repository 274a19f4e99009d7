package io.cascade.identity.api;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked to reset the password of an existing, active user: the single-use {@code token} (stored hashed; in
 * clear only here and in the mail) sets a new one before {@code expiresAt}.
 */
public record PasswordResetRequested(UUID userId, UUID accountId, String email, String token, Instant expiresAt) {
}
