package io.cascade.assets.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** SIMs in stock handed down to a direct reseller of the account. */
public record TransferRequest(@NotNull UUID toAccountId,
                              @NotEmpty @Size(max = 10_000) List<@NotNull UUID> assetIds) {
}
