package io.cascade.subscriptions.api;

import java.util.List;
import java.util.UUID;

/**
 * Published synchronously, inside the changing transaction, when subscriptions were created, changed (plan or
 * quantities), suspended, resumed or cancelled — by a request, by the scheduler on a change's day, or with their
 * account (one event for all the subscriptions an account's suspension or resumption moved). The messages module
 * follows it (webhooks {@code subscription.created|changed|suspended|resumed|cancelled}).
 */
public record SubscriptionsChanged(Change change, List<UUID> subscriptionIds) {

    public SubscriptionsChanged {
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    public static SubscriptionsChanged of(Change change, UUID subscriptionId) {
        return new SubscriptionsChanged(change, List.of(subscriptionId));
    }

    public enum Change {
        CREATED, CHANGED, SUSPENDED, RESUMED, CANCELLED
    }
}
