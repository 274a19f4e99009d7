/**
 * Assets: an account's inventory of SIM cards (ICCID, IMSI, MSISDN) — added one by one or imported from CSV by the
 * ten thousand, handed down from a vendor to its direct resellers, assigned by the account's own staff to its
 * customers, searched with cursor paging — and the SIM lifecycle: a SIM assigned to a customer with an active
 * {@code iot} subscription is ACTIVE and counts as one SIM against that subscription's limits, is SUSPENDED with the
 * customer, its subscription or a vendor above, and reports its data usage as the subscription's usage (ADR 0013).
 * Uses accounts for scope, subscriptions for counting SIMs, usage for data usage, and provisioning for the
 * {@code iot} adapter. Table {@code asset}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "provisioning::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.assets;
