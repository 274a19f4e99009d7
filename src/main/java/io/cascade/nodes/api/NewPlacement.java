package io.cascade.nodes.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * A new resource to place: the provisioning subject, its service and account, and the units it takes per resource type
 * code (a subscription's ordered quantities; empty for a subject counted by its subscription).
 */
public record NewPlacement(UUID subjectId, String subjectType, UUID serviceId, UUID subscriptionId, UUID accountId,
                           String accountPath, Map<String, BigDecimal> units) {
    public NewPlacement {
        units = units == null ? Map.of() : Map.copyOf(units);
    }
}
