package io.cascade.payments.api;

/** A mandate is ACTIVE (collections use it) until revoked: by a person, or by a return that says it is void. */
public enum MandateStatus {
    ACTIVE, REVOKED
}
