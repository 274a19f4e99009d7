package io.cascade.assets.api;

import java.util.UUID;

/**
 * A search in an account's SIMs. {@code iccid} and {@code msisdn} match as prefixes (digits; a full number matches
 * exactly that card), {@code customerId} narrows to one customer's SIMs. Ordered by ICCID, cursor-paged.
 */
public record AssetQuery(String iccid, String msisdn, AssetState state, UUID customerId, Integer limit,
                         String cursor) {
}
