package io.cascade.nodes.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A resource placed on a service node: the provisioning subject (a subscription's service, a mailbox), the units it
 * takes there, and the node it is being moved to with the move's provisioning task, while a move is open. A subject
 * inside a placed subscription ({@code parentSubjectId}) is where its subscription is and takes no units of its own.
 */
public record PlacementView(UUID subjectId, String subjectType, UUID nodeId, UUID targetNodeId, UUID moveTaskId,
                            UUID parentSubjectId, UUID serviceId, UUID subscriptionId, UUID accountId,
                            Map<String, BigDecimal> units, Instant placedAt,
                            @com.fasterxml.jackson.annotation.JsonIgnore String accountPath) {
}
