package io.cascade.catalog.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service; {@code adapterConfig} (which may hold secrets) is shown only to the staff who may define it: the
 * provider's for the provider's services, the owner's (and its vendors') for a reseller's own service.
 * {@code ownerId}: null for the provider's catalog, else the reseller whose own product it is (ADR 0036).
 */
public record ServiceView(UUID id, String code, String name, String adapter,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> adapterConfig,
                          List<ResourceTypeView> resourceTypes, Instant createdAt, UUID ownerId,
                          @JsonIgnore String ownerPath, @JsonIgnore long version) {

    /** A service of the provider's catalog. */
    public ServiceView(UUID id, String code, String name, String adapter, Map<String, Object> adapterConfig,
                       List<ResourceTypeView> resourceTypes, Instant createdAt) {
        this(id, code, name, adapter, adapterConfig, resourceTypes, createdAt, null, null, 0);
    }

    /** The same service with another adapter configuration (masked, or none). */
    public ServiceView withConfig(Map<String, Object> config) {
        return new ServiceView(id, code, name, adapter, config, resourceTypes, createdAt, ownerId, ownerPath, version);
    }
}
