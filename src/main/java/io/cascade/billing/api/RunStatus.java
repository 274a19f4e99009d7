package io.cascade.billing.api;

/** Where a billing run stands (column {@code billing_run.status}, whose CHECK lists these names). */
public enum RunStatus {
    RUNNING,
    COMPLETED
}
