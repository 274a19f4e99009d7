package io.cascade.accounts.api;

public enum InvoiceFormat {
    RAW, PDF, BOTH
}
