package io.cascade.usage.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Usage of one subscription over the days {@code from} (inclusive) to {@code to} (exclusive): per resource type of
 * its plan the total and the days that had usage.
 */
public record SubscriptionUsage(UUID subscriptionId, LocalDate from, LocalDate to, List<Series> resources) {

    public record Series(String resourceType, BigDecimal total, List<Day> days) {
    }

    public record Day(LocalDate day, BigDecimal quantity) {
    }
}
