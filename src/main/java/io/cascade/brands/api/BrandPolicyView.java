package io.cascade.brands.api;

/** The provider's brand policy ({@link BrandPolicy}) with its version (its ETag). */
public record BrandPolicyView(boolean vendorsMayShowOwnName, long version) {
}
