package io.cascade.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A service; {@code adapterConfig} (which may hold secrets) is shown to the provider's staff only. */
public record ServiceView(UUID id, String code, String name, String adapter,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> adapterConfig,
                          List<ResourceTypeView> resourceTypes, Instant createdAt) {
}
