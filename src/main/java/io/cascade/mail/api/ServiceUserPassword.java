package io.cascade.mail.api;

import jakarta.validation.constraints.Size;

/**
 * A new password for a service user, set by an administrator of its account. Without {@code password}, Cascade
 * generates one and shows it once, in the answer.
 */
public record ServiceUserPassword(@Size(max = 128) String password) {
}
