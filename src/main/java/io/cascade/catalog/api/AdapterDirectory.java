package io.cascade.catalog.api;

import io.cascade.shared.FieldProblem;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which provisioning adapters exist and what configuration each accepts. The catalog asks it when the provider
 * defines a service; the provisioning module implements it (the catalog cannot depend on provisioning, which reads
 * services from the catalog).
 */
public interface AdapterDirectory {

    Set<String> adapterIds();

    /** The problems of {@code config} for the adapter, with field names relative to {@code adapterConfig}. */
    List<FieldProblem> checkConfig(String adapterId, Map<String, Object> config);

    /** The settings of the adapter's configuration that name a metered resource type (e.g. iot: dataResourceType). */
    Set<String> meteredTypeSettings(String adapterId);
}
