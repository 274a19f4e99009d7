/**
 * The demo data set: with {@code cascade.demo=true} the first start fills the empty tree with a living system —
 * services, plans, resellers at two levels of both models, customers of every kind with their users, subscriptions,
 * months of usage and invoices — only through the other modules' published application services, so every rule
 * applies and every change is audited. No tables; nothing depends on it.
 *
 * <p>The modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "assets::api", "billing::api", "catalog::api", "identity::api", "mail::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.demo;
