package io.cascade.subscriptions.api;

/** RESALE: a reseller's holding of a wholesale plan; OWN_USE: services the buyer consumes itself. */
public enum Purpose {
    RESALE, OWN_USE
}
