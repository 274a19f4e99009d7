package io.cascade.subscriptions.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a SUSPENDED subscription is suspended: on its {@link #OWN} (its vendor side suspended it), or with its
 * {@link #ACCOUNT} (the account, or one above it, is suspended). Derived from
 * {@code subscription.suspended_with_account}.
 */
@Schema(name = "SubscriptionSuspension")
public enum Suspension {
    OWN,
    ACCOUNT
}
