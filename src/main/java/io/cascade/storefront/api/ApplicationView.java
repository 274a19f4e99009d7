package io.cascade.storefront.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cascade.subscriptions.api.ResourceQuantity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sign-up as its vendor sees it. {@code accountId}: the customer account it became (ACTIVATED); {@code reason}: why
 * the vendor rejected it.
 */
public record ApplicationView(UUID id, UUID vendorId, ApplicationStatus status, String companyName, String country,
                              String contactName, String email, UUID planId, String planName,
                              List<ResourceQuantity> resources, Instant createdAt, Instant confirmedAt,
                              Instant decidedAt, String reason, UUID accountId, @JsonIgnore String vendorPath,
                              @JsonIgnore String language) {
}
