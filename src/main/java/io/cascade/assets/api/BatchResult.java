package io.cascade.assets.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * What a batch did: {@code count} SIMs changed (assigned, unassigned or transferred), {@code activated} of them
 * connected to the customer's {@code iot} subscription, and to whom.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(int count, Integer activated, UUID customerId, UUID toAccountId) {
}
