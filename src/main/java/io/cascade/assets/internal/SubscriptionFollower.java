package io.cascade.assets.internal;

import io.cascade.assets.api.SimLifecycle;
import io.cascade.subscriptions.api.SubscriptionTaskDone;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * SIMs follow their {@code iot} subscription (ADR 0013): when one of its provisioning tasks is done, in that
 * transaction, the subscription's SIMs take the state its status asks for. It follows {@link SubscriptionTaskDone},
 * which the subscriptions module publishes once it has applied the task (a provisioned subscription is ACTIVE by
 * then; docs/architecture.md, "Reactions").
 */
@Component
class SubscriptionFollower {
    private final SimLifecycle lifecycle;

    SubscriptionFollower(SimLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @EventListener
    void on(SubscriptionTaskDone event) {
        lifecycle.followSubscription(event.caller(), event.subscriptionId());
    }
}
