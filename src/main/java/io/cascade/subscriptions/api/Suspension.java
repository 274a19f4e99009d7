package io.cascade.subscriptions.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a SUSPENDED subscription is suspended: on its {@link #OWN} (its vendor side suspended it), with its
 * {@link #ACCOUNT} (the account, or one above it, is suspended), or by {@link #DUNNING} (its buyer did not pay its
 * vendor, or, for a reseller's customer, the reseller did not pay its own vendor: lifted by itself when paid, ADR 0032).
 * Derived from {@code subscription.suspended_with_account} and {@code subscription.dunning_episode_id}.
 */
@Schema(name = "SubscriptionSuspension")
public enum Suspension {
    OWN,
    ACCOUNT,
    DUNNING
}
