package io.cascade;

import io.cascade.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owners' views cost nothing (ADR 0016): each hot-path query that now reads another module's data through a view
 * gets the same plan from PostgreSQL as the query on the tables it replaced (node types, join types, relations and
 * indexes, in order), because the views are inlined and the catalog's unused LEFT JOINs are removed. The queries on
 * the tables live only here, in a test; src/main names only views (TableOwnershipTest).
 */
class ViewPlansIT extends IntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private DataSource dataSource;

    record Pair(String name, String before, String after) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(
                new Pair("holdings (HoldingsDirectory)", """
                        SELECT s.id, s.plan_id, pr.limit_quantity, pr.limit_type
                        FROM subscription s
                        JOIN plan_resource pr ON pr.plan_id = s.plan_id AND pr.resource_type_id = :type
                        WHERE s.account_id = :account AND s.purpose = 'RESALE' AND s.status <> 'CANCELLED'
                        ORDER BY s.start_date, s.created_at, s.id LIMIT 1""", """
                        SELECT s.id, s.plan_id, pr.limit_quantity, pr.limit_type
                        FROM subscription s
                        JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id AND pr.resource_type_id = :type
                        WHERE s.account_id = :account AND s.purpose = 'RESALE' AND s.status <> 'CANCELLED'
                        ORDER BY s.start_date, s.created_at, s.id LIMIT 1"""),
                new Pair("usage batch check (UsageStore.meterable)", """
                        SELECT s.id, s.account_id, s.account_path, s.status, s.cancelled_on, r.code, r.id
                        FROM subscription s
                        JOIN plan_resource pr ON pr.plan_id = s.plan_id
                        JOIN resource_type r ON r.id = pr.resource_type_id
                        WHERE s.id = ANY(:ids)""", """
                        SELECT s.id, s.account_id, s.account_path, s.status, s.cancelled_on, r.code, r.id
                        FROM subscriptions_facts s
                        JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id
                        JOIN catalog_resource_types r ON r.id = pr.resource_type_id
                        WHERE s.id = ANY(:ids)"""),
                new Pair("usage summary (UsageStore.totals)", """
                        SELECT r.code, sum(d.quantity), sum(d.records)
                        FROM usage_daily d JOIN subscription s ON s.id = d.subscription_id
                        JOIN resource_type r ON r.id = d.resource_type_id
                        WHERE s.account_path >= :from AND s.account_path < :to AND d.day >= CURRENT_DATE
                        GROUP BY r.code ORDER BY r.code""", """
                        SELECT r.code, sum(d.quantity), sum(d.records)
                        FROM usage_daily d JOIN subscriptions_facts s ON s.id = d.subscription_id
                        JOIN catalog_resource_types r ON r.id = d.resource_type_id
                        WHERE ((s.account_path >= :from AND s.account_path < :to)) AND d.day >= CURRENT_DATE
                        GROUP BY r.code ORDER BY r.code"""),
                new Pair("iot subscription (IotSubscriptions)", """
                        SELECT s.id, s.account_id, s.account_path, s.status, rt.code,
                               sv.adapter_config ->> 'dataResourceType'
                        FROM subscription s
                        JOIN plan_resource pr ON pr.plan_id = s.plan_id
                        JOIN resource_type rt ON rt.id = pr.resource_type_id
                        JOIN service sv ON sv.id = rt.service_id
                        WHERE sv.adapter = 'iot' AND rt.code = sv.adapter_config ->> 'simResourceType'
                          AND s.account_id = :account AND s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
                        ORDER BY s.start_date, s.created_at, s.id LIMIT 1""", """
                        SELECT s.id, s.account_id, s.account_path, s.status, rt.code, rt.service_config ->> 'dataResourceType'
                        FROM subscriptions_facts s
                        JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id
                        JOIN catalog_resource_types rt ON rt.id = pr.resource_type_id
                        WHERE rt.service_adapter = 'iot' AND rt.code = rt.service_config ->> 'simResourceType'
                          AND s.account_id = :account AND s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
                        ORDER BY s.start_date, s.created_at, s.id LIMIT 1"""),
                new Pair("mail subscription (Mailboxes.activeMailSubscription)", """
                        SELECT s.id, sv.id, sv.adapter_config ->> 'mailboxResourceType'
                        FROM subscription s
                        JOIN plan_resource pr ON pr.plan_id = s.plan_id
                        JOIN resource_type rt ON rt.id = pr.resource_type_id
                        JOIN service sv ON sv.id = rt.service_id
                        WHERE s.account_id = :account AND s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
                          AND sv.adapter = 'mail' AND rt.code = sv.adapter_config ->> 'mailboxResourceType'
                        ORDER BY s.created_at, s.id LIMIT 1""", """
                        SELECT s.id, rt.service_id, rt.service_config ->> 'mailboxResourceType'
                        FROM subscriptions_facts s
                        JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id
                        JOIN catalog_resource_types rt ON rt.id = pr.resource_type_id
                        WHERE s.account_id = :account AND s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
                          AND rt.service_adapter = 'mail' AND rt.code = rt.service_config ->> 'mailboxResourceType'
                        ORDER BY s.created_at, s.id LIMIT 1"""),
                new Pair("bearer token (Tokens.authenticate)", """
                        SELECT t.id, u.id, u.email, a.id, a.path, u.kind,
                               ARRAY(SELECT c.path FROM customer_user_customer cu
                                     JOIN account c ON c.id = cu.customer_id WHERE cu.user_id = u.id)
                        FROM api_token t
                        JOIN app_user u ON u.id = t.user_id
                        JOIN account a ON a.id = u.account_id
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
                          AND u.status = 'ACTIVE' AND a.status = 'ACTIVE'""", """
                        SELECT t.id, u.id, u.email, a.id, a.path, u.kind,
                               ARRAY(SELECT c.path FROM customer_user_customer cu
                                     JOIN account_tree c ON c.id = cu.customer_id WHERE cu.user_id = u.id)
                        FROM api_token t
                        JOIN app_user u ON u.id = t.user_id
                        JOIN account_tree a ON a.id = u.account_id
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
                          AND u.status = 'ACTIVE' AND a.status = 'ACTIVE'"""),
                new Pair("SIMs following their accounts (Assets.followAccounts)", """
                        UPDATE asset a SET state = 'SUSPENDED', updated_at = :now
                        FROM account c, subscription s
                        WHERE a.customer_id = ANY(:ids) AND c.id = a.customer_id AND s.id = a.subscription_id
                          AND a.state IN ('ACTIVE', 'SUSPENDED') AND c.status <> 'ACTIVE'""", """
                        UPDATE asset a SET state = 'SUSPENDED', updated_at = :now
                        FROM account_tree c, subscriptions_facts s
                        WHERE a.customer_id = ANY(:ids) AND c.id = a.customer_id AND s.id = a.subscription_id
                          AND a.state IN ('ACTIVE', 'SUSPENDED') AND c.status <> 'ACTIVE'"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void aQueryThroughTheOwnersViewsIsPlannedLikeTheQueryOnTheTables(Pair pair) throws SQLException {
        for (boolean seqScans : List.of(true, false)) {
            assertThat(plan(pair.after(), seqScans)).as("%s, sequential scans %s", pair.name(), seqScans)
                    .containsExactlyElementsOf(plan(pair.before(), seqScans));
        }
    }

    /** The plan's shape, depth first: node type, join type, relation and index of every node. */
    private List<String> plan(String sql, boolean seqScans) throws SQLException {
        Map<String, Object> params = Map.of("type", UUID.randomUUID(), "account", UUID.randomUUID(),
                "ids", new UUID[]{UUID.randomUUID(), UUID.randomUUID()}, "from", "0.1.", "to", "0.1.~",
                "hash", new byte[32], "now", Timestamp.from(Instant.now()));
        String explained;
        try (Connection connection = dataSource.getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("SET enable_seqscan = " + (seqScans ? "on" : "off")).update();
            try {
                explained = jdbc.sql("EXPLAIN (FORMAT JSON, COSTS OFF) " + sql).params(params)
                        .query((rs, n) -> rs.getString(1)).list().get(0);
            } finally {
                jdbc.sql("RESET enable_seqscan").update();
            }
        }
        List<String> shape = new ArrayList<>();
        walk(JSON.readTree(explained).get(0).get("Plan"), 0, shape);
        return shape;
    }

    private static void walk(JsonNode node, int depth, List<String> shape) {
        shape.add(depth + " " + node.path("Node Type").asString("") + " " + node.path("Join Type").asString("")
                + " " + node.path("Relation Name").asString("") + " " + node.path("Index Name").asString(""));
        for (JsonNode child : node.path("Plans")) {
            walk(child, depth + 1, shape);
        }
    }
}
