package io.cascade.subscriptions.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.catalog.api.AddonStatus;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.internal.Subscriptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Add-ons ordered on a subscription (subscription items, ADR 0036): ordering one of its plan's active add-ons, changing
 * how many units it holds, removing it. Each takes effect today and is recorded in the terms history, so billing
 * charges it with the subscription (the setup fee once, the recurring fee per unit prorated by days) and credits
 * the unused days of a removal. Whoever may change the subscription may do so.
 */
@Service
public class SubscriptionAddons {
    private final Subscriptions subscriptions;
    private final SubscriptionManagement management;
    private final PlanManagement plans;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<OrderGuard> guards;
    private final Clock clock;

    SubscriptionAddons(Subscriptions subscriptions, SubscriptionManagement management, PlanManagement plans,
                       AccountScope scope, Validation validation, AuditTrail audit, ApplicationEventPublisher events,
                       ObjectProvider<OrderGuard> guards, Clock clock) {
        this.subscriptions = subscriptions;
        this.management = management;
        this.plans = plans;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.events = events;
        this.guards = guards;
        this.clock = clock;
    }

    @Transactional
    public SubscriptionView order(Caller caller, UUID subscriptionId, AddonOrder order) {
        Subscriptions.Row row = locked(caller, subscriptionId);
        validation.check(order);
        if (row.status() == SubscriptionStatus.CANCELLED) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_CANCELLED,
                    "A cancelled subscription takes no add-ons.");
        }
        if (row.purpose() == Purpose.RESALE) {
            throw new InvalidInputException("addonId", "a reseller's holding takes no add-ons; they are ordered on "
                    + "subscriptions for own use");
        }
        PlanTerms plan = plans.terms(row.planId());
        PlanTerms.Addon addon = plan.addon(order.addonId()).orElseThrow(() -> new InvalidInputException("addonId",
                "is not an add-on of the subscription's plan"));
        int quantity = order.quantity() == null ? 1 : order.quantity();
        if (quantity > addon.maxQuantity()) {
            throw new InvalidInputException("quantity", "must not exceed " + addon.maxQuantity()
                    + ", the most the add-on allows per subscription");
        }
        Map<UUID, Subscriptions.HeldAddon> held = held(row);
        Subscriptions.HeldAddon before = held.get(addon.id());
        if (addon.status() == AddonStatus.RETIRED && before == null) {
            throw RuleViolationException.conflict(Problem.ADDON_RETIRED,
                    "The add-on is retired and takes no new orders.");
        }
        LocalDate today = LocalDate.now(clock);
        if (before == null) {
            AccountFacts buyer = scope.facts(caller, row.accountId()).orElseThrow();
            for (OrderGuard guard : guards) {
                guard.beforeOrder(buyer.id(), plan.vendorId(), plan.id(), plan.currency(), today);
            }
        }
        subscriptions.putAddon(row.id(), addon.id(), plan.id(), quantity, today);
        subscriptions.recordTerms(row.id(), today, clock.instant());
        audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(),
                before == null ? "subscription.addon-ordered" : "subscription.addon-changed",
                before == null ? null : described(row, addon, before.quantity()),
                described(row, addon, quantity)));
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.CHANGED, row.id(), row.accountId()));
        return management.view(subscriptions.find(row.id()).orElseThrow());
    }

    @Transactional
    public SubscriptionView remove(Caller caller, UUID subscriptionId, UUID addonId) {
        Subscriptions.Row row = locked(caller, subscriptionId);
        Subscriptions.HeldAddon before = held(row).get(addonId);
        if (before == null) {
            throw new NotFoundException();
        }
        if (row.status() == SubscriptionStatus.CANCELLED) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_CANCELLED,
                    "A cancelled subscription no longer changes.");
        }
        PlanTerms.Addon addon = plans.terms(row.planId()).addon(addonId).orElseThrow();
        subscriptions.removeAddon(row.id(), addonId);
        subscriptions.recordTerms(row.id(), LocalDate.now(clock), clock.instant());
        audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(), "subscription.addon-removed",
                described(row, addon, before.quantity()), null));
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.CHANGED, row.id(), row.accountId()));
        return management.view(subscriptions.find(row.id()).orElseThrow());
    }

    private Map<UUID, Subscriptions.HeldAddon> held(Subscriptions.Row row) {
        Map<UUID, Subscriptions.HeldAddon> result = new LinkedHashMap<>();
        subscriptions.addons(List.of(row.id())).getOrDefault(row.id(), List.of())
                .forEach(a -> result.put(a.addonId(), a));
        return result;
    }

    private Subscriptions.Row locked(Caller caller, UUID subscriptionId) {
        Subscriptions.Row row = subscriptions.find(subscriptionId).orElseThrow(NotFoundException::new);
        caller.requireCovers(row.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        return subscriptions.lock(subscriptionId).orElseThrow();
    }

    private Map<String, Object> described(Subscriptions.Row row, PlanTerms.Addon addon, int quantity) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subscriptionId", row.id());
        result.put("addonId", addon.id());
        result.put("addon", addon.code());
        result.put("quantity", quantity);
        result.put("effectiveDate", LocalDate.now(clock).toString());
        return result;
    }
}
