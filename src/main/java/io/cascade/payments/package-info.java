/**
 * Payments: how money reaches an issuer from its buyers — bank statements imported (ISO 20022 {@code camt.053} and
 * CSV) and their credits matched to invoices, SEPA Direct Debit mandates and collection runs ({@code pain.008}) with
 * their returns, and online payments through a gateway's hosted page and signed callback. Every payment it takes is
 * recorded through billing's {@code Balances}, which owns the ledger.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "billing::api", "platform::api", "shared"})
package io.cascade.payments;
