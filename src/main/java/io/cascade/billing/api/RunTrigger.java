package io.cascade.billing.api;

/**
 * Who started a billing run (column {@code billing_run.trigger}, whose CHECK lists these names): staff
 * ({@link #MANUAL}) or the daily schedule ({@link #SCHEDULED}).
 */
public enum RunTrigger {
    MANUAL,
    SCHEDULED
}
