package io.cascade.assets.internal;

import io.cascade.assets.api.AssetKind;
import io.cascade.assets.api.AssetState;
import io.cascade.assets.api.AssetView;
import io.cascade.platform.api.MonthlyPartitions;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code asset} table: set-based SQL only, never a statement per SIM in a loop. */
@Repository
public class Assets {
    static final String COLUMNS = """
            id, kind, owner_id, iccid, imsi, msisdn, state, customer_id, subscription_id, simple_customer_id,
            created_at, updated_at, owner_path, customer_path, simple_customer_path, version""";
    static final RowMapper<AssetView> VIEW = (rs, n) -> new AssetView(rs.getObject("id", UUID.class),
            AssetKind.valueOf(rs.getString("kind")), rs.getObject("owner_id", UUID.class), rs.getString("iccid"),
            rs.getString("imsi"), rs.getString("msisdn"), AssetState.valueOf(rs.getString("state")),
            rs.getObject("customer_id", UUID.class), rs.getObject("subscription_id", UUID.class),
            rs.getObject("simple_customer_id", UUID.class),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
            rs.getString("owner_path"), rs.getString("customer_path"), rs.getString("simple_customer_path"),
            rs.getLong("version"));

    /** A row of {@code iccid, subscription_id, owner_path, customer_path, ...} (usage ingestion reads it). */
    private static final RowMapper<Connected> CONNECTED = (rs, n) -> new Connected(rs.getString("iccid"),
            rs.getObject("subscription_id", UUID.class), rs.getString("owner_path"), rs.getString("customer_path"),
            rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
            rs.getObject("simple_customer_id", UUID.class));

    /** The table of SIM usage records, partitioned by month like the usage module's (ADR 0046). */
    public static final String SIM_USAGE = "sim_usage";

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;

    Assets(JdbcClient jdbc, MonthlyPartitions partitions) {
        this.partitions = partitions;
        this.jdbc = jdbc;
    }

