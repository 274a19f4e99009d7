package io.cascade.provisioning.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Usage an adapter reports: {@code quantity} of {@code resourceType} used by a subscription at {@code at}.
 * {@code recordId} must be stable for the same reading (e.g. {@code <iccid>:<day>}), so that reporting it twice
 * stores it once.
 */
public record UsageReading(UUID subscriptionId, String resourceType, BigDecimal quantity, Instant at,
                           String recordId) {
}
