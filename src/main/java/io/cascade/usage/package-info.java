/**
 * Metered usage: batches of usage records (safe to retry: a record id seen before is ignored; bad records are
 * reported one by one and the good ones kept), daily totals kept as records arrive, and usage summaries per
 * subscription and per subtree for a period. Uses accounts for scope and the subscriptions module for what each
 * subscription meters.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "shared"})
package io.cascade.usage;
