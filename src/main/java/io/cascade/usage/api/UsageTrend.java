package io.cascade.usage.api;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * Usage of an account's subtree (the account included) per resource type and calendar month, for the months
 * {@code months} (oldest first; a month without usage is zero).
 */
public record UsageTrend(UUID accountId, List<YearMonth> months, List<Series> series) {

    public record Series(String resourceType, List<BigDecimal> quantities) {
    }
}
