package io.cascade.provisioning.internal;

import io.cascade.catalog.api.AdapterDirectory;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.shared.FieldProblem;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every {@link ProvisioningAdapter} bean by its id; the catalog asks it which adapters a service may name. */
@Component
class Adapters implements AdapterDirectory {
    private final Map<String, ProvisioningAdapter> byId = new TreeMap<>();

    Adapters(List<ProvisioningAdapter> adapters) {
        for (ProvisioningAdapter adapter : adapters) {
            if (byId.put(adapter.id(), adapter) != null) {
                throw new IllegalStateException("Two provisioning adapters answer to the id " + adapter.id());
            }
        }
    }

    Optional<ProvisioningAdapter> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Set<String> adapterIds() {
        return byId.keySet();
    }

    @Override
    public List<FieldProblem> checkConfig(String adapterId, Map<String, Object> config) {
        return get(adapterId).map(a -> a.checkConfig(config)).orElse(List.of());
    }

    @Override
    public Set<String> meteredTypeSettings(String adapterId) {
        return get(adapterId).map(ProvisioningAdapter::meteredTypeSettings).orElse(Set.of());
    }
}
