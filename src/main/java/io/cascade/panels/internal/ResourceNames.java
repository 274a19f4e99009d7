package io.cascade.panels.internal;

import io.cascade.catalog.api.ResourceTypeView;
import io.cascade.catalog.api.ServiceView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names (and units) of resource types and the names of services by code, for pages that hold only the codes (a
 * plan's resources, a subscription's quantities, usage charts): people read "Mailbox", not "mailbox-3f2a". A code
 * without a name shows as itself.
 */
record ResourceNames(Map<String, String> resources, Map<String, String> units, Map<String, String> services) {

    static ResourceNames of(List<ServiceView> catalog) {
        Map<String, String> resources = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        Map<String, String> services = new HashMap<>();
        for (ServiceView service : catalog) {
            services.put(service.code(), service.name());
            for (ResourceTypeView type : service.resourceTypes()) {
                resources.put(type.code(), type.name());
                units.put(type.code(), type.unit());
            }
        }
        return new ResourceNames(resources, units, services);
    }

    public String resource(String code) {
        return resources.getOrDefault(code, code);
    }

    /** The unit a resource type is counted in ("GB"); its code when unknown. */
    public String unit(String code) {
        return units.getOrDefault(code, code);
    }

    public String service(String code) {
        return services.getOrDefault(code, code);
    }
}
