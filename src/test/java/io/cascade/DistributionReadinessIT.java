package io.cascade;

import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema stays ready for Citus, sharded by the first-level subtree (ADR 0020): every table of the migrated
 * database is classified, every distributed table has a NOT NULL owner column from which its tenant is derived, and
 * foreign keys only go the ways Citus allows. A new table must be added here, with its class, by whoever adds it.
 */
class DistributionReadinessIT extends IntegrationTest {
    enum Placement { DISTRIBUTED, REFERENCE, LOCAL }

    record Table(Placement placement, String ownerColumn) {
        static Table distributed(String ownerColumn) {
            return new Table(Placement.DISTRIBUTED, ownerColumn);
        }

        static final Table REFERENCE = new Table(Placement.REFERENCE, null);
        static final Table LOCAL = new Table(Placement.LOCAL, null);
    }

    /** Every table, as ADR 0020 places it. */
    static final Map<String, Table> TABLES = Map.ofEntries(
            // the account tree, the catalog and rarely written settings: copied to every node
            Map.entry("account", Table.REFERENCE),
            // read along every account's path on hot request paths (ADR 0038)
            Map.entry("licence", Table.REFERENCE),
            Map.entry("platform_settings", Table.REFERENCE),
            Map.entry("role", Table.REFERENCE),
            Map.entry("service", Table.REFERENCE),
            Map.entry("resource_type", Table.REFERENCE),
            Map.entry("plan", Table.REFERENCE),
            Map.entry("plan_resource", Table.REFERENCE),
            Map.entry("plan_price", Table.REFERENCE),
            Map.entry("offering", Table.REFERENCE),
            Map.entry("plan_addon", Table.REFERENCE),
            Map.entry("tax_rate", Table.REFERENCE),
            Map.entry("billing_run", Table.REFERENCE),
            Map.entry("dunning_policy", Table.REFERENCE),
            Map.entry("dunning_policy_step", Table.REFERENCE),
            Map.entry("brand", Table.REFERENCE),
            Map.entry("panel_host", Table.REFERENCE),
            Map.entry("brand_setting", Table.REFERENCE),
            Map.entry("brand_policy", Table.REFERENCE),
            Map.entry("storefront", Table.REFERENCE),
            Map.entry("service_node", Table.REFERENCE),
            // a tenant's rows: on the node of its first-level subtree
            Map.entry("app_user", Table.distributed("account_id")),
            Map.entry("user_role", Table.distributed("user_id")),
            Map.entry("api_token", Table.distributed("user_id")),
            Map.entry("invitation", Table.distributed("user_id")),
            Map.entry("password_reset", Table.distributed("user_id")),
            Map.entry("customer_user_customer", Table.distributed("user_id")),
            Map.entry("audit_event", Table.distributed("target_account_id")),
            Map.entry("subscription", Table.distributed("account_id")),
            Map.entry("subscription_resource", Table.distributed("subscription_id")),
            Map.entry("subscription_change", Table.distributed("subscription_id")),
            Map.entry("subscription_terms", Table.distributed("subscription_id")),
            Map.entry("subscription_addon", Table.distributed("subscription_id")),
            Map.entry("usage_record", Table.distributed("subscription_id")),
            Map.entry("usage_daily", Table.distributed("subscription_id")),
            Map.entry("usage_limit_notice", Table.distributed("subscription_id")),
            Map.entry("subscription_limit_stop", Table.distributed("subscription_id")),
            Map.entry("provisioning_task", Table.distributed("account_id")),
            Map.entry("mailbox", Table.distributed("account_id")),
            Map.entry("mailbox_alias", Table.distributed("account_id")),
            Map.entry("mail_route", Table.distributed("account_id")),
            Map.entry("mail_limit_stop", Table.distributed("account_id")),
            Map.entry("asset", Table.distributed("owner_id")),
            Map.entry("sim_import", Table.distributed("owner_id")),
            Map.entry("sim_usage", Table.distributed("subscription_id")),
            Map.entry("billing_issuer", Table.distributed("issuer_id")),
            Map.entry("invoice", Table.distributed("buyer_id")),
            Map.entry("invoice_line", Table.distributed("invoice_id")),
            Map.entry("payment", Table.distributed("buyer_id")),
            Map.entry("payment_allocation", Table.distributed("buyer_id")),
            Map.entry("credit_refund", Table.distributed("buyer_id")),
            Map.entry("invoice_write_off", Table.distributed("buyer_id")),
            Map.entry("buyer_balance", Table.distributed("buyer_id")),
            Map.entry("payment_return", Table.distributed("buyer_id")),
            Map.entry("direct_debit_creditor", Table.distributed("issuer_id")),
            Map.entry("direct_debit_mandate", Table.distributed("buyer_id")),
            Map.entry("direct_debit_collection", Table.distributed("issuer_id")),
            Map.entry("direct_debit_collection_item", Table.distributed("buyer_id")),
            Map.entry("commission_statement", Table.distributed("reseller_id")),
            Map.entry("dunning_episode", Table.distributed("buyer_id")),
            Map.entry("dunning_step", Table.distributed("buyer_id")),
            Map.entry("mail_template_override", Table.distributed("issuer_id")),
            Map.entry("mail_sender", Table.distributed("account_id")),
            Map.entry("webhook_endpoint", Table.distributed("account_id")),
            Map.entry("payment_gateway", Table.distributed("account_id")),
            Map.entry("online_checkout", Table.distributed("buyer_id")),
            Map.entry("online_payment_callback", Table.distributed("issuer_id")),
            Map.entry("bank_statement", Table.distributed("issuer_id")),
            Map.entry("bank_statement_entry", Table.distributed("issuer_id")),
            Map.entry("storefront_application", Table.distributed("vendor_id")),
            // the platform's own: on the coordinator
            Map.entry("billing_run_chunk", Table.LOCAL),
            Map.entry("billing_run_failure", Table.LOCAL),
            Map.entry("idempotency_record", Table.LOCAL),
            Map.entry("login_throttle", Table.LOCAL),
            Map.entry("storefront_throttle", Table.LOCAL),
            Map.entry("storefront_form_nonce", Table.LOCAL),
            // where resources are and the nodes' health: summed and probed across every tenant, in one place
            Map.entry("node_placement", Table.LOCAL),
            Map.entry("node_probe", Table.LOCAL),
            // counts kept per ancestor, summed across every tenant below it (ADR 0044)
            Map.entry("account_subtree_count", Table.LOCAL),
            Map.entry("subscription_subtree_count", Table.LOCAL),
            Map.entry("invoice_revenue", Table.LOCAL),
            Map.entry("spring_session", Table.LOCAL),
            Map.entry("spring_session_attributes", Table.LOCAL),
            Map.entry("flyway_schema_history", Table.LOCAL),
            Map.entry("scheduled_tasks", Table.LOCAL),
            Map.entry("event_publication", Table.LOCAL),
            Map.entry("event_publication_archive", Table.LOCAL),
            // a queue every node claims from: one place, no cross-node claims
            Map.entry("outbox_message", Table.LOCAL));

