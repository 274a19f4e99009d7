package io.cascade.assets.internal;

import io.cascade.assets.SimLifecycle;
import io.cascade.provisioning.NewTask;
import io.cascade.provisioning.ProvisioningTaskFinished;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * SIMs follow their {@code iot} subscription (ADR 0013): when one of its provisioning tasks finished, just before that
 * transaction commits (after the subscriptions module applied the task: a provisioned subscription is ACTIVE by
 * then), the subscription's SIMs take the state its status asks for.
 */
@Component
class SubscriptionFollower {
    private final SimLifecycle lifecycle;

    SubscriptionFollower(SimLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(ProvisioningTaskFinished event) {
        if (event.done() && NewTask.SUBSCRIPTION.equals(event.subjectType())) {
            lifecycle.followSubscription(event.caller(), event.subjectId());
        }
    }
}
