package io.cascade.subscriptions.api;

import java.util.List;
import java.util.UUID;

/**
 * Published synchronously, inside the changing transaction, when subscriptions were created, changed (plan or
 * quantities, or activated: PENDING to ACTIVE), suspended, resumed or cancelled — by a request, by the scheduler on a change's day, or with their
 * account (one event for all the subscriptions an account's suspension or resumption moved). Each subscription comes
 * with its account, so that a follower can tell whom it concerns without loading it. The messages module follows it
 * (webhooks {@code subscription.created|changed|suspended|resumed|cancelled}).
 */
public record SubscriptionsChanged(Change change, List<Changed> subscriptions) {

    public SubscriptionsChanged {
        subscriptions = List.copyOf(subscriptions);
    }

    public static SubscriptionsChanged of(Change change, UUID subscriptionId, UUID accountId) {
        return new SubscriptionsChanged(change, List.of(new Changed(subscriptionId, accountId)));
    }

    /** A subscription that changed, and the account that holds it. */
    public record Changed(UUID subscriptionId, UUID accountId) {
    }

    public enum Change {
        CREATED, CHANGED, SUSPENDED, RESUMED, CANCELLED
    }
}
