package io.cascade.subscriptions.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** An order of an add-on of the subscription's plan (ADR 0036); ordering one already held sets its quantity. */
public record AddonOrder(@NotNull UUID addonId,
                         @Schema(description = "units of the add-on; default 1", defaultValue = "1")
                         @Min(1) @Max(10000) Integer quantity) {
}
