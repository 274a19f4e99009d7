package io.cascade.dunning.api;

/**
 * What a dunning step does: {@link #REMINDER} and {@link #WARNING} mail the buyer (a warning may charge a late fee as
 * an invoice of its own), {@link #BLOCK_ORDERS} refuses the buyer's new orders of the issuer's plans,
 * {@link #SUSPEND} suspends the buyer's subscriptions from the issuer (reason {@code DUNNING}), {@link #FLAG} marks the
 * buyer for termination, which a person decides.
 */
public enum DunningAction {
    REMINDER, WARNING, BLOCK_ORDERS, SUSPEND, FLAG
}
