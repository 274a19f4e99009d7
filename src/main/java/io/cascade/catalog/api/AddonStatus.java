package io.cascade.catalog.api;

/** An add-on's lifecycle: ACTIVE ones can be ordered; a RETIRED one takes no new orders and stays where it was ordered. */
public enum AddonStatus {
    ACTIVE, RETIRED
}
