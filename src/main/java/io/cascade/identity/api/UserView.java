package io.cascade.identity.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.cascade.shared.UserKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user of an account: a staff member, a customer user or a service user ({@code kind}, ADR 0009).
 * {@code invitationToken} appears once, in the answer that created the user without a password.
 */
public record UserView(UUID id, UUID accountId, String email, String name, UserStatus status, UserKind kind,
                       List<String> roles,
                       Instant createdAt, Instant updatedAt, Instant lastLoginAt,
                       @JsonIgnore String accountPath, @JsonIgnore long version,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String invitationToken) {

    public UserView withInvitation(String token) {
        return new UserView(id, accountId, email, name, status, kind, roles, createdAt, updatedAt, lastLoginAt,
                accountPath, version, token);
    }
}
