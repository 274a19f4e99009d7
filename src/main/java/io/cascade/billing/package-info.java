/**
 * Billing: who bills whom, cycles and proration (docs/billing.md); the billing run, whose chunks are one-time jobs
 * on the job engine and whose billed-charges ledger makes every run idempotent (ADR 0010, 0017); invoices, credit
 * notes and payments with gapless numbers per issuer; CSV and PDF documents; margin, revenue and commission reports.
 * Tables {@code billing_run}, {@code billing_run_chunk}, {@code billing_run_failure}, {@code invoice},
 * {@code invoice_line} (which also holds the billed-charges ledger, ADR 0047), {@code billing_issuer},
 * {@code tax_rate}, {@code payment}, {@code commission_statement}, {@code invoice_revenue}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "brands::api", "catalog::api", "platform::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.billing;
