package io.cascade.catalog.api;

import io.cascade.shared.Price;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * One resource of a plan: how much is included, the limit and its kind, the recurring price per unit ordered above
 * {@code included} and the price per metered unit above {@code included}.
 */
public record PlanResourceDraft(
        @NotBlank @Size(max = 64) String resourceType,
        @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal included,
        @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal limit,
        LimitType limitType,
        @Valid Price unitPrice,
        @Valid Price usagePrice) {
}
