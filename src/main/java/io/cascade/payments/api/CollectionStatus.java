package io.cascade.payments.api;

/** A collection run is PENDING (its file written) until the issuer confirms it COLLECTED, on or after its date. */
public enum CollectionStatus {
    PENDING, COLLECTED
}
