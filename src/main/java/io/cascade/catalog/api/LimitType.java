package io.cascade.catalog.api;

/** HARD refuses an order past the limit; SOFT allows it and the excess is billed. */
public enum LimitType {
    HARD, SOFT
}
