package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a run as of {@code asOf} would bill the account, per issuer and currency: computed, nothing written. A draft
 * under the reverse charge carries the buyer's VAT id and the legal note as the issued invoice will.
 */
public record UpcomingInvoices(UUID accountId, LocalDate asOf, List<Draft> invoices) {

    public record Draft(UUID issuerAccountId, InvoiceKind kind, String currency, List<InvoiceView.Line> lines,
                        Money subtotal, Money tax, Money total, String buyerVatId, String taxNote) {
    }
}
