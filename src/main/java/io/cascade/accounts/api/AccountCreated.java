package io.cascade.accounts.api;

import java.util.UUID;

/**
 * Published synchronously, inside the transaction that created an account (with its first administrator), after the
 * change and its audit event. The messages module follows it (webhook {@code account.created}).
 */
public record AccountCreated(UUID accountId) {
}
