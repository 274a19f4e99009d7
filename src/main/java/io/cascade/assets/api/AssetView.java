package io.cascade.assets.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * A SIM card as the API shows it. {@code ownerId} is the account whose inventory holds it, {@code customerId} the
 * owner's customer it is assigned to, {@code subscriptionId} the customer's {@code iot} subscription it counts
 * against while ACTIVE or SUSPENDED, {@code simpleCustomerId} the simple customer of that (standard) customer that
 * holds it, if any (seed 004, ADR 0037).
 */
public record AssetView(UUID id, AssetKind kind, UUID ownerId, String iccid, String imsi, String msisdn,
                        AssetState state, UUID customerId, UUID subscriptionId, UUID simpleCustomerId,
                        Instant createdAt, Instant updatedAt, @JsonIgnore String ownerPath,
                        @JsonIgnore String customerPath, @JsonIgnore String simpleCustomerPath,
                        @JsonIgnore long version) {
}
