/**
 * Billing: who bills whom, cycles and proration ({@link io.cascade.billing.api.Cycles}, {@link io.cascade.billing.api.Proration},
 * docs/billing.md), the billing run ({@link io.cascade.billing.api.BillingRuns}: scheduled and on demand, shared by every
 * node through leased chunks of buyers, idempotent through the billed-charges ledger), invoices, credit notes and
 * payments with per-issuer gapless numbers, RAW and PDF documents ({@link io.cascade.billing.api.InvoiceManagement}), and
 * reports: margin and commission statements ({@link io.cascade.billing.api.BillingReports}). Reads the subscriptions'
 * terms history ({@link io.cascade.subscriptions.api.SubscriptionTerms}), the catalog's prices and offerings, the usage
 * module's daily totals and the accounts' billing parties — through their public types only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "catalog::api", "platform::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.billing;
