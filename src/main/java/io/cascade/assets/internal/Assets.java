package io.cascade.assets.internal;

import io.cascade.assets.api.AssetKind;
import io.cascade.assets.api.AssetState;
import io.cascade.assets.api.AssetView;
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
            id, kind, owner_id, iccid, imsi, msisdn, state, customer_id, subscription_id, created_at, updated_at,
            owner_path, customer_path, version""";
    static final RowMapper<AssetView> VIEW = (rs, n) -> new AssetView(rs.getObject("id", UUID.class),
            AssetKind.valueOf(rs.getString("kind")), rs.getObject("owner_id", UUID.class), rs.getString("iccid"),
            rs.getString("imsi"), rs.getString("msisdn"), AssetState.valueOf(rs.getString("state")),
            rs.getObject("customer_id", UUID.class), rs.getObject("subscription_id", UUID.class),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
            rs.getString("owner_path"), rs.getString("customer_path"), rs.getLong("version"));

    /** A row of {@code iccid, subscription_id, owner_path, customer_path} (usage ingestion reads it). */
    private static final RowMapper<Connected> CONNECTED = (rs, n) -> new Connected(rs.getString("iccid"),
            rs.getObject("subscription_id", UUID.class), rs.getString("owner_path"), rs.getString("customer_path"));

    private final JdbcClient jdbc;

    Assets(JdbcClient jdbc) {
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
    public record Connected(String iccid, UUID subscriptionId, String ownerPath, String customerPath) {
    }

    /** The connected SIMs among these ICCIDs, by ICCID. */
    public Map<String, Connected> connected(List<String> iccids) {
        Map<String, Connected> found = new HashMap<>();
        if (iccids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        SELECT iccid, subscription_id, owner_path, customer_path FROM asset
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
                        UPDATE asset SET state = :state, subscription_id = :subscription, version = version + 1,
                               updated_at = :now
                        WHERE customer_id = :customer AND state = 'ASSIGNED'""")
                .param("state", (active ? AssetState.ACTIVE : AssetState.SUSPENDED).name()).param("subscription", subscriptionId)
                .param("now", Timestamp.from(now)).param("customer", customerId).update();
    }

    /** The subscription's SIMs follow it: SUSPENDED or ACTIVE again. Answers how many changed. */
    public int setConnected(UUID subscriptionId, boolean active, Instant now) {
        return jdbc.sql("""
                        UPDATE asset SET state = :to, version = version + 1, updated_at = :now
                        WHERE subscription_id = :subscription AND state = :from""")
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
     * The SIMs of these customers follow their accounts: every connected SIM is ACTIVE exactly when its customer
     * and its subscription are both ACTIVE, otherwise SUSPENDED. Answers the SIMs that changed, with their state.
     */
    public List<Map.Entry<UUID, String>> followAccounts(List<UUID> customerIds, Instant now) {
        return jdbc.sql("""
                        UPDATE asset a SET state = CASE WHEN c.status = 'ACTIVE' AND s.status = 'ACTIVE'
                                                        THEN 'ACTIVE' ELSE 'SUSPENDED' END,
                               version = a.version + 1, updated_at = :now
                        FROM account_tree c, subscriptions_facts s
                        WHERE a.customer_id = ANY(:customers) AND c.id = a.customer_id AND s.id = a.subscription_id
                          AND a.state IN ('ACTIVE', 'SUSPENDED')
                          AND a.state <> CASE WHEN c.status = 'ACTIVE' AND s.status = 'ACTIVE'
                                              THEN 'ACTIVE' ELSE 'SUSPENDED' END
                        RETURNING a.customer_id, a.state""")
                .param("customers", customerIds.toArray(UUID[]::new)).param("now", Timestamp.from(now))
                .query((rs, n) -> Map.entry(rs.getObject("customer_id", UUID.class), rs.getString("state"))).list();
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

    /** Locks this subscription's SIM count for the rest of the transaction (serializes counting per subscription). */
    public void lockCount(UUID subscriptionId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(CAST(:id AS text), 4242011))")
                .param("id", subscriptionId.toString()).query(Object.class).single();
    }
}
