/**
 * Subscriptions: an account's purchase of one of its vendor's plans, for its own use or (a reseller's holding) for
 * resale; the lifecycle PENDING, ACTIVE, SUSPENDED, CANCELLED with dated changes; the quantities ordered and the limits
 * that flow up the tree (ADR 0007); the terms history billing reads. Follows account status changes and finished
 * provisioning tasks, and publishes what follows them for the SIMs ({@code SubscriptionsFollowedAccounts},
 * {@code SubscriptionTaskDone}; ADR 0018). Implements the catalog's {@code Holdings}. Tables {@code subscription},
 * {@code subscription_resource}, {@code subscription_change}, {@code subscription_terms}; view
 * {@code subscriptions_facts}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "catalog::api", "platform::api", "provisioning::api", "shared", "usage::api"})
package io.cascade.subscriptions;
