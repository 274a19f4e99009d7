package io.cascade.mail.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cascade.identity.api.UserStatus;
import java.util.UUID;

/**
 * A service user's password was reset: its tokens are revoked and an invited user is ACTIVE. {@code generatedPassword}
 * appears only when Cascade chose the password, and only in this answer; it is stored as a bcrypt hash.
 */
public record PasswordResetView(UUID id, String email, UserStatus status,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String generatedPassword) {
}
