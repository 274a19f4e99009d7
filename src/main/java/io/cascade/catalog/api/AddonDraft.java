package io.cascade.catalog.api;

import io.cascade.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new add-on of a plan (ADR 0036): a priced item its buyers order on top of a subscription of that plan, e.g. extra
 * storage or a support package. Its prices are in the plan's currency and never change (retire it and define another).
 */
public record AddonDraft(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be lower-case, e.g. support") String code,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Schema(description = "charged once, when the add-on is first ordered on a subscription; default 0")
        @Valid Money setupFee,
        @Schema(description = "per unit ordered, per billing period of the plan, in advance, prorated by days")
        @NotNull @Valid Money recurringFee,
        @Schema(description = "the most units of it one subscription may order; default 1", defaultValue = "1")
        @Min(1) @Max(10000) Integer maxQuantity) {
}
