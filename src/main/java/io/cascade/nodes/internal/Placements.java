package io.cascade.nodes.internal;

import io.cascade.nodes.api.PlacementView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The node_placement table: where each placed resource is. */
@Repository
public class Placements {
    private static final String COLUMNS = """
            subject_id, subject_type, node_id, target_node_id, move_task_id, parent_subject_id, service_id,
            subscription_id, account_id, units::text AS units, placed_at, account_path""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<PlacementView> mapper;

    Placements(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = (rs, n) -> new PlacementView(rs.getObject("subject_id", UUID.class),
                rs.getString("subject_type"), rs.getObject("node_id", UUID.class),
                rs.getObject("target_node_id", UUID.class), rs.getObject("move_task_id", UUID.class),
                rs.getObject("parent_subject_id", UUID.class), rs.getObject("service_id", UUID.class),
                rs.getObject("subscription_id", UUID.class), rs.getObject("account_id", UUID.class),
                units(rs.getString("units")), rs.getTimestamp("placed_at").toInstant(),
                rs.getString("account_path"));
    }

    public void insert(UUID subjectId, String subjectType, UUID nodeId, UUID parent, UUID serviceId, UUID subscriptionId,
                UUID accountId, String accountPath, Map<String, BigDecimal> units, Instant now) {
        jdbc.sql("""
                        INSERT INTO node_placement (subject_id, subject_type, node_id, parent_subject_id, service_id,
                               subscription_id, account_id, account_path, units, placed_at)
                        VALUES (:subject, :type, :node, :parent, :service, :subscription, :account, :path,
                                CAST(:units AS jsonb), :now)
                        ON CONFLICT (subject_id) DO NOTHING""")
                .param("subject", subjectId).param("type", subjectType).param("node", nodeId).param("parent", parent)
                .param("service", serviceId).param("subscription", subscriptionId).param("account", accountId)
                .param("path", accountPath).param("units", json.writeValueAsString(units))
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<PlacementView> find(UUID subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM node_placement WHERE subject_id = :id").param("id", subjectId)
                .query(mapper).optional();
    }

    /** The placement of a subscription's own subject on a node of the service, which its other subjects follow. */
    public Optional<PlacementView> ofSubscription(UUID subscriptionId, UUID serviceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM node_placement WHERE subject_id = :id AND service_id = :service")
                .param("id", subscriptionId).param("service", serviceId).query(mapper).optional();
    }

    public void resize(UUID subjectId, Map<String, BigDecimal> units) {
        jdbc.sql("UPDATE node_placement SET units = CAST(:units AS jsonb) WHERE subject_id = :id")
                .param("units", json.writeValueAsString(units)).param("id", subjectId).update();
    }

    /** Removes a subject's placement and those of the subjects that follow it. */
    public int delete(UUID subjectId) {
        return jdbc.sql("DELETE FROM node_placement WHERE subject_id = :id OR parent_subject_id = :id")
                .param("id", subjectId).update();
    }

    public void startMove(UUID subjectId, UUID targetNodeId) {
        jdbc.sql("UPDATE node_placement SET target_node_id = :target, move_task_id = NULL WHERE subject_id = :id")
                .param("target", targetNodeId).param("id", subjectId).update();
    }

    /** A move's task is DONE: the subject is on the node it was moved to now. */
    public void finishMove(UUID subjectId, UUID nodeId) {
        jdbc.sql("""
                        UPDATE node_placement SET node_id = :node, target_node_id = NULL, move_task_id = NULL
                        WHERE subject_id = :id""")
                .param("id", subjectId).param("node", nodeId).update();
    }

    /** A move's task was cancelled: the subject stays where it is, and nothing is kept for it on the target. */
    public void cancelMove(UUID subjectId, UUID taskId) {
        jdbc.sql("""
                        UPDATE node_placement SET target_node_id = NULL, move_task_id = NULL
                        WHERE subject_id = :id AND move_task_id = :task""")
                .param("id", subjectId).param("task", taskId).update();
    }

    /** Names the task of a move still open (a move carried out at once has no target any more). */
    public void moveTask(UUID subjectId, UUID taskId) {
        jdbc.sql("UPDATE node_placement SET move_task_id = :task WHERE subject_id = :id AND target_node_id IS NOT NULL")
                .param("task", taskId).param("id", subjectId).update();
    }

    /** The resources on a node (or being moved to it), in subject order after {@code after}. */
    public List<PlacementView> onNode(UUID nodeId, UUID after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM node_placement WHERE (node_id = :node OR target_node_id = :node)
                          AND (CAST(:after AS uuid) IS NULL OR subject_id > :after)
                        ORDER BY subject_id LIMIT :limit""")
                .param("node", nodeId).param("after", after).param("limit", limit).query(mapper).list();
    }

    /** What is on a node and not being moved yet, parents before the subjects that follow them. */
    public List<PlacementView> toMove(UUID nodeId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM node_placement WHERE node_id = :node AND target_node_id IS NULL
                        ORDER BY parent_subject_id NULLS FIRST, placed_at, subject_id FOR UPDATE""")
                .param("node", nodeId).query(mapper).list();
    }

    private Map<String, BigDecimal> units(String text) {
        return text == null ? Map.of() : new TreeMap<>(json.readValue(text,
                new TypeReference<Map<String, BigDecimal>>() {
                }));
    }
}
