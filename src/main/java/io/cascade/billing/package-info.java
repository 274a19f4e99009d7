/**
 * Billing: who bills whom, cycles and proration ({@link io.cascade.billing.Cycles}, {@link io.cascade.billing.Proration},
 * docs/billing.md), the billing run ({@link io.cascade.billing.BillingRuns}: scheduled and on demand, shared by every
 * node through leased chunks of buyers, idempotent through the billed-charges ledger), invoices, credit notes and
 * payments with per-issuer gapless numbers, RAW and PDF documents ({@link io.cascade.billing.InvoiceManagement}), and
 * reports: margin and commission statements ({@link io.cascade.billing.BillingReports}). Reads the subscriptions'
 * terms history ({@link io.cascade.subscriptions.SubscriptionTerms}), the catalog's prices and offerings, the usage
 * module's daily totals and the accounts' billing parties — through their public types only.
 */
package io.cascade.billing;
