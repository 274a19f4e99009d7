package io.cascade.brands.api;

/** Where the brand an account shows comes from (ADR 0033). */
public enum BrandSource {
    /** The account's own brand. */
    OWN,
    /** No brand of its own, and it chose to show a plain brand of its company name (when the provider allows it). */
    OWN_NAME,
    /** No brand of its own: the nearest brand above it. */
    INHERITED,
    /** No brand on the way up: the platform's default. */
    PLATFORM_DEFAULT
}
