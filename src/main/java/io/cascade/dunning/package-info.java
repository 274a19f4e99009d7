/**
 * Dunning: what happens to a buyer that does not pay. Each issuer keeps a policy of steps by days overdue and unpaid
 * amount (reminder, warning with an optional late fee, block new orders, suspend services, flag for termination); a
 * daily job on the job engine evaluates every buyer once and takes the steps due, and payment lifts them.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "billing::api", "platform::api", "shared", "subscriptions::api"})
package io.cascade.dunning;
