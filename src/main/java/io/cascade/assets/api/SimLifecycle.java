package io.cascade.assets.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.assets.internal.Assets;
import io.cascade.assets.internal.IotSubscriptions;
import io.cascade.assets.internal.IotSubscriptions.IotSubscription;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.ResourceQuantity;
import io.cascade.subscriptions.api.SubscriptionChangeRequest;
import io.cascade.subscriptions.api.SubscriptionManagement;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionView;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The connectivity of SIMs (ADR 0013). A SIM assigned to a customer is connected to the customer's ACTIVE
 * {@code iot} subscription: it becomes ACTIVE and counts as one SIM against that subscription — its {@code sim}
 * quantity is always the number of SIMs connected to it, set through {@link SubscriptionManagement#change}, so the
 * subscription's own HARD limit and every reseller holding above it (ADR 0007) refuse a SIM too many, and billing
 * prorates the quantity like any other change. Connected SIMs are SUSPENDED while the subscription or the customer
 * is not active, ACTIVE again when both are, and go back to ASSIGNED (no longer counted) when the subscription ends.
 * All of it joins the caller's transaction.
 */
@Service
public class SimLifecycle {
    private final Assets assets;
    private final IotSubscriptions iot;
    private final SubscriptionManagement subscriptions;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    private final TransactionTemplate nested;

    SimLifecycle(Assets assets, IotSubscriptions iot, SubscriptionManagement subscriptions, AccountScope scope,
                 AuditTrail audit, Clock clock, PlatformTransactionManager transactions) {
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.assets = assets;
        this.iot = iot;
        this.subscriptions = subscriptions;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Connects the customer's ASSIGNED SIMs when the customer is ACTIVE and has an ACTIVE {@code iot} subscription,
     * and counts them; a HARD limit refuses with 422 {@code limit-exceeded} and the transaction rolls back. Answers
     * how many SIMs were activated.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int connectAssigned(Caller caller, UUID customerId) {
        AccountFacts customer = scope.facts(caller, customerId).orElseThrow();
        if (customer.status() != AccountStatus.ACTIVE) {
            return 0;
        }
        var subscription = iot.activeFor(customerId);
        if (subscription.isEmpty()) {
            return 0;
        }
        // the count is serialized by the subscription's row, the lock every change of the subscription holds while
        // its SIMs follow it: one lock, so no order of two that could deadlock
        subscriptions.lock(subscription.get().id());
        // a subscription stopped at its HARD limit connects new SIMs SUSPENDED (they count, and follow the lift)
        int connected = assets.connect(customerId, subscription.get().id(), !subscription.get().stopped(),
                clock.instant());
        if (connected > 0) {
            recount(caller, subscription.get());
            audit.record(new AuditRecord(caller, customerId, customer.path(), "asset.activated", null,
                    Map.of("subscriptionId", subscription.get().id(), "sims", connected)));
        }
        return connected;
    }

    /**
     * {@link #connectAssigned} for changes that happen to the customer rather than requests to connect SIMs (its
     * subscription became active, it was resumed): when a limit refuses the SIMs, they stay ASSIGNED, the refusal is
     * audited, and the change that caused it goes on. Runs in a savepoint of the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void tryConnectAssigned(Caller caller, UUID customerId) {
        try {
            nested.executeWithoutResult(status -> connectAssigned(caller, customerId));
        } catch (RuleViolationException refused) {
            scope.facts(caller, customerId).ifPresent(customer -> audit.record(new AuditRecord(caller, customerId,
                    customer.path(), "asset.activation-refused", null,
                    Map.of("rule", refused.problem().slug(), "detail", refused.getMessage() == null ? "" : refused.getMessage()))));
        }
    }

    /** Sets the subscriptions' SIM counts again after SIMs were taken from them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recount(Caller caller, List<UUID> subscriptionIds) {
        for (UUID id : subscriptionIds.stream().distinct().sorted().toList()) {
            iot.find(id).ifPresent(subscription -> {
                subscriptions.lock(id);
                recount(caller, subscription);
            });
        }
    }

    /**
     * The subscription's SIMs take the state its status asks for: ACTIVE connects and resumes them
     * ({@link #subscriptionActive}) unless its data is stopped at its HARD limit, which suspends them
     * ({@link #subscriptionStopped}), SUSPENDED suspends them, CANCELLED disconnects them. Nothing for a subscription
     * that is not an {@code iot} subscription.
     */
    @Transactional
    public void followSubscription(Caller caller, UUID subscriptionId) {
        iot.find(subscriptionId).ifPresent(subscription -> {
            switch (subscription.status()) {
                case ACTIVE -> {
                    if (subscription.stopped()) {
                        subscriptionStopped(caller, subscriptionId);
                    } else {
                        subscriptionActive(caller, subscriptionId);
                    }
                }
                case SUSPENDED -> subscriptionSuspended(caller, subscriptionId);
                case CANCELLED -> subscriptionEnded(caller, subscriptionId);
                default -> {
                }
            }
        });
    }

    /**
     * The subscription is ACTIVE (provisioned, or resumed): its suspended SIMs are ACTIVE again when their customer
     * is, and the customer's SIMs assigned meanwhile are connected.
     */
    @Transactional
    public void subscriptionActive(Caller caller, UUID subscriptionId) {
        var subscription = iot.find(subscriptionId);
        if (subscription.isEmpty()) {
            return;
        }
        AccountFacts customer = scope.facts(caller, subscription.get().accountId()).orElseThrow();
        if (customer.status() == AccountStatus.ACTIVE
                && subscription.get().status() == SubscriptionStatus.ACTIVE && !subscription.get().stopped()) {
            int resumed = assets.setConnected(subscriptionId, true, clock.instant());
            record(caller, subscription.get(), "asset.resumed-with-subscription", resumed);
            tryConnectAssigned(caller, customer.id());
        }
    }

    /** The subscription is suspended: its ACTIVE SIMs are SUSPENDED (they still count). */
    @Transactional
    public void subscriptionSuspended(Caller caller, UUID subscriptionId) {
        iot.find(subscriptionId).ifPresent(subscription -> record(caller, subscription,
                "asset.suspended-with-subscription", assets.setConnected(subscriptionId, false, clock.instant())));
    }

    /** A metered resource of the subscription is stopped at its HARD limit: its ACTIVE SIMs are SUSPENDED. */
    @Transactional
    public void subscriptionStopped(Caller caller, UUID subscriptionId) {
        iot.find(subscriptionId).ifPresent(subscription -> record(caller, subscription,
                "asset.suspended-at-limit", assets.setConnected(subscriptionId, false, clock.instant())));
    }

    /** The subscription ended: its SIMs stay with their customer, ASSIGNED and no longer counted. */
    @Transactional
    public void subscriptionEnded(Caller caller, UUID subscriptionId) {
        iot.find(subscriptionId).ifPresent(subscription -> record(caller, subscription,
                "asset.disconnected", assets.disconnect(subscriptionId, clock.instant())));
    }

    private void record(Caller caller, IotSubscription subscription, String action, int sims) {
        if (sims > 0) {
            audit.record(new AuditRecord(caller, subscription.accountId(), subscription.accountPath(), action, null,
                    Map.of("subscriptionId", subscription.id(), "sims", sims)));
        }
    }

    /** The subscription's {@code sim} quantity := the SIMs connected to it; called under {@link SubscriptionManagement#lock}. */
    private void recount(Caller caller, IotSubscription subscription) {
        BigDecimal count = BigDecimal.valueOf(assets.counted(subscription.id()));
        Caller platform = Caller.system(subscription.accountId(), subscription.accountPath(), caller.requestId());
        SubscriptionView view = subscriptions.get(platform, subscription.id());
        boolean same = view.resources().stream()
                .anyMatch(r -> r.resourceType().equals(subscription.simResourceType())
                        && r.quantity().compareTo(count) == 0);
        if (!same) {
            subscriptions.change(platform, subscription.id(), new SubscriptionChangeRequest(null,
                    List.of(new ResourceQuantity(subscription.simResourceType(), count)), null));
        }
    }
}
