package io.cascade.catalog.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.util.UUID;

/** An add-on of a plan, as the plan's vendor side and its buyers see it. */
public record AddonView(UUID id, UUID planId, String code, String name, String description, Money setupFee,
                        Money recurringFee, int maxQuantity, AddonStatus status, Instant createdAt,
                        Instant retiredAt) {
}
