package io.cascade.accounts.api;

import java.util.UUID;

/**
 * Published synchronously, inside the transaction that changed an account's fields (a merge patch), after the change
 * and its audit event. The messages module follows it (webhook {@code account.updated}). Status changes publish
 * {@link AccountStatusChanged} instead.
 */
public record AccountUpdated(UUID accountId) {
}
