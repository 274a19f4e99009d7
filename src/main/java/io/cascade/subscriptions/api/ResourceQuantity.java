package io.cascade.subscriptions.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

public record ResourceQuantity(@NotBlank @Size(max = 64) String resourceType,
                               @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal quantity) {
}
