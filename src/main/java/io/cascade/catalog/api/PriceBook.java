package io.cascade.catalog.api;

import io.cascade.catalog.internal.PlanPricing;
import io.cascade.catalog.internal.Plans;
import io.cascade.shared.NotFoundException;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans' prices on days, for a reader that asks about many plans on many days in a short time (a billing run): the
 * same rules as {@link PlanManagement#pricesOn}, but every plan record and every "which wholesale plan does this
 * reseller hold the resource through" is read from the database once and then answered from memory, and every
 * resolved (plan, day) is kept. A reseller's derived prices walk up its wholesale chain — up to ten tiers of three
 * or four queries each — so without it a run would repeat that walk for every plan and period start.
 * <p>
 * It holds a snapshot: make one per run (or per request), never keep one across price or holding changes.
 * Thread-safe.
 */
public final class PriceBook {
    private final Plans plans;
    private final PlanPricing pricing;
    private final Holdings holdings;
    private final Map<UUID, Optional<Plans.PlanRecord>> records = new ConcurrentHashMap<>();
    private final Map<String, Optional<UUID>> wholesalePlans = new ConcurrentHashMap<>();
    private final Map<PlanDay, Prices> prices = new ConcurrentHashMap<>();

    /** The key of a resolved price: asked for once per line of a billing run, so no string is built for it. */
    private record PlanDay(UUID planId, LocalDate day) {
    }

    PriceBook(Plans plans, PlanPricing pricing, Holdings holdings) {
        this.plans = plans;
        this.pricing = pricing;
        this.holdings = holdings;
    }

    /** A plan's prices on a day, derived prices resolved; 404 for an unknown plan. */
    public Prices pricesOn(UUID planId, LocalDate day) {
        PlanDay key = new PlanDay(planId, day);
        Prices known = prices.get(key);
        if (known != null) {
            return known;
        }
        Plans.PlanRecord plan = record(planId).orElseThrow(NotFoundException::new);
        // the wholesale side through this book too: each plan of a reseller chain is resolved once per day
        Prices resolved = pricing.on(plan, day, (vendorId, resourceTypeId) -> wholesalePlan(vendorId, resourceTypeId)
                .flatMap(this::record)
                .map(wholesalePlan -> pricesOn(wholesalePlan.id(), day).of(codeOf(wholesalePlan, resourceTypeId))));
        prices.put(key, resolved);
        return resolved;
    }

    private static String codeOf(Plans.PlanRecord plan, UUID resourceTypeId) {
        for (Plans.Resource resource : plan.resources()) {
            if (resource.resourceTypeId().equals(resourceTypeId)) {
                return resource.code();
            }
        }
        throw new IllegalStateException("plan " + plan.id() + " has no resource type " + resourceTypeId);
    }

    private Optional<Plans.PlanRecord> record(UUID planId) {
        return records.computeIfAbsent(planId, plans::find);
    }

    private Optional<UUID> wholesalePlan(UUID resellerId, UUID resourceTypeId) {
        return wholesalePlans.computeIfAbsent(resellerId + "/" + resourceTypeId,
                k -> holdings.wholesalePlanFor(resellerId, resourceTypeId));
    }
}
