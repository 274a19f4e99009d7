package io.cascade.mail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A service user and its mailbox. {@code status} is the login's ({@code INVITED}, {@code ACTIVE}, {@code DISABLED});
 * the mailbox's {@code state} is {@code PENDING} until the mail adapter has provisioned it, then {@code ACTIVE},
 * {@code SUSPENDED} (with its subscription) or {@code REMOVED}. {@code invitationToken} appears once.
 */
public record ServiceUserView(UUID id, UUID accountId, String name, String email, String status, Mailbox mailbox,
                              Instant createdAt, @JsonIgnore String accountPath, @JsonIgnore long version,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String invitationToken) {

    public record Mailbox(String address, int quotaMb, String state, UUID subscriptionId, UUID serviceId) {
    }

    public ServiceUserView withInvitation(String token) {
        return new ServiceUserView(id, accountId, name, email, status, mailbox, createdAt, accountPath, version,
                token);
    }
}
