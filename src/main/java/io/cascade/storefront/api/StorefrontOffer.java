package io.cascade.storefront.api;

import io.cascade.catalog.api.PlanView;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a storefront offers: its plans with today's prices (net; {@code taxRatePercent} is the vendor's default rate
 * from its billing settings, null when it has none) and the entity tag of exactly this content.
 */
public record StorefrontOffer(PublicStorefront storefront, List<PlanView> plans, BigDecimal taxRatePercent,
                              String etag) {

    public java.util.Optional<PlanView> plan(java.util.UUID planId) {
        return plans.stream().filter(p -> p.id().equals(planId)).findFirst();
    }
}
