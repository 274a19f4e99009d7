/**
 * Storefronts: a vendor's public pages on its panel host, with its published plans and prices, and the sign-up that
 * creates a customer account, its first administrator and its first subscription in one step, at once or after the
 * vendor approves it.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "billing::api", "brands::api", "catalog::api", "identity::api", "platform::api", "shared", "subscriptions::api"})
package io.cascade.storefront;
