package io.cascade.mail.api;

import java.util.UUID;

/**
 * A service user was created with its mailbox; published in the transaction that creates it. {@code email} is both
 * its login and its mailbox address; {@code invited} says it has no password yet (it sets one with its invitation).
 * Never carries a password.
 */
public record ServiceUserCreated(UUID serviceUserId, UUID accountId, String email, String name, int mailboxQuotaMb,
                                 boolean invited) {
}
