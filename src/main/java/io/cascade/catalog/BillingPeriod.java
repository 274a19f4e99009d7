package io.cascade.catalog;

public enum BillingPeriod {
    MONTHLY, YEARLY
}
