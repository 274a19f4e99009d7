package io.cascade.usage.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Usage of a subtree over the days {@code from} (inclusive) to {@code to} (exclusive): totals per resource type, and
 * a page of per-subscription lines.
 */
public record UsageSummary(UUID accountId, LocalDate from, LocalDate to, List<Total> totals, List<Line> items,
                           String nextCursor) {

    public record Total(String resourceType, BigDecimal quantity, long records) {
    }

    public record Line(UUID subscriptionId, UUID accountId, String resourceType, BigDecimal quantity, long records) {
    }
}
