package io.cascade.catalog.api;

import java.util.Optional;
import java.util.UUID;

/**
 * What the subscriptions module knows that the catalog asks: which wholesale plan a reseller holds a resource
 * through (its live subscription to a RESELLER plan of its vendor that includes the resource type), and whether an
 * account subscribes to a plan. Implemented by the subscriptions module.
 */
public interface Holdings {

    Optional<UUID> wholesalePlanFor(UUID resellerId, UUID resourceTypeId);

    boolean subscribes(UUID accountId, UUID planId);
}
