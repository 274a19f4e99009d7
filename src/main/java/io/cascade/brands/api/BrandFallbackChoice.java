package io.cascade.brands.api;

import jakarta.validation.constraints.NotNull;

/** A vendor's choice of what it shows while it has no brand of its own. */
public record BrandFallbackChoice(@NotNull BrandFallback fallback) {
}
