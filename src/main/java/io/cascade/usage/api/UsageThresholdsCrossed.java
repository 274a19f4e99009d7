package io.cascade.usage.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Published synchronously, inside the transaction that stored a batch of usage, when the batch took metered usage of
 * subscriptions past thresholds of their plans' limits within a month (UTC days, {@code period} its first day): 80 %
 * and 100 % of a SOFT or HARD limit. Each threshold of a limit is given once per subscription, resource type and month
 * — the database keeps the notices given, so two batches on two nodes never both report one — and a new limit (a plan
 * change) has its own thresholds. When one batch crosses both, only the higher is listed (both are recorded).
 * The subscriptions module follows a HARD limit's 100 % (it stops the resource); the messages module mails the rest.
 */
public record UsageThresholdsCrossed(List<Crossing> crossings) {

    /**
     * @param hard      the limit is HARD (reaching it stops the resource); else SOFT (the excess is billed)
     * @param threshold 80 or 100 (percent of {@code limit})
     * @param used      the month's usage of the resource after the batch
     */
    public record Crossing(UUID subscriptionId, UUID accountId, UUID resourceTypeId, String resourceType,
                           boolean hard, int threshold, BigDecimal limit, BigDecimal used, LocalDate period) {

        public boolean reachedHardLimit() {
            return hard && threshold == 100;
        }
    }
}
