package io.cascade.subscriptions.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A metered resource of a subscription stopped at its plan's HARD limit (ADR 0039): its usage in the month beginning
 * {@code period} reached {@code limit} ({@code used} when it was stopped). Usage reported meanwhile is still recorded.
 * It holds until it is lifted: the limit raised (a plan change), the next month, or the subscription cancelled.
 */
@Schema(description = "A metered resource stopped at its HARD limit (null: not stopped)")
public record LimitStop(UUID subscriptionId, UUID accountId, String resourceType, BigDecimal limit, BigDecimal used,
                        LocalDate period, Instant stoppedAt, Instant liftedAt, LiftReason liftReason) {

    /** Why a stop was lifted. */
    public enum LiftReason {
        /** The subscription moved to a plan whose limit lies above the month's usage (or has none). */
        LIMIT_RAISED,
        /** The month it was stopped in ended. */
        NEW_PERIOD,
        /** The subscription was cancelled. */
        CANCELLED
    }
}
