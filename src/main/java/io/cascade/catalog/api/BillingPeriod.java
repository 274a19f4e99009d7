package io.cascade.catalog.api;

public enum BillingPeriod {
    MONTHLY, YEARLY
}
