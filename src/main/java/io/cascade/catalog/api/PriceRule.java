package io.cascade.catalog.api;

/**
 * How a plan's per-resource prices are set: fixed amounts, or derived from the reseller's wholesale price of the same
 * resource on the same day (plus a percentage, or plus a fixed amount).
 */
public enum PriceRule {
    FIXED, MARKUP_PERCENT, MARKUP_AMOUNT
}
