package io.cascade.subscriptions.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A subscription to a plan of the account's vendor. {@code startDate} defaults to today and may lie in the past
 * (accounts migrated from another system); quantities default to the plan's included ones.
 */
public record NewSubscription(@NotNull UUID planId, LocalDate startDate,
                              @Size(max = 50) List<@NotNull @Valid ResourceQuantity> resources) {
}