    public Optional<AssetView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM asset WHERE id = :id").param("id", id).query(VIEW).optional();
    }

    /** The owner's SIMs among these ids, locked for the rest of the transaction. */
    public List<AssetView> lockOwned(UUID ownerId, List<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM asset WHERE id = ANY(:ids) AND owner_id = :owner "
                        + "ORDER BY id FOR UPDATE")
                .param("ids", ids.toArray(UUID[]::new)).param("owner", ownerId).query(VIEW).list();
    }

    /** New SIMs in the owner's stock, in one statement; answers how many were written. */
    public int insert(UUID ownerId, String ownerPath, List<String> iccids, List<String> imsis, List<String> msisdns,
                      Instant now) {
        return jdbc.sql("""
                        INSERT INTO asset (id, kind, owner_id, owner_path, iccid, imsi, msisdn, state, created_at,
                                           updated_at)
                        SELECT gen_random_uuid(), 'SIM', :owner, :path, i.iccid, i.imsi, i.msisdn, 'IN_STOCK',
                               :now, :now
                        FROM unnest(CAST(:iccids AS text[]), CAST(:imsis AS text[]), CAST(:msisdns AS text[]))
                             AS i (iccid, imsi, msisdn)""")
                .param("owner", ownerId).param("path", ownerPath)
                .param("iccids", iccids.toArray(String[]::new)).param("imsis", imsis.toArray(String[]::new))
                .param("msisdns", msisdns.toArray(String[]::new)).param("now", Timestamp.from(now)).update();
    }

    public UUID insertOne(UUID ownerId, String ownerPath, String iccid, String imsi, String msisdn, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO asset (id, kind, owner_id, owner_path, iccid, imsi, msisdn, state, created_at,
                                           updated_at)
                        VALUES (:id, 'SIM', :owner, :path, :iccid, :imsi, :msisdn, 'IN_STOCK', :now, :now)""")
                .param("id", id).param("owner", ownerId).param("path", ownerPath).param("iccid", iccid)
                .param("imsi", imsi).param("msisdn", msisdn).param("now", Timestamp.from(now)).update();
        return id;
    }

    /** Which of these numbers are taken already, per column ({@code iccid}, {@code imsi}, {@code msisdn}). */
    public List<String> taken(String column, List<String> values) {
        if (!List.of("iccid", "imsi", "msisdn").contains(column) || values.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + column + " FROM asset WHERE " + column + " = ANY(CAST(:values AS text[]))")
                .param("values", values.toArray(String[]::new)).query(String.class).list();
    }

    /** One page of a search; {@code where} and its parameters come from {@link AssetSearch}. */
    public List<AssetView> search(String where, Map<String, Object> params, String afterIccid, int limit) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("after", afterIccid);
        all.put("limit", limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM asset WHERE " + where
                        + " AND (CAST(:after AS text) IS NULL OR iccid > :after) ORDER BY iccid LIMIT :limit")
                .params(all).query(VIEW).list();
    }

    public int transfer(List<UUID> ids, UUID fromId, UUID toId, String toPath, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET owner_id = :to, owner_path = :path, version = version + 1, updated_at = :now
                        WHERE id = ANY(:ids) AND owner_id = :from AND state = 'IN_STOCK'""")
                .param("to", toId).param("path", toPath).param("now", Timestamp.from(now))
                .param("ids", ids.toArray(UUID[]::new)).param("from", fromId).update();
    }

    public int assign(List<UUID> ids, UUID ownerId, UUID customerId, String customerPath, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = 'ASSIGNED', customer_id = :customer, customer_path = :path,
                               version = version + 1, updated_at = :now
                        WHERE id = ANY(:ids) AND owner_id = :owner AND state = 'IN_STOCK'""")
                .param("customer", customerId).param("path", customerPath).param("now", Timestamp.from(now))
                .param("ids", ids.toArray(UUID[]::new)).param("owner", ownerId).update();
    }

    /** Back into stock; answers the subscriptions whose SIM count changed. */
    public List<UUID> unassign(List<UUID> ids, UUID ownerId, Instant now) {
        return jdbc.sql("""
                        WITH taken AS (
                            SELECT id, subscription_id FROM asset
                            WHERE id = ANY(:ids) AND owner_id = :owner AND state IN ('ASSIGNED', 'ACTIVE', 'SUSPENDED')
                            FOR UPDATE),
                        done AS (
                            UPDATE asset a SET state = 'IN_STOCK', customer_id = NULL, customer_path = NULL,
                                   simple_customer_id = NULL, simple_customer_path = NULL,
                                   subscription_id = NULL, version = a.version + 1, updated_at = :now
                            FROM taken WHERE a.id = taken.id)
                        SELECT DISTINCT subscription_id FROM taken WHERE subscription_id IS NOT NULL""")
                .param("ids", ids.toArray(UUID[]::new)).param("owner", ownerId).param("now", Timestamp.from(now))
                .query(UUID.class).list();
    }

    public boolean retire(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = 'RETIRED', version = version + 1, updated_at = :now
                        WHERE id = :id AND state = 'IN_STOCK'""")
                .param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Retires the owner's SIMs in stock among these ids; answers how many. */
    public int retireAll(List<UUID> ids, UUID ownerId, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = 'RETIRED', version = version + 1, updated_at = :now
                        WHERE id = ANY(:ids) AND owner_id = :owner AND state = 'IN_STOCK'""")
                .param("ids", ids.toArray(UUID[]::new)).param("owner", ownerId).param("now", Timestamp.from(now))
                .update();
    }

    /** A SIM connected to a subscription, as usage reporting needs it. */
    public record Connected(String iccid, UUID subscriptionId, String ownerPath, String customerPath, UUID id,
                            UUID customerId, UUID simpleCustomerId) {
    }

    /** The connected SIMs among these ICCIDs, by ICCID. */
    public Map<String, Connected> connected(List<String> iccids) {
        Map<String, Connected> found = new HashMap<>();
        if (iccids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        SELECT iccid, subscription_id, owner_path, customer_path, id, customer_id, simple_customer_id
                        FROM asset
                        WHERE iccid = ANY(CAST(:iccids AS text[])) AND subscription_id IS NOT NULL""")
                .param("iccids", iccids.toArray(String[]::new))
                .query(CONNECTED)
                .list()
                .forEach(sim -> found.put(sim.iccid(), sim));
        return found;
    }

    // ------------------------------------------------------------------------------------------- the lifecycle

    /**
     * Connects the customer's ASSIGNED SIMs to the subscription: ACTIVE, or SUSPENDED when the subscription or the
     * customer is not active at this moment. Answers how many.
     */
    public int connect(UUID customerId, UUID subscriptionId, boolean active, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = CASE WHEN :active AND (simple_customer_id IS NULL OR EXISTS (
                                                SELECT 1 FROM account_tree t
                                                WHERE t.id = asset.simple_customer_id AND t.status = 'ACTIVE'))
                                           THEN 'ACTIVE' ELSE 'SUSPENDED' END,
                               subscription_id = :subscription, version = version + 1, updated_at = :now
                        WHERE customer_id = :customer AND state = 'ASSIGNED'""")
                .param("active", active).param("subscription", subscriptionId)
                .param("now", Timestamp.from(now)).param("customer", customerId).update();
    }

    /** The subscription's SIMs follow it: SUSPENDED or ACTIVE again. Answers how many changed. */
    public int setConnected(UUID subscriptionId, boolean active, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = :to, version = version + 1, updated_at = :now
                        WHERE subscription_id = :subscription AND state = :from
                          AND (:to = 'SUSPENDED' OR simple_customer_id IS NULL OR EXISTS (
                               SELECT 1 FROM account_tree t
                               WHERE t.id = asset.simple_customer_id AND t.status = 'ACTIVE'))""")
                .param("to", (active ? AssetState.ACTIVE : AssetState.SUSPENDED).name())
                .param("from", (active ? AssetState.SUSPENDED : AssetState.ACTIVE).name())
                .param("subscription", subscriptionId).param("now", Timestamp.from(now)).update();
    }

    /** The subscription ended: its SIMs stay with their customers, without connectivity. */
    public int disconnect(UUID subscriptionId, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = 'ASSIGNED', subscription_id = NULL, version = version + 1,
                               updated_at = :now
                        WHERE subscription_id = :subscription AND state IN ('ACTIVE', 'SUSPENDED')""")
                .param("subscription", subscriptionId).param("now", Timestamp.from(now)).update();
    }

    /** How many SIMs count against the subscription. */
    public long counted(UUID subscriptionId) {
        return jdbc.sql("SELECT count(*) FROM asset WHERE subscription_id = :subscription AND state IN ('ACTIVE', "
                        + "'SUSPENDED')")
                .param("subscription", subscriptionId).query(Long.class).single();
    }

    /**
     * The SIMs of these customers (or held by these simple customers) follow their accounts: every connected SIM is
     * ACTIVE exactly when its customer, its simple customer (if any) and its subscription are all ACTIVE, otherwise
     * SUSPENDED. Answers the SIMs that changed, by the account they serve (the simple customer, if any), with their
     * state.
     */
    public List<Map.Entry<UUID, String>> followAccounts(List<UUID> customerIds, Instant now) {
        return jdbc.sql("""
                        WITH target AS (
                            SELECT x.id, CASE WHEN c.status = 'ACTIVE' AND s.status = 'ACTIVE'
                                                   AND COALESCE(sc.status, 'ACTIVE') = 'ACTIVE'
                                              THEN 'ACTIVE' ELSE 'SUSPENDED' END AS state
                            FROM asset x
                            JOIN account_tree c ON c.id = x.customer_id
                            JOIN subscriptions_facts s ON s.id = x.subscription_id
                            LEFT JOIN account_tree sc ON sc.id = x.simple_customer_id
                            WHERE (x.customer_id = ANY(:customers) OR x.simple_customer_id = ANY(:customers))
                              AND x.state IN ('ACTIVE', 'SUSPENDED'))
                        UPDATE asset a SET state = target.state, version = a.version + 1, updated_at = :now
                        FROM target
                        WHERE a.id = target.id AND a.state <> target.state
                        RETURNING COALESCE(a.simple_customer_id, a.customer_id) AS account_id, a.state""")
                .param("customers", customerIds.toArray(UUID[]::new)).param("now", Timestamp.from(now))
                .query((rs, n) -> Map.entry(rs.getObject("account_id", UUID.class), rs.getString("state"))).list();
    }

    /** SIMs of these customers whose subscription was cancelled stay with them, without connectivity. */
    public int disconnectCancelled(List<UUID> customerIds, Instant now) {
        return jdbc.sql("""
                        UPDATE asset a SET state = 'ASSIGNED', subscription_id = NULL, version = a.version + 1,
                               updated_at = :now
                        FROM subscriptions_facts s
                        WHERE a.customer_id = ANY(:customers) AND s.id = a.subscription_id AND s.status = 'CANCELLED'""")
                .param("customers", customerIds.toArray(UUID[]::new)).param("now", Timestamp.from(now)).update();
    }

    /** Those of these customers that have SIMs assigned but not connected. */
    public List<UUID> customersWithAssigned(List<UUID> customerIds) {
        return jdbc.sql("""
                        SELECT DISTINCT customer_id FROM asset
                        WHERE customer_id = ANY(:customers) AND state = 'ASSIGNED'""")
                .param("customers", customerIds.toArray(UUID[]::new)).query(UUID.class).list();
    }

    // ------------------------------------------------------------------------- simple customers (ADR 0037)

    /** The SIMs among these ids assigned to the customer, locked for the rest of the transaction. */
    public List<AssetView> lockAssignedTo(UUID customerId, List<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM asset WHERE id = ANY(:ids) AND customer_id = :customer "
                        + "ORDER BY id FOR UPDATE")
                .param("ids", ids.toArray(UUID[]::new)).param("customer", customerId).query(VIEW).list();
    }

    /** The customer's SIMs go to (or, with a null simple customer, come back from) one of its simple customers. */
    public int hold(List<UUID> ids, UUID customerId, UUID simpleCustomerId, String simpleCustomerPath, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET simple_customer_id = :simple, simple_customer_path = :path,
                               version = version + 1, updated_at = :now
                        WHERE id = ANY(:ids) AND customer_id = :customer
                          AND simple_customer_id IS DISTINCT FROM CAST(:simple AS uuid)""")
                .param("simple", simpleCustomerId).param("path", simpleCustomerPath)
                .param("now", Timestamp.from(now)).param("ids", ids.toArray(UUID[]::new))
                .param("customer", customerId).update();
    }

    /** The customer's SIMs per simple customer holding them (null: held by none), those not retired. */
    public Map<UUID, Long> heldBy(UUID customerId) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT simple_customer_id, count(*) AS sims FROM asset
                        WHERE customer_id = :customer GROUP BY simple_customer_id""")
                .param("customer", customerId)
                .query(rs -> {
                    counts.put(rs.getObject("simple_customer_id", UUID.class), rs.getLong("sims"));
                });
        return counts;
    }

    /** A data usage record of a SIM, with whom the SIM served when it was recorded. */
    public record SimUsageRow(UUID subscriptionId, String recordId, UUID assetId, UUID customerId,
                              UUID simpleCustomerId, java.math.BigDecimal quantity, Instant at) {
    }

    /**
     * Keeps the records (one statement; a record seen before for the subscription and submitter, with a time in the
     * same month, is skipped, as the usage module skips it).
     */
    public void recordUsage(UUID submitterId, List<SimUsageRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        partitions.ensure(SIM_USAGE, rows.stream().map(r -> MonthlyPartitions.monthOf(
                r.at().atOffset(java.time.ZoneOffset.UTC).toLocalDate())).distinct().toList());
        jdbc.sql("""
                        INSERT INTO sim_usage (subscription_id, submitter_id, record_id, asset_id, customer_id,
                                               simple_customer_id, quantity, occurred_at, month)
                        SELECT s, :submitter, r, a, c, sc, q, t, CAST(date_trunc('month', t AT TIME ZONE 'UTC') AS date)
                        FROM unnest(CAST(:subscriptions AS uuid[]), CAST(:records AS text[]), CAST(:assets AS uuid[]),
                                    CAST(:customers AS uuid[]), CAST(:simple AS uuid[]),
                                    CAST(:quantities AS numeric[]), CAST(:at AS timestamptz[]))
                             AS u(s, r, a, c, sc, q, t)
                        ORDER BY s, r
                        ON CONFLICT (subscription_id, submitter_id, record_id, month) DO NOTHING""")
                .param("submitter", submitterId)
                .param("subscriptions", rows.stream().map(SimUsageRow::subscriptionId).toArray(UUID[]::new))
                .param("records", rows.stream().map(SimUsageRow::recordId).toArray(String[]::new))
                .param("assets", rows.stream().map(SimUsageRow::assetId).toArray(UUID[]::new))
                .param("customers", rows.stream().map(SimUsageRow::customerId).toArray(UUID[]::new))
                .param("simple", rows.stream().map(SimUsageRow::simpleCustomerId).toArray(UUID[]::new))
                .param("quantities", rows.stream().map(SimUsageRow::quantity).toArray(java.math.BigDecimal[]::new))
                .param("at", rows.stream().map(r -> Timestamp.from(r.at())).toArray(Timestamp[]::new))
                .update();
    }

    /** The customer's SIM data usage in [from, to) per simple customer (null: SIMs held by none). */
    public Map<UUID, java.math.BigDecimal> usageBySimpleCustomer(UUID customerId, Instant from, Instant to) {
        Map<UUID, java.math.BigDecimal> totals = new HashMap<>();
        jdbc.sql("""
                        SELECT simple_customer_id, sum(quantity) AS quantity FROM sim_usage
                        WHERE customer_id = :customer AND occurred_at >= :from AND occurred_at < :to
                        GROUP BY simple_customer_id""")
                .param("customer", customerId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    totals.put(rs.getObject("simple_customer_id", UUID.class), rs.getBigDecimal("quantity"));
                });
        return totals;
    }
}
