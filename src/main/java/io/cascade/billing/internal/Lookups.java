package io.cascade.billing.internal;

import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PriceBook;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.catalog.api.Prices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog facts a run needs again and again (plan terms, names, prices on a day, commission percentages),
 * cached for the duration of one chunk set: a million subscriptions share a few hundred plans and cycle days.
 */
class Lookups {
    private final PlanManagement plans;
    private final OfferingManagement offerings;
    private final Map<UUID, PlanTerms> terms = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();
    private volatile PriceBook priceBook; // made on first use: one memory of prices for the whole run
    private final Map<Offer, BigDecimal> commissions = new ConcurrentHashMap<>();

    private record Offer(UUID resellerId, UUID planId) {
    }

    Lookups(PlanManagement plans, OfferingManagement offerings) {
        this.plans = plans;
        this.offerings = offerings;
    }

    PlanTerms terms(UUID planId) {
        return terms.computeIfAbsent(planId, plans::terms);
    }

    String name(UUID planId) {
        return names.computeIfAbsent(planId, plans::nameOf);
    }

    Prices prices(UUID planId, LocalDate day) {
        PriceBook book = priceBook;
        if (book == null) {
            synchronized (this) {
                if (priceBook == null) {
                    priceBook = plans.priceBook();
                }
                book = priceBook;
            }
        }
        return book.pricesOn(planId, day);
    }

    BigDecimal commission(UUID resellerId, UUID planId) {
        return commissions.computeIfAbsent(new Offer(resellerId, planId),
                k -> offerings.commissionPercent(resellerId, planId).orElse(BigDecimal.ZERO));
    }
}
