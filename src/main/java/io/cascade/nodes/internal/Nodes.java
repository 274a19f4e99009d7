package io.cascade.nodes.internal;

import io.cascade.nodes.api.HealthCheck;
import io.cascade.nodes.api.NodeDraft;
import io.cascade.nodes.api.NodeState;
import io.cascade.nodes.api.NodeView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The service_node table, with each node's load read from node_placement. */
@Repository
public class Nodes {
    private static final String COLUMNS = """
            n.id, n.name, n.address, n.services, n.capacity::text AS capacity, n.state, n.state_before_down,
            n.health_check, n.health_url, n.health_port, n.probe_interval_seconds, n.probe_timeout_ms, n.fail_after,
            n.consecutive_failures, n.last_probe_at, n.last_probe_ok, n.next_probe_at, n.down_since, n.version,
            n.created_at, n.updated_at,
            (SELECT count(*) FROM node_placement p WHERE p.node_id = n.id) AS placements,
            (SELECT jsonb_object_agg(u.key, u.total)::text FROM (
                SELECT e.key, sum(e.value::numeric) AS total
                FROM node_placement p, jsonb_each_text(p.units) e
                WHERE p.node_id = n.id OR p.target_node_id = n.id
                GROUP BY e.key) u) AS used""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<Row> mapper;

    Nodes(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = (rs, n) -> new Row(new NodeView(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getString("address"), uuids(rs.getArray("services")), capacity(rs.getString("capacity")),
                used(rs.getString("used")), rs.getInt("placements"), NodeState.valueOf(rs.getString("state")),
                HealthCheck.valueOf(rs.getString("health_check")), rs.getString("health_url"),
                (Integer) rs.getObject("health_port"), rs.getInt("probe_interval_seconds"),
                rs.getInt("probe_timeout_ms"), rs.getInt("fail_after"), rs.getInt("consecutive_failures"),
                instant(rs.getTimestamp("last_probe_at")), (Boolean) rs.getObject("last_probe_ok"),
                instant(rs.getTimestamp("down_since")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), rs.getLong("version")),
                rs.getString("state_before_down") == null ? null : NodeState.valueOf(rs.getString("state_before_down")));
    }

    /** A node with the state it returns to when it comes back from DOWN. */
    public record Row(NodeView node, NodeState stateBeforeDown) {
    }

    public void insert(UUID id, NodeDraft draft, Instant now) {
        jdbc.sql("""
                        INSERT INTO service_node (id, name, address, services, capacity, state, health_check, health_url,
                               health_port, probe_interval_seconds, probe_timeout_ms, fail_after, next_probe_at,
                               created_at, updated_at)
                        VALUES (:id, :name, :address, :services, CAST(:capacity AS jsonb), 'ACTIVE', :check, :url,
                                :port, :interval, :timeout, :failAfter, :now, :now, :now)""")
                .param("id", id).param("name", draft.name().strip()).param("address", draft.address().strip())
                .param("services", draft.services().toArray(UUID[]::new))
                .param("capacity", json.writeValueAsString(draft.capacity()))
                .param("check", draft.healthCheck().name()).param("url", draft.healthUrl())
                .param("port", draft.healthPort()).param("interval", draft.probeIntervalSeconds())
                .param("timeout", draft.probeTimeoutMs()).param("failAfter", draft.failAfter())
                .param("now", Timestamp.from(now)).update();
    }

    public void update(UUID id, NodeDraft draft, Instant now) {
        jdbc.sql("""
                        UPDATE service_node SET name = :name, address = :address, services = :services,
                               capacity = CAST(:capacity AS jsonb), health_check = :check, health_url = :url,
                               health_port = :port, probe_interval_seconds = :interval, probe_timeout_ms = :timeout,
                               fail_after = :failAfter, next_probe_at = LEAST(next_probe_at, :next),
                               updated_at = :now, version = version + 1
                        WHERE id = :id""")
                .param("id", id).param("name", draft.name().strip()).param("address", draft.address().strip())
                .param("services", draft.services().toArray(UUID[]::new))
                .param("capacity", json.writeValueAsString(draft.capacity()))
                .param("check", draft.healthCheck().name()).param("url", draft.healthUrl())
                .param("port", draft.healthPort()).param("interval", draft.probeIntervalSeconds())
                .param("timeout", draft.probeTimeoutMs()).param("failAfter", draft.failAfter())
                .param("next", Timestamp.from(now.plusSeconds(draft.probeIntervalSeconds())))
                .param("now", Timestamp.from(now)).update();
    }

    /** Sets the state a staff member chose; a DOWN node keeps DOWN and returns to the chosen state when it is back. */
    public void choose(UUID id, NodeState chosen, Instant now) {
        jdbc.sql("""
                        UPDATE service_node SET
                               state = CASE WHEN state = 'DOWN' AND :chosen <> 'RETIRED' THEN 'DOWN' ELSE :chosen END,
                               state_before_down = CASE WHEN state = 'DOWN' AND :chosen <> 'RETIRED' THEN :chosen END,
                               down_since = CASE WHEN :chosen = 'RETIRED' THEN NULL ELSE down_since END,
                               updated_at = :now, version = version + 1
                        WHERE id = :id""")
                .param("id", id).param("chosen", chosen.name()).param("now", Timestamp.from(now)).update();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_node n WHERE n.id = :id").param("id", id)
                .query(mapper).optional();
    }

    public Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_node n WHERE n.id = :id FOR UPDATE OF n")
                .param("id", id).query(mapper).optional();
    }

    /** The nodes of a service that are not retired, locked in id order (placements on them are being decided). */
    public List<Row> lockOfService(UUID serviceId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM service_node n WHERE :service = ANY(n.services) AND n.state <> 'RETIRED'
                        ORDER BY n.id FOR UPDATE OF n""")
                .param("service", serviceId).query(mapper).list();
    }

    /** Nodes in name order after the given name (keyset paging), optionally of one state or service. */
    public List<Row> list(NodeState state, UUID serviceId, String afterName, UUID afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM service_node n
                        WHERE (CAST(:state AS text) IS NULL OR n.state = :state)
                          AND (CAST(:service AS uuid) IS NULL OR CAST(:service AS uuid) = ANY(n.services))
                          AND (CAST(:afterName AS text) IS NULL
                               OR (lower(n.name), n.id) > (lower(CAST(:afterName AS text)), CAST(:afterId AS uuid)))
                        ORDER BY lower(n.name), n.id LIMIT :limit""")
                .param("state", state == null ? null : state.name()).param("service", serviceId)
                .param("afterName", afterName).param("afterId", afterId).param("limit", limit)
                .query(mapper).list();
    }

    /** True when a node that is not retired hosts the service (only then can its resources be placed). */
    public boolean hosted(UUID serviceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM service_node WHERE :service = ANY(services) AND state <> 'RETIRED')")
                .param("service", serviceId).query(Boolean.class).single();
    }

    public boolean nameTaken(String name, UUID except) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM service_node WHERE lower(name) = lower(:name)
                                       AND (CAST(:except AS uuid) IS NULL OR id <> :except))""")
                .param("name", name.strip()).param("except", except).query(Boolean.class).single();
    }

    /** The state of a node, without its load (for the provisioning runner, per task execution). */
    public Optional<NodeState> state(UUID id) {
        return jdbc.sql("SELECT state FROM service_node WHERE id = :id").param("id", id).query(String.class)
                .optional().map(NodeState::valueOf);
    }

    /** Takes up to {@code limit} nodes whose probe is due, moving their next probe one interval on. */
    public List<UUID> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                        UPDATE service_node n SET next_probe_at = CAST(:now AS timestamptz)
                                                  + make_interval(secs => n.probe_interval_seconds)
                        FROM (SELECT id FROM service_node WHERE state <> 'RETIRED' AND next_probe_at <= :now
                              ORDER BY next_probe_at LIMIT :limit FOR UPDATE SKIP LOCKED) due
                        WHERE n.id = due.id
                        RETURNING n.id""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
    }

    /** Records a probe's outcome on the node: its failure count, and DOWN or back as {@link HealthRecorder} decided. */
    public void probed(UUID id, boolean ok, int failures, NodeState state, NodeState before, Instant downSince, Instant now) {
        jdbc.sql("""
                        UPDATE service_node SET last_probe_at = :now, last_probe_ok = :ok, consecutive_failures = :failures,
                               state = :state, state_before_down = :before, down_since = :downSince,
                               version = version + CASE WHEN state <> :state THEN 1 ELSE 0 END,
                               updated_at = CASE WHEN state <> :state THEN CAST(:now AS timestamptz) ELSE updated_at END
                        WHERE id = :id""")
                .param("id", id).param("ok", ok).param("failures", failures).param("state", state.name())
                .param("before", before == null ? null : before.name())
                .param("downSince", downSince == null ? null : Timestamp.from(downSince))
                .param("now", Timestamp.from(now)).update();
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private Map<String, Long> capacity(String text) {
        return text == null ? Map.of() : new TreeMap<>(json.readValue(text, new TypeReference<Map<String, Long>>() {
        }));
    }

    private Map<String, BigDecimal> used(String text) {
        if (text == null) {
            return Map.of();
        }
        Map<String, BigDecimal> used = new TreeMap<>();
        json.readValue(text, new TypeReference<HashMap<String, BigDecimal>>() {
        }).forEach((k, v) -> used.put(k, v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros()));
        return used;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
