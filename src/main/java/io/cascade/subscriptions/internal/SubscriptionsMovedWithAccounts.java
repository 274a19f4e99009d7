package io.cascade.subscriptions.internal;

import io.cascade.shared.Caller;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Subscriptions that changed status with their accounts (suspended or resumed), whose services have yet to follow:
 * published in the account change's transaction, recorded in the event publication registry, and followed after the
 * commit by {@link ServicesFollower} (ADR 0018). It is stored as JSON, so it carries plain values rather than a
 * {@link Caller}: who acted ({@code userId}, null for the platform, from the account {@code accountId} at
 * {@code accountPath}) and the request's id.
 */
public record SubscriptionsMovedWithAccounts(List<UUID> subscriptionIds, UUID userId, UUID accountId,
                                             String accountPath, String requestId) {

    public SubscriptionsMovedWithAccounts {
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    static SubscriptionsMovedWithAccounts of(List<UUID> subscriptionIds, Caller caller) {
        return new SubscriptionsMovedWithAccounts(subscriptionIds, caller.userId(), caller.accountId(),
                caller.accountPath(), caller.requestId());
    }

    /**
     * Who asked for the tasks, as the provisioning module records it (the user, or nobody for the platform); it
     * carries no privilege, for it only requests tasks that the account change itself called for.
     */
    Caller requester() {
        return new Caller(userId, null, accountId, accountPath, Set.of(), requestId, null);
    }
}
