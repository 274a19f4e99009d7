package io.cascade.brands.api;

import jakarta.validation.constraints.NotNull;

/**
 * The provider's brand policy: whether a vendor without a brand of its own may show its own company name
 * ({@link BrandFallback#OWN_NAME}) instead of the nearest brand above it. Off by default.
 */
public record BrandPolicy(@NotNull Boolean vendorsMayShowOwnName) {
}
