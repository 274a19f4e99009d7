package io.cascade.catalog.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** A service the provider offers, or a reseller's own product (ADR 0036), with the resource types it is measured in. */
public record ServiceDraft(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be lower-case, e.g. mail") String code,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must name an adapter, e.g. manual") String adapter,
        @Size(max = 50) Map<@Size(max = 100) String, Object> adapterConfig,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid ResourceTypeDraft> resourceTypes) {
}
