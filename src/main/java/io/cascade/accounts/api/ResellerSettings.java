package io.cascade.accounts.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.Set;

/**
 * The platform's reseller settings, set by the provider: which reseller models exist, and how deep resellers may
 * nest (a reseller directly below the provider is at depth 1).
 */
public record ResellerSettings(@NotEmpty Set<@NotNull ResellerModel> enabledResellerModels,
                               @NotNull @Min(1) @Max(20) Integer maxResellerDepth) {
}
