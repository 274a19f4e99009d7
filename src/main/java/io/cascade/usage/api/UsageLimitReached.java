package io.cascade.usage.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Published synchronously, inside the transaction that stored a batch of usage, when the batch carried a
 * subscription's metered usage of a resource type over the plan's soft limit within a month: the month's total
 * (UTC days, {@code month} its first day) was below {@code limit} before the batch and is at or above it after.
 * Soft limits do not refuse usage (the excess is billed); this is the notice. The messages module follows it
 * (webhook {@code usage.limit.reached}).
 */
public record UsageLimitReached(UUID subscriptionId, UUID accountId, String resourceType, BigDecimal limit,
                                BigDecimal used, LocalDate month) {
}
