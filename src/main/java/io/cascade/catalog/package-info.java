/**
 * What is for sale: the provider's services and their resource types, plans owned by each vendor (audience, billing
 * period, included quantities, limits, dated prices — fixed, or derived from the reseller's wholesale prices), their
 * DRAFT → PUBLISHED → RETIRED lifecycle, the commission offerings a vendor grants a commission reseller, and which
 * plans an account may buy (its own vendor's only). Uses accounts for scope and account facts, and asks the
 * subscriptions module which services a reseller holds through {@link io.cascade.catalog.api.Holdings}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "shared"})
package io.cascade.catalog;
