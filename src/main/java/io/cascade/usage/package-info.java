/**
 * Metered usage: typed batches of usage records (a record id seen before is ignored; bad records are reported one by
 * one and the good ones kept), daily totals kept as records arrive, and summaries per subscription and per
 * {@code Subtree}. Raw records are kept by month for {@code cascade.usage.retention-months} (ADR 0046). Tables
 * {@code usage_record} (partitioned by month), {@code usage_daily}, {@code usage_limit_notice}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "shared"})
package io.cascade.usage;
