package io.cascade.assets.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Taking SIMs back from customers into the owner's stock. */
public record UnassignRequest(@NotEmpty @Size(max = 10_000) List<@NotNull UUID> assetIds) {
}
