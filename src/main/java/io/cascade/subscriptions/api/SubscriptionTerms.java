package io.cascade.subscriptions.api;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The subscriptions' terms history, read in bulk: what plan, quantities and status applied from which day — written
 * on every create, change, suspension, resumption, cancellation and scheduled change, and for a reseller's holding
 * whenever its subtree orders more or less. This is what billing reads; it never reads the subscription tables.
 */
@Component
public class SubscriptionTerms {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    SubscriptionTerms(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One record of the history: these terms apply from {@code effectiveFrom} until the next record's day.
     * {@code addons}: the quantity of each add-on of the plan held (by add-on id, ADR 0036).
     */
    public record Terms(long id, LocalDate effectiveFrom, UUID planId, SubscriptionStatus status,
                        Map<UUID, BigDecimal> quantities, Map<UUID, BigDecimal> addons) {

        /** Terms without add-ons. */
        public Terms(long id, LocalDate effectiveFrom, UUID planId, SubscriptionStatus status,
                     Map<UUID, BigDecimal> quantities) {
            this(id, effectiveFrom, planId, status, quantities, Map.of());
        }

        public boolean charged() {
            return status != SubscriptionStatus.CANCELLED;
        }
    }

    /**
     * A subscription with its history in effective order. {@code cancelAt}: a cancellation already scheduled (it will
     * apply from that day).
     */
    public record History(UUID id, UUID accountId, String accountPath, UUID vendorId, Purpose purpose,
                          LocalDate startDate, LocalDate cancelAt, List<Terms> terms) {
    }

    /** A reseller's holding: its wholesale subscription and the plan it holds resources through. */
    public record Holding(UUID resellerId, UUID subscriptionId, UUID planId, LocalDate startDate) {
    }

    /**
     * The accounts that have a subscription still live, or cancelled on or after {@code cancelledSince}: the buyers a
     * billing run has to look at. They come in the order of their paths, so that the buyers of one chunk of a run are
     * siblings and cousins: a chunk of a thousand buyers then has a few sellers, whose invoice counters it locks until
     * it commits, where buyers in random order gave every chunk hundreds of sellers and every other chunk running beside
     * it waited on them (docs/benchmarks.md, P4); and the accounts a chunk reads (buyers and their ancestors) are few and
     * neighbouring.
     */
    public List<UUID> buyers(LocalDate cancelledSince) {
        return jdbc.sql("""
                        SELECT account_id FROM subscription
                        WHERE status <> 'CANCELLED' OR cancelled_on >= :since
                        GROUP BY account_path, account_id ORDER BY account_path, account_id""")
                .param("since", Date.valueOf(cancelledSince)).query(UUID.class).list();
    }

    /**
     * The histories of every subscription of these accounts (live or cancelled on or after cancelledSince), at once.
     * One index probe per account (the lateral join): with {@code account_id = ANY(ids)} the planner scans the
     * whole subscription table in parallel for a thousand accounts once the table is small enough, a full scan per
     * chunk of a billing run.
     */
    public List<History> ofAccounts(Collection<UUID> accountIds, LocalDate cancelledSince) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, History> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT s.id AS subscription_id, s.account_id, s.account_path, s.vendor_id, s.purpose,
                               s.start_date, s.cancel_at, t.id AS terms_id, t.effective_from, t.plan_id, t.status,
                               t.quantities::text AS quantities, t.addons::text AS addons
                        FROM unnest(CAST(:ids AS uuid[])) AS a(id)
                        CROSS JOIN LATERAL (SELECT * FROM subscription s
                                            WHERE s.account_id = a.id
                                              AND (s.status <> 'CANCELLED' OR s.cancelled_on >= :since)) s
                        JOIN subscription_terms t ON t.subscription_id = s.id AND NOT t.superseded
                        ORDER BY s.account_id, s.id, t.effective_from, t.id""")
                .param("ids", accountIds.toArray(UUID[]::new)).param("since", Date.valueOf(cancelledSince))
                .query(rs -> {
                    UUID id = rs.getObject("subscription_id", UUID.class);
                    History h = result.get(id);
                    if (h == null) {
                        Date cancelAt = rs.getDate("cancel_at");
                        h = new History(id, rs.getObject("account_id", UUID.class), rs.getString("account_path"),
                                rs.getObject("vendor_id", UUID.class), Purpose.valueOf(rs.getString("purpose")),
                                rs.getDate("start_date").toLocalDate(),
                                cancelAt == null ? null : cancelAt.toLocalDate(), new ArrayList<>());
                        result.put(id, h);
                    }
                    h.terms().add(new Terms(rs.getLong("terms_id"), rs.getDate("effective_from").toLocalDate(),
                            rs.getObject("plan_id", UUID.class), SubscriptionStatus.valueOf(rs.getString("status")),
                            quantities(rs.getString("quantities")), quantities(rs.getString("addons"))));
                });
        return List.copyOf(result.values());
    }

    /** The live holdings of these resellers, earliest first (the order in which they source resources). */
    public List<Holding> holdingsOf(Collection<UUID> resellerIds) {
        if (resellerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT account_id AS reseller_id, id AS subscription_id, plan_id, start_date FROM subscription
                        WHERE account_id = ANY(:ids) AND purpose = 'RESALE' AND status <> 'CANCELLED'
                        ORDER BY account_id, start_date, created_at, id""")
                .param("ids", resellerIds.toArray(UUID[]::new))
                .query((rs, n) -> new Holding(rs.getObject("reseller_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getObject("plan_id", UUID.class),
                        rs.getDate("start_date").toLocalDate()))
                .list();
    }

    private Map<UUID, BigDecimal> quantities(String text) {
        Map<UUID, BigDecimal> result = new HashMap<>();
        JsonNode node = json.readTree(text);
        for (var entry : node.properties()) {
            result.put(UUID.fromString(entry.getKey()), new BigDecimal(entry.getValue().asString()));
        }
        return result;
    }
}
