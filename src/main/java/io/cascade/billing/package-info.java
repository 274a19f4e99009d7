/**
 * Billing: who bills whom, cycles and proration, invoices. So far the exact rules of periods and proration as pure
 * functions ({@link io.cascade.billing.Cycles}, {@link io.cascade.billing.Proration}), written down in
 * docs/billing.md; the billing run, invoices and reports come next. Uses the catalog's billing periods and the
 * shared kernel's money.
 */
package io.cascade.billing;
