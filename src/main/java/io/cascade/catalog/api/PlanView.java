package io.cascade.catalog.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cascade.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A plan with its prices today ({@code setupFee}, {@code recurringFee}, and per resource), the pricing rule, and
 * any price change scheduled for a later day ({@code upcomingPrices}).
 */
public record PlanView(UUID id, UUID vendorId, String name, String description, Audience audience,
                       BillingPeriod billingPeriod, String currency, PlanStatus status, Pricing pricing,
                       Money setupFee, Money recurringFee, List<PlanResourceView> resources,
                       List<Upcoming> upcomingPrices, Instant createdAt, Instant publishedAt, Instant retiredAt,
                       @JsonIgnore String vendorPath, @JsonIgnore long version) {

    public record Upcoming(LocalDate effectiveFrom, Pricing pricing, Money setupFee, Money recurringFee) {
    }
}
