package io.cascade.catalog.api;

import io.cascade.shared.Price;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A reseller's plan beside what the reseller pays for the same units on {@code day}: per resource its own prices,
 * the wholesale cost of the plan it holds the resource through, and the margin (price minus cost; negative when it
 * sells at a loss). {@code cost} and {@code margin} are null where there is nothing to compare (the provider's own
 * plans, a resource not held, a price not charged). A reseller's own resource type ({@code ownProduct}, ADR 0036)
 * costs it nothing: no cost, and its whole price is margin.
 */
public record PlanMargins(UUID planId, LocalDate day, List<Line> resources) {

    public record Line(String resourceType, Price unitPrice, Price unitCost, Price unitMargin, Price usagePrice,
                       Price usageCost, Price usageMargin, boolean ownProduct) {
    }
}
