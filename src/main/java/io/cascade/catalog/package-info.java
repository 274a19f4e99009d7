/**
 * What is for sale: the provider's services and resource types, plans of every vendor (audience, period, included
 * quantities, limits, dated prices fixed or derived from the wholesale price) with their DRAFT, PUBLISHED, RETIRED
 * lifecycle, commission offerings, and which plans an account may buy. Asks subscriptions what a reseller holds
 * ({@code Holdings}) and provisioning which adapters exist ({@code AdapterDirectory}), both ports of its own. Tables
 * {@code service}, {@code resource_type}, {@code plan}, {@code plan_resource}, {@code plan_price}, {@code offering};
 * views {@code catalog_resource_types}, {@code catalog_plan_resources}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "shared"})
package io.cascade.catalog;
