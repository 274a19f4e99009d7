package io.cascade.mail.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.cascade.identity.api.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service user and its mailbox. {@code status} is the login's ({@code INVITED}, {@code ACTIVE}, {@code DISABLED}:
 * suspended, or for good once {@code removedAt} is set);
 * the mailbox's {@code state} is {@code PENDING} until the mail adapter has provisioned it, then {@code ACTIVE},
 * {@code SUSPENDED} (with its subscription) or {@code REMOVED}. {@code invitationToken} appears once.
 */
public record ServiceUserView(UUID id, UUID accountId, String name, String email, UserStatus status, Mailbox mailbox,
                              Instant createdAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Instant removedAt,
                              @JsonIgnore String accountPath, @JsonIgnore long version,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String invitationToken) {

    /**
     * The mailbox: {@code aliases} deliver into it, its mail is forwarded to {@code forwardTo} (a copy kept when
     * {@code keepCopy}); these and {@code quotaMb} are what was asked for, which the mail adapter carries to the mail
     * server through the mailbox's provisioning task.
     */
    public record Mailbox(String address, int quotaMb, MailboxState state, UUID subscriptionId, UUID serviceId,
                          List<String> aliases, List<String> forwardTo, boolean keepCopy) {
    }

    public ServiceUserView withInvitation(String token) {
        return new ServiceUserView(id, accountId, name, email, status, mailbox, createdAt, removedAt, accountPath,
                version, token);
    }

    /** Removed for good (its mailbox is, or is being, deprovisioned). */
    @JsonIgnore
    public boolean removed() {
        return removedAt != null;
    }

    /** Its login is disabled by a suspension, not by a removal. */
    @JsonIgnore
    public boolean suspended() {
        return removedAt == null && status == UserStatus.DISABLED;
    }
}
