package io.cascade.assets.api;

/**
 * The state of a SIM card (ADR 0013).
 * <ul>
 *     <li>{@link #IN_STOCK}: in its owner's inventory, assigned to nobody;</li>
 *     <li>{@link #ASSIGNED}: assigned to one of its owner's customers, without connectivity (the customer has no
 *     active {@code iot} subscription, or the subscription's limits left no room);</li>
 *     <li>{@link #ACTIVE}: connected, counting as one SIM against the customer's {@code iot} subscription;</li>
 *     <li>{@link #SUSPENDED}: connectivity stopped because the customer, its subscription or a vendor above is
 *     suspended; it still counts, and resuming makes it ACTIVE again;</li>
 *     <li>{@link #RETIRED}: out of use for good.</li>
 * </ul>
 */
public enum AssetState {
    IN_STOCK,
    ASSIGNED,
    ACTIVE,
    SUSPENDED,
    RETIRED
}
