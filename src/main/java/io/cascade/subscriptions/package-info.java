/**
 * Subscriptions: an account's purchase of one of its vendor's plans — for its own use, or (a reseller's holding)
 * for resale. Owns the lifecycle PENDING → ACTIVE ⇄ SUSPENDED → CANCELLED with dated changes, the quantities ordered
 * per resource, and the limits that flow up the tree: every ordered unit counts against the buyer's plan limit and
 * against each reseller holding above it (ADR 0007). Follows account suspensions. Uses accounts and catalog;
 * implements the catalog's {@link io.cascade.catalog.api.Holdings}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "catalog::api", "platform::api", "provisioning::api", "shared"})
package io.cascade.subscriptions;
