package io.cascade.catalog.internal;

import io.cascade.catalog.api.ResourceTypeDraft;
import io.cascade.catalog.api.ResourceTypeView;
import io.cascade.catalog.api.ServiceDraft;
import io.cascade.catalog.api.ServiceView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The service and resource_type tables. */
@Repository
public class Services {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    Services(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A resource type with the service it belongs to. */
    public record ResourceTypeRef(UUID id, String code, String unit, UUID serviceId, String serviceCode,
                                  boolean metered, UUID ownerId, String ownerPath) {

        /**
         * Whether a plan of the vendor at {@code vendorPath} may name it: the provider's types everybody, a reseller's
         * own types the reseller and its subtree (ADR 0036).
         */
        public boolean usableBy(String vendorPath) {
            return ownerPath == null || vendorPath.startsWith(ownerPath);
        }
    }

    public boolean codeTaken(String code) {
        return jdbc.sql("SELECT count(*) FROM service WHERE code = :code").param("code", code)
                .query(Long.class).single() > 0;
    }

    public List<String> resourceCodesTaken(List<String> codes) {
        return jdbc.sql("SELECT code FROM resource_type WHERE code = ANY(:codes) ORDER BY code")
                .param("codes", codes.toArray(String[]::new)).query(String.class).list();
    }

    /** A new service: the provider's ({@code ownerId} null) or a reseller's own. */
    public UUID insert(ServiceDraft draft, UUID ownerId, String ownerPath, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO service (id, code, name, adapter, adapter_config, created_at, owner_id, owner_path)
                        VALUES (:id, :code, :name, :adapter, CAST(:config AS jsonb), :now, :owner, :ownerPath)""")
                .param("id", id).param("code", draft.code()).param("name", draft.name())
                .param("adapter", draft.adapter())
                .param("config", json.writeValueAsString(draft.adapterConfig() == null ? Map.of() : draft.adapterConfig()))
                .param("now", Timestamp.from(now)).param("owner", ownerId).param("ownerPath", ownerPath).update();
        for (var type : draft.resourceTypes()) {
            insertResourceType(id, type);
        }
        return id;
    }

    public void insertResourceType(UUID serviceId, ResourceTypeDraft type) {
        jdbc.sql("""
                        INSERT INTO resource_type (id, service_id, code, name, unit, metered)
                        VALUES (:id, :service, :code, :name, :unit, :metered)""")
                .param("id", UUID.randomUUID()).param("service", serviceId).param("code", type.code())
                .param("name", type.name()).param("unit", type.unit())
                .param("metered", type.meteredOrDefault()).update();
    }

    public void renameResourceType(UUID serviceId, String code, String name) {
        jdbc.sql("UPDATE resource_type SET name = :name WHERE service_id = :service AND code = :code")
                .param("name", name).param("service", serviceId).param("code", code).update();
    }

    /** Changes a service's name and adapter configuration if it is still at {@code expectedVersion}. */
    public boolean update(UUID id, long expectedVersion, String name, Map<String, Object> config) {
        return jdbc.sql("""
                        UPDATE service SET name = :name, adapter_config = CAST(:config AS jsonb), version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("name", name).param("config", json.writeValueAsString(config == null ? Map.of() : config))
                .param("id", id).param("version", expectedVersion).update() == 1;
    }

    public List<ServiceView> list(boolean withConfig) {
        Map<UUID, List<ResourceTypeView>> types = new LinkedHashMap<>();
        jdbc.sql("SELECT service_id, id, code, name, unit, metered FROM resource_type ORDER BY code")
                .query(rs -> {
                    types.computeIfAbsent(rs.getObject("service_id", UUID.class), k -> new ArrayList<>())
                            .add(new ResourceTypeView(rs.getObject("id", UUID.class), rs.getString("code"),
                                    rs.getString("name"), rs.getString("unit"), rs.getBoolean("metered")));
                });
        return jdbc.sql("""
                        SELECT id, code, name, adapter, adapter_config::text AS adapter_config, created_at, owner_id,
                               owner_path, version
                        FROM service ORDER BY code""")
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ServiceView(id, rs.getString("code"), rs.getString("name"), rs.getString("adapter"),
                            withConfig ? config(rs.getString("adapter_config")) : null,
                            types.getOrDefault(id, List.of()), rs.getTimestamp("created_at").toInstant(),
                            rs.getObject("owner_id", UUID.class), rs.getString("owner_path"), rs.getLong("version"));
                })
                .list();
    }

    public Optional<ServiceView> find(UUID id, boolean withConfig) {
        return list(withConfig).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<ResourceTypeRef> resourceType(String code) {
        return jdbc.sql("""
                        SELECT r.id, r.code, r.unit, s.id AS service_id, s.code AS service_code, r.metered,
                               s.owner_id, s.owner_path
                        FROM resource_type r
                        JOIN service s ON s.id = r.service_id WHERE r.code = :code""")
                .param("code", code)
                .query(ResourceTypeRef.class).optional();
    }

    private Map<String, Object> config(String text) {
        return json.readValue(text, new TypeReference<Map<String, Object>>() {
        });
    }
}
