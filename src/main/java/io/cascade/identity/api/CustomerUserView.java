package io.cascade.identity.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer user as the API shows it. {@code customerIds} are the customers it is assigned to, as far as the reader
 * may see them: another customer user sees only the ones it shares. {@code invitationToken} appears once, in the
 * answer that created the user without a password.
 */
public record CustomerUserView(UUID id, UUID accountId, String email, String name, UserStatus status,
                               List<UUID> customerIds, Instant createdAt, Instant updatedAt, Instant lastLoginAt,
                               @JsonIgnore String accountPath, @JsonIgnore long version,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String invitationToken) {

    public CustomerUserView withInvitation(String token) {
        return new CustomerUserView(id, accountId, email, name, status, customerIds, createdAt, updatedAt,
                lastLoginAt, accountPath, version, token);
    }

    public CustomerUserView seenThrough(List<UUID> visible) {
        return new CustomerUserView(id, accountId, email, name, status,
                customerIds.stream().filter(visible::contains).toList(), createdAt, updatedAt, lastLoginAt,
                accountPath, version, invitationToken);
    }
}
