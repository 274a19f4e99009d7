/**
 * Brands: the name, logo, colours and contacts under which a vendor (the provider or a reseller) sells, and the panel
 * host names it is reached at. A customer sees only its vendor's brand; a vendor without a brand of its own shows the
 * nearest brand above it (docs/guide.md, "Brands").
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "shared"})
package io.cascade.brands;
