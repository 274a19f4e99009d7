package io.cascade.nodes.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service node as the API shows it: its settings, its state and health, and per resource type of its capacity the
 * units placed on it ({@code used}, counting resources being moved to it).
 */
public record NodeView(UUID id, String name, String address, List<UUID> services, Map<String, Long> capacity,
                       Map<String, BigDecimal> used, int placements, NodeState state, HealthCheck healthCheck,
                       String healthUrl, Integer healthPort, int probeIntervalSeconds, int probeTimeoutMs,
                       int failAfter, int consecutiveFailures, Instant lastProbeAt, Boolean lastProbeOk,
                       Instant downSince, Instant createdAt, Instant updatedAt, @JsonIgnore long version) {

    /** The share of a resource type's capacity in use, 0..100 (more when a change took it over), or null if unlimited. */
    public Integer percentUsed(String resourceType) {
        Long cap = capacity.get(resourceType);
        if (cap == null) {
            return null;
        }
        BigDecimal in = used.getOrDefault(resourceType, BigDecimal.ZERO);
        if (cap == 0) {
            return in.signum() > 0 ? 100 : 0;
        }
        return in.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(cap), 0, java.math.RoundingMode.HALF_UP)
                .intValue();
    }
}
