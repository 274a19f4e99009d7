package io.cascade.payments.api;

/**
 * Where a mandate is in its SEPA sequence: {@code FRST} until a collection with it was confirmed, {@code RCUR} after.
 * One-off and final collections ({@code OOFF}, {@code FNAL}) are not used: every mandate is recurrent (ADR 0030).
 */
public enum MandateSequence {
    FRST, RCUR
}
