package io.cascade.payments.api;

/**
 * An item is PENDING with its run, COLLECTED when the run is confirmed (its payment recorded), RETURNED after the bank
 * returned it (its payment returned).
 */
public enum CollectionItemStatus {
    PENDING, COLLECTED, RETURNED
}
