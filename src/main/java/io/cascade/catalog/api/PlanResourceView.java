package io.cascade.catalog.api;

import io.cascade.shared.Price;

import java.math.BigDecimal;

/** A plan's resource with its prices on the day the plan was read. */
public record PlanResourceView(String resourceType, String service, String unit, BigDecimal included,
                               BigDecimal limit, LimitType limitType, Price unitPrice, Price usagePrice) {
}
