package io.cascade.catalog.api;

import io.cascade.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * The changeable part of a plan, target of a JSON merge patch. A draft changes freely. A published plan changes its
 * name and description at once, and its prices only with {@code effectiveFrom} (today or later): the new prices
 * apply from that day on; its audience, period and resources (quantities, limits) no longer change.
 */
public record PlanUpdate(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull Audience audience,
        @NotNull BillingPeriod billingPeriod,
        @Valid Money setupFee,
        @Valid Money recurringFee,
        @NotNull @Valid Pricing pricing,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid PlanResourceDraft> resources,
        Boolean allowBelowCost,
        LocalDate effectiveFrom) {
}
