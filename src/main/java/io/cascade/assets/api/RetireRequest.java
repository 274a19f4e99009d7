package io.cascade.assets.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** SIMs in the owner's stock retired for good, all or none. */
public record RetireRequest(@NotEmpty @Size(max = 10_000) List<@NotNull UUID> assetIds) {
}
