package io.cascade.subscriptions.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Another plan of the same vendor and/or other quantities, from {@code effectiveDate} (default today). */
public record SubscriptionChangeRequest(UUID planId,
                                        @Size(max = 50) List<@NotNull @Valid ResourceQuantity> resources,
                                        LocalDate effectiveDate) {
}
