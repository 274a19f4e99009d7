package io.cascade.catalog.api;

import io.cascade.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new plan of a vendor. Prices are in the vendor's currency. {@code pricing} defaults to FIXED; a reseller may
 * derive its per-resource prices from its wholesale prices instead. {@code allowBelowCost} lets a reseller sell
 * under its wholesale cost (recorded in the audit log).
 */
public record PlanDraft(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull Audience audience,
        @NotNull BillingPeriod billingPeriod,
        @Valid Money setupFee,
        @Valid Money recurringFee,
        @Valid Pricing pricing,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid PlanResourceDraft> resources,
        Boolean allowBelowCost) {
}
