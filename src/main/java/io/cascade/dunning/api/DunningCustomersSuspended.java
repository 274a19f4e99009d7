package io.cascade.dunning.api;

import java.util.List;
import java.util.UUID;

/**
 * A reseller's customers' services were suspended because the reseller did not pay its vendor (ADR 0032), after the
 * grace period its vendor's policy sets and the reseller's mail. Published in the evaluating transaction; the messages
 * module tells each customer.
 */
public record DunningCustomersSuspended(UUID episodeId, UUID issuerId, UUID resellerId, List<UUID> customerIds) {
    public DunningCustomersSuspended {
        customerIds = List.copyOf(customerIds);
    }
}
