package io.cascade.subscriptions.internal;

import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.provisioning.api.Operation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.ResourceQuantity;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionsChanged;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies subscription changes that are due now — from a request or from the scheduler — with their allocations up
 * the tree and their audit events. Callers lock the subscription row first.
 */
@Component
public class SubscriptionEngine {
    private final Subscriptions subscriptions;
    private final Allocations allocations;
    private final AuditTrail audit;
    private final io.cascade.accounts.api.AccountScope scope;
    private final SubscriptionProvisioning provisioning;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final LimitEnforcement limits;

    SubscriptionEngine(Subscriptions subscriptions, Allocations allocations, AuditTrail audit,
                       io.cascade.accounts.api.AccountScope scope, SubscriptionProvisioning provisioning,
                       org.springframework.context.ApplicationEventPublisher events, Clock clock,
                       LimitEnforcement limits) {
        this.limits = limits;
        this.events = events;
        this.provisioning = provisioning;
        this.scope = scope;
        this.subscriptions = subscriptions;
        this.allocations = allocations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The quantities to hold on a plan: the plan's included ones, overridden by the requested ones. */
    public Map<PlanTerms.Resource, BigDecimal> quantities(PlanTerms plan, List<ResourceQuantity> requested,
                                                          Map<UUID, BigDecimal> current) {
        Map<PlanTerms.Resource, BigDecimal> result = new LinkedHashMap<>();
        for (PlanTerms.Resource r : plan.resources()) {
            result.put(r, current.getOrDefault(r.resourceTypeId(), r.included()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; requested != null && i < requested.size(); i++) {
            ResourceQuantity q = requested.get(i);
            String field = "resources[" + i + "].resourceType";
            PlanTerms.Resource r = plan.resource(q.resourceType()).orElseThrow(() -> new InvalidInputException(
                    field, "is not a resource of the plan"));
            if (!seen.add(q.resourceType())) {
                throw new InvalidInputException("resources", q.resourceType() + " appears twice");
            }
            result.put(r, q.quantity());
        }
        int index = 0;
        for (var entry : result.entrySet()) {
            Allocations.checkOwnLimit(entry.getKey().code(), entry.getValue(), entry.getKey().limit(),
                    entry.getKey().limitType(), index++);
        }
        return result;
    }

    /** Sets an own-use subscription's quantities on a (possibly new) plan, counting the differences up the tree. */
    public void applyQuantities(Caller caller, Subscriptions.Row subscription, PlanTerms plan,
                                Map<PlanTerms.Resource, BigDecimal> target) {
        Map<UUID, BigDecimal> current = subscriptions.quantities(subscription.id());
        Set<UUID> kept = new HashSet<>();
        for (var entry : target.entrySet()) {
            PlanTerms.Resource r = entry.getKey();
            kept.add(r.resourceTypeId());
            BigDecimal before = current.getOrDefault(r.resourceTypeId(), BigDecimal.ZERO);
            if (subscription.purpose() == Purpose.OWN_USE && counts(subscription.status())) {
                allocations.allocate(caller, plan.vendorId(), r.resourceTypeId(), r.code(),
                        entry.getValue().subtract(before));
            }
            subscriptions.setQuantity(subscription.id(), r.resourceTypeId(), entry.getValue());
        }
        for (var old : current.entrySet()) {
            if (!kept.contains(old.getKey())) {
                if (subscription.purpose() == Purpose.OWN_USE && counts(subscription.status())) {
                    allocations.allocate(caller, subscription.vendorId(), old.getKey(), "resource",
                            old.getValue().negate());
                }
                subscriptions.removeQuantity(subscription.id(), old.getKey());
            }
        }
    }

    public void change(Caller caller, Subscriptions.Row subscription, PlanTerms oldPlan, PlanTerms newPlan,
                       List<ResourceQuantity> requested, LocalDate effective) {
        if (subscription.purpose() == Purpose.RESALE) {
            if (requested != null && !requested.isEmpty()) {
                throw new InvalidInputException("resources",
                        "a holding's quantities are what the reseller's subtree orders; they are not set directly");
            }
            requireHoldingFits(subscription, newPlan);
        } else {
            Map<UUID, BigDecimal> current = subscriptions.quantities(subscription.id());
            applyQuantities(caller, subscription, newPlan, quantities(newPlan, requested, current));
        }
        if (!oldPlan.id().equals(newPlan.id())) {
            subscriptions.setPlan(subscription.id(), newPlan.id(), clock.instant());
        }
        subscriptions.recordTerms(subscription.id(), effective, clock.instant());
        audit.record(new AuditRecord(caller, subscription.accountId(), subscription.accountPath(),
                "subscription.changed", Map.of("subscriptionId", subscription.id(), "planId", oldPlan.id(),
                        "quantities", readable(subscription, oldPlan)),
                Map.of("subscriptionId", subscription.id(), "planId", newPlan.id(),
                        "quantities", readable(subscription, newPlan), "effectiveDate", effective.toString())));
        provisioning.follow(caller, subscription, Operation.CHANGE);
        if (subscription.purpose() == Purpose.OWN_USE && !oldPlan.id().equals(newPlan.id())) {
            limits.planChanged(caller, subscription, newPlan); // a raised limit lifts a stop (ADR 0039)
        }
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.CHANGED, subscription.id(),
                subscription.accountId()));
    }

    public void suspend(Caller caller, Subscriptions.Row s, LocalDate effective) {
        if (s.status() == SubscriptionStatus.CANCELLED) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_CANCELLED, "The subscription is cancelled.");
        }
        // a suspension for dunning becomes the person's own: the dunning's end then leaves it suspended
        if (s.status() == SubscriptionStatus.SUSPENDED && !s.suspendedWithAccount() && s.dunningEpisodeId() == null) {
            throw RuleViolationException.conflict(Problem.ALREADY_SUSPENDED, "The subscription is already suspended.");
        }
        SubscriptionStatus before = s.status() == SubscriptionStatus.SUSPENDED
                ? subscriptions.statusBeforeSuspension(s.id()).orElse(SubscriptionStatus.ACTIVE) : s.status();
        subscriptions.setStatus(s.id(), SubscriptionStatus.SUSPENDED, false, before, clock.instant());
        audited(caller, s, "subscription.suspended", s.status(), SubscriptionStatus.SUSPENDED, effective);
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.SUSPENDED, s.id(), s.accountId()));
        // suspended with its account: the services are, or will be once the account's after-commit reaction ran
        if (s.status() != SubscriptionStatus.SUSPENDED) {
            provisioning.follow(caller, s, Operation.SUSPEND);
        }
    }

    public void resume(Caller caller, Subscriptions.Row s, LocalDate effective) {
        if (s.status() != SubscriptionStatus.SUSPENDED) {
            throw RuleViolationException.conflict(Problem.NOT_SUSPENDED, "Only a suspended subscription can be resumed.");
        }
        if (s.suspendedWithAccount() || scope.facts(caller, s.accountId()).map(a -> a.status()
                != io.cascade.accounts.api.AccountStatus.ACTIVE).orElse(true)) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_SUSPENDED,
                    "The subscription's account is not active; resume the account first.");
        }
        SubscriptionStatus restored = subscriptions.statusBeforeSuspension(s.id()).orElse(SubscriptionStatus.ACTIVE);
        if (restored == SubscriptionStatus.PENDING && !s.startDate().isAfter(LocalDate.now(clock))
                && (s.purpose() == Purpose.RESALE || provisioning.provisioned(s.id()))) {
            restored = SubscriptionStatus.ACTIVE;
        }
        subscriptions.setStatus(s.id(), restored, false, null, clock.instant());
        audited(caller, s, "subscription.resumed", s.status(), restored, effective);
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.RESUMED, s.id(), s.accountId()));
        provisioning.follow(caller, s, Operation.RESUME);
    }

    public void cancel(Caller caller, Subscriptions.Row s, PlanTerms plan, LocalDate effective) {
        if (s.status() == SubscriptionStatus.CANCELLED) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_CANCELLED, "The subscription is already cancelled.");
        }
        Map<UUID, BigDecimal> quantities = subscriptions.quantities(s.id());
        if (s.purpose() == Purpose.RESALE) {
            var inUse = quantities.values().stream().filter(q -> q.signum() > 0).findAny();
            if (inUse.isPresent()) {
                throw RuleViolationException.conflict(Problem.HOLDING_IN_USE,
                        "Accounts below still order through this holding; cancel their subscriptions first.");
            }
        } else if (counts(s.status())) {
            for (PlanTerms.Resource r : plan.resources()) {
                BigDecimal q = quantities.getOrDefault(r.resourceTypeId(), BigDecimal.ZERO);
                allocations.allocate(caller, plan.vendorId(), r.resourceTypeId(), r.code(), q.negate());
            }
        }
        subscriptions.cancel(s.id(), effective, clock.instant());
        audited(caller, s, "subscription.cancelled", s.status(), SubscriptionStatus.CANCELLED, effective);
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.CANCELLED, s.id(), s.accountId()));
        limits.cancelled(caller, s);
        provisioning.follow(caller, s, Operation.DEPROVISION);
    }

    /** Cancelled subscriptions hold nothing; every other state holds its ordered quantities. */
    static boolean counts(SubscriptionStatus status) {
        return status != SubscriptionStatus.CANCELLED;
    }

    private void requireHoldingFits(Subscriptions.Row holding, PlanTerms newPlan) {
        Map<UUID, BigDecimal> allocated = subscriptions.quantities(holding.id());
        for (var entry : allocated.entrySet()) {
            var resource = newPlan.resources().stream().filter(r -> r.resourceTypeId().equals(entry.getKey()))
                    .findFirst();
            if (resource.isEmpty() && entry.getValue().signum() > 0) {
                throw RuleViolationException.unprocessable(Problem.HOLDING_IN_USE,
                        "The new plan lacks a resource the accounts below still order.");
            }
            resource.filter(r -> r.limit() != null && r.limitType() == LimitType.HARD
                    && entry.getValue().compareTo(r.limit()) > 0).ifPresent(r -> {
                throw RuleViolationException.unprocessable(Problem.LIMIT_EXCEEDED, "The accounts below already order "
                        + Allocations.plain(entry.getValue()) + " " + r.code() + "; the new plan allows "
                        + Allocations.plain(r.limit()) + ".");
            });
        }
        for (PlanTerms.Resource r : newPlan.resources()) {
            if (!allocated.containsKey(r.resourceTypeId())) {
                subscriptions.setQuantity(holding.id(), r.resourceTypeId(), BigDecimal.ZERO);
            }
        }
    }

    private Map<String, String> readable(Subscriptions.Row s, PlanTerms plan) {
        Map<UUID, BigDecimal> q = subscriptions.quantities(s.id());
        Map<String, String> result = new LinkedHashMap<>();
        plan.resources().forEach(r -> result.put(r.code(),
                Allocations.plain(q.getOrDefault(r.resourceTypeId(), BigDecimal.ZERO))));
        return result;
    }

    /**
     * A pending subscription whose start day came: a holding is ACTIVE at once; an own-use subscription asks for its
     * provisioning and becomes ACTIVE when that is done (at once with the {@code manual} adapter).
     */
    public void start(Caller caller, Subscriptions.Row s) {
        if (!provisioning.provision(caller, s)) {
            activate(caller, s);
        }
    }

    /** PENDING → ACTIVE from its start date, audited. */
    public void activate(Caller caller, Subscriptions.Row s) {
        activate(caller, s, s.startDate());
    }

    /** PENDING → ACTIVE from {@code effective} (the terms history, and so billing, start there), audited. */
    public void activate(Caller caller, Subscriptions.Row s, LocalDate effective) {
        subscriptions.setStatus(s.id(), SubscriptionStatus.ACTIVE, false, null, clock.instant());
        audited(caller, s, "subscription.activated", s.status(), SubscriptionStatus.ACTIVE, effective);
        // a status change like any other for followers (webhook subscription.changed)
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.CHANGED, s.id(), s.accountId()));
    }

    private void audited(Caller caller, Subscriptions.Row s, String action, SubscriptionStatus before,
                         SubscriptionStatus after, LocalDate effective) {
        subscriptions.recordTerms(s.id(), effective, clock.instant());
        audit.record(new AuditRecord(caller, s.accountId(), s.accountPath(), action,
                Map.of("status", before, "subscriptionId", s.id()),
                Map.of("status", after, "subscriptionId", s.id(), "effectiveDate", effective.toString())));
    }
}
