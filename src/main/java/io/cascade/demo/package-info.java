/**
 * The demo data set: with {@code cascade.demo=true} ({@code CASCADE_DEMO=true}) the first start fills the empty tree
 * with a living system — services, wholesale and end-customer plans, resellers at two levels of both models, customers
 * of every kind with their users, subscriptions and a few months of usage — created only through the other modules'
 * public application services, so every rule applies and every change is audited. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "assets::api", "billing::api", "catalog::api", "identity::api", "mail::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.demo;
