package io.cascade.catalog.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A plan of a vendor that its commission reseller may offer, with the commission it earns on it. */
public record OfferingView(UUID resellerId, UUID planId, String planName, BigDecimal commissionPercent,
                           Instant createdAt) {
}
