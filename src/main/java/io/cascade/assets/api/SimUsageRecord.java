package io.cascade.assets.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Data one SIM used: {@code id} is the reporting system's record id (a record seen before for the same SIM changes
 * nothing), {@code quantity} in the unit of the {@code iot} service's data resource type, {@code at} when it was used.
 */
public record SimUsageRecord(String id, String iccid, BigDecimal quantity, Instant at) {
}
