package io.cascade.catalog.api;

import io.cascade.shared.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The prices of a plan from {@code effectiveFrom} on, as stored: per resource type code the unit and usage price
 * (null where derived or not charged).
 */
public record PriceVersion(LocalDate effectiveFrom, Pricing pricing, Money setupFee, Money recurringFee,
                           Map<String, ResourcePrice> resources, boolean belowCost) {

    public record ResourcePrice(BigDecimal unitPrice, BigDecimal usagePrice) {
    }
}
