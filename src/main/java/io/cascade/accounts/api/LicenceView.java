package io.cascade.accounts.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One licence of an account as clients see it.
 *
 * @param active    whether the account can use the feature today: its own licence has not ended and every account
 *                  above it holds the feature too
 * @param seatsUsed what the account's subtree uses of a seated feature (null for features without seats)
 * @param inherited true for the provider, who holds every feature without a licence row
 */
public record LicenceView(UUID accountId, Feature feature, Integer seats, Long seatsUsed, LocalDate endsOn,
                          boolean active, boolean inherited, Instant grantedAt, Instant updatedAt,
                          @JsonIgnore long version) {
}
