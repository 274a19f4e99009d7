package io.cascade.accounts.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How a reseller sells: its model (among those the provider enabled), whether it invoices its customers, in which
 * format, and on which day of the month its customers are billed (1-28, independent of its own bill cycle day).
 */
public record ResellerProfile(
        ResellerModel model,
        Boolean customerInvoicing,
        InvoiceFormat customerInvoiceFormat,
        @Min(1) @Max(28) Integer customerBillCycleDay) {
}
