package io.cascade.nodes.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service node as the provider's staff describe it: to register one ({@code POST /api/v1/nodes}) and as the target
 * of a JSON merge patch. The probe settings default to every 60 s, 2 s timeout, DOWN after 3 failures in a row.
 */
public record NodeDraft(
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "Host name or IP address of the node (internal addresses are allowed: probes are the "
                + "provider's own)", example = "mx1.internal.example")
        @NotBlank @Size(max = 255) String address,
        @Schema(description = "The services the node hosts (ids of the catalog's services)")
        @NotNull @Size(max = 50) List<@NotNull UUID> services,
        @Schema(description = "Units the node takes per resource type code of its services, e.g. {\"mailbox\": 5000}; "
                + "a type not named is not limited on this node")
        @NotNull @Size(max = 50) Map<String, @NotNull @PositiveOrZero @Max(1_000_000_000) Long> capacity,
        @NotNull HealthCheck healthCheck,
        @Schema(description = "For HTTP: the URL probed with GET (http or https)", example = "http://mx1.internal.example:8080/health")
        @Size(max = 2000) String healthUrl,
        @Schema(description = "For TCP: the port of the node's address that must accept a connection", example = "25")
        @Min(1) @Max(65535) Integer healthPort,
        @Min(5) @Max(86400) Integer probeIntervalSeconds,
        @Min(100) @Max(60000) Integer probeTimeoutMs,
        @Schema(description = "Failed probes in a row after which the node is DOWN")
        @Min(1) @Max(100) Integer failAfter) {

    public static final int DEFAULT_INTERVAL_SECONDS = 60;
    public static final int DEFAULT_TIMEOUT_MS = 2000;
    public static final int DEFAULT_FAIL_AFTER = 3;

    /** The draft with the probe settings' defaults filled in. */
    public NodeDraft withDefaults() {
        return new NodeDraft(name, address, services, capacity, healthCheck, healthUrl, healthPort,
                probeIntervalSeconds == null ? DEFAULT_INTERVAL_SECONDS : probeIntervalSeconds,
                probeTimeoutMs == null ? DEFAULT_TIMEOUT_MS : probeTimeoutMs,
                failAfter == null ? DEFAULT_FAIL_AFTER : failAfter);
    }

    public static NodeDraft of(NodeView node) {
        return new NodeDraft(node.name(), node.address(), node.services(), node.capacity(), node.healthCheck(),
                node.healthUrl(), node.healthPort(), node.probeIntervalSeconds(), node.probeTimeoutMs(),
                node.failAfter());
    }
}
