package io.cascade.subscriptions.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.cascade.catalog.api.LimitType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A subscription. For a reseller's holding ({@code purpose: RESALE}) each resource's {@code quantity} is what the
 * reseller's subtree has ordered through it; {@code left} is what its limit still allows (null: no limit). A metered
 * resource stopped at its HARD limit this month carries the stop ({@code stopped}, null otherwise; ADR 0039).
 * {@code addons}: the add-ons of its plan it holds.
 */
public record SubscriptionView(UUID id, UUID accountId, UUID planId, UUID vendorId, Purpose purpose,
                               SubscriptionStatus status, Suspension suspension, LocalDate startDate, LocalDate cancelAt,
                               LocalDate cancelledOn, List<Resource> resources, List<Scheduled> scheduled,
                               List<Addon> addons, Instant createdAt, Instant updatedAt, @JsonIgnore String accountPath,
                               @JsonIgnore long version) {

    public record Resource(String resourceType, BigDecimal quantity, BigDecimal included, BigDecimal limit,
                           LimitType limitType, BigDecimal left, LimitStop stopped) {
    }

    /** An add-on ordered on the subscription (ADR 0036), held since {@code addedOn}. */
    public record Addon(UUID addonId, String code, String name, int quantity, LocalDate addedOn) {
    }

    /** A change waiting for its effective date. */
    public record Scheduled(UUID id, ChangeKind kind, LocalDate effectiveDate, UUID planId) {
    }
}
