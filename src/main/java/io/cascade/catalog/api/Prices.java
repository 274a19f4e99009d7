package io.cascade.catalog.api;

import io.cascade.shared.Money;
import io.cascade.shared.Price;

import java.time.LocalDate;
import java.util.Map;

/**
 * A plan's prices on one day, derived prices resolved: the setup fee, the recurring fee per billing period, and per
 * resource type code the recurring price per unit above the included quantity and the price per metered unit above
 * it (null: not charged).
 */
public record Prices(LocalDate day, Pricing pricing, Money setupFee, Money recurringFee,
                     Map<String, ResourcePrices> resources) {

    public record ResourcePrices(Price unitPrice, Price usagePrice) {
    }

    public ResourcePrices of(String resourceType) {
        return resources.getOrDefault(resourceType, new ResourcePrices(null, null));
    }
}