    @Autowired
    private JdbcClient jdbc;

    private Set<String> tables;

    @BeforeEach
    void readSchema() {
        tables = new TreeSet<>(jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition""")
                .query(String.class).list());
    }

    @Test
    void everyTableIsPlaced() {
        assertThat(tables).as("tables without a placement in ADR 0020 (add them to TABLES)")
                .allSatisfy(table -> assertThat(TABLES).containsKey(table));
    }

    @Test
    void everyDistributedTableHasANotNullOwnerColumn() {
        List<String> missing = new ArrayList<>();
        TABLES.forEach((table, placement) -> {
            if (placement.placement() != Placement.DISTRIBUTED || !tables.contains(table)) {
                return;
            }
            Boolean notNull = jdbc.sql("""
                            SELECT a.attnotnull FROM pg_attribute a
                            WHERE a.attrelid = to_regclass(:table) AND a.attname = :column AND NOT a.attisdropped""")
                    .param("table", table).param("column", placement.ownerColumn())
                    .query(Boolean.class).optional().orElse(null);
            if (!Boolean.TRUE.equals(notNull)) {
                missing.add(table + "." + placement.ownerColumn() + (notNull == null ? " does not exist" : " is nullable"));
            }
        });
        assertThat(missing).as("owner columns of distributed tables").isEmpty();
    }

    @Test
    void foreignKeysGoOnlyTheWaysCitusAllows() {
        record ForeignKey(String name, String from, String to) {
        }
        List<ForeignKey> keys = jdbc.sql("""
                        SELECT con.conname, src.relname AS from_table, dst.relname AS to_table
                        FROM pg_constraint con
                        JOIN pg_class src ON src.oid = con.conrelid
                        JOIN pg_class dst ON dst.oid = con.confrelid
                        JOIN pg_namespace n ON n.oid = src.relnamespace
                        WHERE con.contype = 'f' AND n.nspname = current_schema()""")
                .query((rs, n) -> new ForeignKey(rs.getString("conname"), rs.getString("from_table"),
                        rs.getString("to_table")))
                .list();
        assertThat(keys).as("the schema has foreign keys to check").isNotEmpty();
        List<String> forbidden = new ArrayList<>();
        for (ForeignKey key : keys) {
            Placement from = placement(key.from());
            Placement to = placement(key.to());
            if (!allowed(from, to)) {
                forbidden.add(key.name() + ": " + key.from() + " (" + from + ") -> " + key.to() + " (" + to + ")");
            }
        }
        assertThat(forbidden).as("foreign keys Citus would refuse").isEmpty();
    }

    @Test
    void theRulesAreCitussRules() {
        assertThat(allowed(Placement.REFERENCE, Placement.DISTRIBUTED)).isFalse();
        assertThat(allowed(Placement.REFERENCE, Placement.LOCAL)).isFalse();
        assertThat(allowed(Placement.LOCAL, Placement.DISTRIBUTED)).isFalse();
        assertThat(allowed(Placement.DISTRIBUTED, Placement.LOCAL)).isFalse();
        assertThat(allowed(Placement.DISTRIBUTED, Placement.DISTRIBUTED)).isTrue();
        assertThat(allowed(Placement.DISTRIBUTED, Placement.REFERENCE)).isTrue();
        assertThat(allowed(Placement.LOCAL, Placement.REFERENCE)).isTrue();
        assertThat(allowed(Placement.REFERENCE, Placement.REFERENCE)).isTrue();
    }

    /** Citus's rule for a foreign key between tables of these placements. */
    static boolean allowed(Placement from, Placement to) {
        return switch (from) {
            case REFERENCE -> to == Placement.REFERENCE;
            case LOCAL -> to != Placement.DISTRIBUTED;
            case DISTRIBUTED -> to != Placement.LOCAL;
        };
    }

    private static Placement placement(String table) {
        Table placed = TABLES.get(table);
        assertThat(placed).as("placement of %s", table).isNotNull();
        return placed.placement();
    }
}
