package io.cascade.brands.api;

/**
 * What a vendor without a brand of its own shows (ADR 0033): the nearest brand above it (the rule), or, where the
 * provider's {@link BrandPolicy} allows it, a plain brand of its own company name.
 */
public enum BrandFallback {
    NEAREST_ABOVE,
    OWN_NAME
}
