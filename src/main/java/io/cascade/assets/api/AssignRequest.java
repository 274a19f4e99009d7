package io.cascade.assets.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Assigning SIMs to one of the owner's customers: {@code customerId}, and for the batch endpoint the SIMs
 * ({@code assetIds}; left out on {@code /api/v1/assets/{assetId}/assign}).
 */
public record AssignRequest(@NotNull UUID customerId, @Size(max = 10_000) List<@NotNull UUID> assetIds) {
}
