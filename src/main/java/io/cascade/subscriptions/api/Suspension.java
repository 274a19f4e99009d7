package io.cascade.subscriptions.api;

/**
 * Why a SUSPENDED subscription is suspended: on its {@link #OWN} (its vendor side suspended it), or with its
 * {@link #ACCOUNT} (the account, or one above it, is suspended). Derived from
 * {@code subscription.suspended_with_account}.
 */
public enum Suspension {
    OWN,
    ACCOUNT
}
