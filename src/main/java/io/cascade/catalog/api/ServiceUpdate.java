package io.cascade.catalog.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * The changeable part of a service, target of a JSON merge patch: its name, its adapter's configuration, and its
 * resource types — new ones may be added, existing ones renamed; none is removed, and an existing one keeps its code,
 * unit and whether it is metered (plans, subscriptions and usage name them). The adapter stays.
 */
public record ServiceUpdate(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 50) Map<@Size(max = 100) String, Object> adapterConfig,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid ResourceTypeDraft> resourceTypes) {
}
