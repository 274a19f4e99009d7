package io.cascade.accounts;

public enum InvoiceFormat {
    RAW, PDF, BOTH
}
