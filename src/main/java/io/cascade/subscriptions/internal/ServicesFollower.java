package io.cascade.subscriptions.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The services of subscriptions that moved with their accounts follow them after the commit (ADR 0018): the SUSPEND
 * or RESUME provisioning tasks that carry the change to the systems that deliver the services — the mail server's
 * mailboxes, a remote system behind the {@code http} adapter — are requested in a transaction of their own. The
 * publication is recorded in the account change's transaction, so a crash before this has run leaves it incomplete,
 * and a node that starts runs it again; {@link SubscriptionProvisioning#catchUp} requests only what is missing, so
 * that running it twice, even at once on two nodes, requests every task once.
 */
@Component
class ServicesFollower {
    private final SubscriptionProvisioning provisioning;

    ServicesFollower(SubscriptionProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @ApplicationModuleListener
    void on(SubscriptionsMovedWithAccounts event) {
        provisioning.catchUp(event.requester(), event.subscriptionIds());
    }
}
