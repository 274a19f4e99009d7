/**
 * Assets: an account's SIM cards — added one by one or imported from CSV by the ten thousand, handed down to direct
 * resellers, assigned to customers — and their lifecycle: a SIM assigned to a customer with an active {@code iot}
 * subscription is ACTIVE and counts against that subscription's limits, follows the subscriptions module's events
 * ({@code SubscriptionsFollowedAccounts}, {@code SubscriptionTaskDone}) in the changing transaction, and reports its
 * data usage as the subscription's usage (ADR 0013). Table {@code asset}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "provisioning::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.assets;
