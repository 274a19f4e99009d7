package io.cascade.usage.internal;

import io.cascade.accounts.api.Subtree;
import io.cascade.platform.api.MonthlyPartitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * usage_record and usage_daily. A batch is written with two set-based statements: the records (duplicates skipped
 * by the primary key: subscription, submitter, record id, month of the record's time) and the daily totals of exactly
 * the records that were new. usage_record has one partition per month (ADR 0046).
 */
@Repository
public class UsageStore {
    /** The table of raw records, partitioned by month. */
    public static final String RECORDS = "usage_record";

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;

    UsageStore(JdbcClient jdbc, MonthlyPartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    public record Good(UUID subscriptionId, String recordId, UUID resourceTypeId, BigDecimal quantity, Instant at) {
    }

    /**
     * What a subscription may meter: its account path, status, cancellation day, its plan's resource types by code
     * and the codes of those that are metered (usage is accepted on these only).
     */
    public record Meterable(UUID id, UUID accountId, String accountPath, String status, LocalDate cancelledOn,
                            Map<String, UUID> resourceTypes, Set<String> metered, Map<UUID, Limit> limits) {

        /** The code of one of its resource types. */
        public String code(UUID resourceTypeId) {
            return resourceTypes.entrySet().stream().filter(e -> e.getValue().equals(resourceTypeId))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
        }
    }

    /** A metered resource type's limit in a plan: HARD (reaching it stops the resource) or SOFT. */
    public record Limit(boolean hard, BigDecimal quantity) {
    }

    /**
     * A month's usage of one resource type of one subscription against one limit ({@code month}: its first day,
     * UTC); a different limit of the same month (after a plan change) is a different key.
     */
    public record LimitKey(UUID subscriptionId, UUID resourceTypeId, LocalDate month, boolean hard, BigDecimal limit) {
    }

    /** The month's usage of a key and the thresholds (80, 100) already given for it. */
    public record LimitState(LimitKey key, BigDecimal used, Set<Integer> given) {
    }

    /** A threshold of a key to record as given, with the usage that crossed it. */
    public record Notice(LimitKey key, int threshold, BigDecimal used) {
    }

    /**
     * The batch's subscriptions with their plans' resources, in one statement. Each subscription's plan resources are
     * read by the plan's key (a lateral subquery; {@code OFFSET 0} keeps the planner from turning it back into a join
     * that hashes every plan resource of the catalog): the work grows with the batch, not with the catalog (P8 in
     * docs/benchmarks.md: 19,520 plan resources hashed per batch at a million accounts).
     */
    public Map<UUID, Meterable> meterable(List<UUID> subscriptionIds) {
        Map<UUID, Meterable> result = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT s.id, s.account_id, s.account_path, s.status, s.cancelled_on,
                               r.code AS resource_type_code, r.id AS resource_type_id, r.metered,
                               pr.limit_type, pr.limit_quantity
                        FROM subscriptions_facts s
                        CROSS JOIN LATERAL (SELECT p.resource_type_id, p.limit_type, p.limit_quantity
                                            FROM catalog_plan_resources p WHERE p.plan_id = s.plan_id
                                            OFFSET 0) pr
                        JOIN catalog_resource_types r ON r.id = pr.resource_type_id
                        WHERE s.id = ANY(:ids)""")
                .param("ids", subscriptionIds.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Meterable m = result.computeIfAbsent(id, k -> {
                        try {
                            Date cancelled = rs.getDate("cancelled_on");
                            return new Meterable(id, rs.getObject("account_id", UUID.class),
                                    rs.getString("account_path"), rs.getString("status"),
                                    cancelled == null ? null : cancelled.toLocalDate(), new HashMap<>(),
                                    new HashSet<>(), new HashMap<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    m.resourceTypes().put(rs.getString("resource_type_code"),
                            rs.getObject("resource_type_id", UUID.class));
                    if (rs.getBoolean("metered")) {
                        m.metered().add(rs.getString("resource_type_code"));
                        BigDecimal limit = rs.getBigDecimal("limit_quantity");
                        if (limit != null) {
                            m.limits().put(rs.getObject("resource_type_id", UUID.class),
                                    new Limit("HARD".equals(rs.getString("limit_type")), limit));
                        }
                    }
                });
        return result;
    }

    /**
     * Stores the records the account {@code submitter} reported; answers how many were new (a record id this
     * submitter reported before for the subscription, with a time in the same month, is a duplicate; another
     * submitter's is not). The months' partitions are made sure of first. Daily totals grow
     * by exactly the new ones. One statement and one
     * round trip whatever the batch size: the records are inserted (duplicates skipped by the primary key) and the
     * rows that were new are summed into the daily totals inside the database. Both inserts take their rows in key
     * order, so that two batches touching the same keys lock them in the same order.
     */
    public int store(List<Good> records, UUID submitter, Instant now) {
        if (records.isEmpty()) {
            return 0;
        }
        int n = records.size();
        UUID[] subscriptions = new UUID[n];
        String[] ids = new String[n];
        UUID[] types = new UUID[n];
        BigDecimal[] quantities = new BigDecimal[n];
        Timestamp[] at = new Timestamp[n];
        Set<LocalDate> months = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Good g = records.get(i);
            subscriptions[i] = g.subscriptionId();
            ids[i] = g.recordId();
            types[i] = g.resourceTypeId();
            quantities[i] = g.quantity();
            at[i] = Timestamp.from(g.at());
            months.add(MonthlyPartitions.monthOf(g.at().atOffset(ZoneOffset.UTC).toLocalDate()));
        }
        partitions.ensure(RECORDS, months);
        return jdbc.sql("""
                        WITH new_records AS (
                            INSERT INTO usage_record (subscription_id, submitter_id, record_id, resource_type_id,
                                                      quantity, occurred_at, received_at, month)
                            SELECT s, :submitter, r, t, q, a, :now,
                                   CAST(date_trunc('month', a AT TIME ZONE 'UTC') AS date)
                            FROM unnest(CAST(:subscriptions AS uuid[]), CAST(:ids AS text[]),
                                        CAST(:types AS uuid[]), CAST(:quantities AS numeric[]),
                                        CAST(:at AS timestamptz[])) AS u(s, r, t, q, a)
                            ORDER BY s, r
                            ON CONFLICT (subscription_id, submitter_id, record_id, month) DO NOTHING
                            RETURNING subscription_id, resource_type_id, quantity, occurred_at
                        ), daily AS (
                            INSERT INTO usage_daily (subscription_id, resource_type_id, day, quantity, records)
                            SELECT subscription_id, resource_type_id, (occurred_at AT TIME ZONE 'UTC')::date,
                                   sum(quantity), count(*)
                            FROM new_records
                            GROUP BY 1, 2, 3
                            ORDER BY 1, 2, 3
                            ON CONFLICT (subscription_id, resource_type_id, day) DO UPDATE
                              SET quantity = usage_daily.quantity + EXCLUDED.quantity,
                                  records = usage_daily.records + EXCLUDED.records
                        )
                        SELECT count(*) FROM new_records""")
                .param("subscriptions", subscriptions).param("ids", ids).param("types", types)
                .param("quantities", quantities).param("at", at).param("now", Timestamp.from(now))
                .param("submitter", submitter)
                .query(Integer.class).single();
    }

    /**
     * The months' usage of these keys (zero where nothing was recorded yet) and the thresholds already given for each:
     * one statement for the whole batch.
     */
    public List<LimitState> limitStates(Set<LimitKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<LimitKey> list = List.copyOf(keys);
        Map<Integer, LimitKey> byIndex = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            byIndex.put(i + 1, list.get(i));
        }
        return jdbc.sql("""
                        SELECT k.i,
                               (SELECT coalesce(sum(d.quantity), 0) FROM usage_daily d
                                WHERE d.subscription_id = k.s AND d.resource_type_id = k.t
                                  AND d.day >= k.m AND d.day < CAST(k.m + interval '1 month' AS date)) AS used,
                               (SELECT string_agg(CAST(n.threshold AS text), ',') FROM usage_limit_notice n
                                WHERE n.subscription_id = k.s AND n.resource_type_id = k.t AND n.period = k.m
                                  AND n.limit_type = k.lt AND n.limit_quantity = k.lq) AS given
                        FROM unnest(CAST(:subscriptions AS uuid[]), CAST(:types AS uuid[]), CAST(:months AS date[]),
                                    CAST(:limitTypes AS text[]), CAST(:limits AS numeric[]))
                             WITH ORDINALITY AS k(s, t, m, lt, lq, i)""")
                .param("subscriptions", list.stream().map(LimitKey::subscriptionId).toArray(UUID[]::new))
                .param("types", list.stream().map(LimitKey::resourceTypeId).toArray(UUID[]::new))
                .param("months", list.stream().map(k -> Date.valueOf(k.month())).toArray(Date[]::new))
                .param("limitTypes", list.stream().map(k -> k.hard() ? "HARD" : "SOFT").toArray(String[]::new))
                .param("limits", list.stream().map(LimitKey::limit).toArray(BigDecimal[]::new))
                .query((rs, n) -> {
                    Set<Integer> given = new HashSet<>();
                    String text = rs.getString("given");
                    if (text != null) {
                        for (String t : text.split(",")) {
                            given.add(Integer.parseInt(t));
                        }
                    }
                    return new LimitState(byIndex.get((int) rs.getLong("i")), rs.getBigDecimal("used"), given);
                })
                .list();
    }

    /**
     * Records these thresholds as given, in one statement; answers the ones this call recorded. A notice another
     * transaction recorded first (a batch on another node) is skipped by the primary key, so it is given once.
     */
    public List<Notice> recordNotices(List<Notice> notices, Instant now) {
        if (notices.isEmpty()) {
            return List.of();
        }
        int n = notices.size();
        UUID[] subscriptions = new UUID[n];
        UUID[] types = new UUID[n];
        Date[] months = new Date[n];
        String[] limitTypes = new String[n];
        BigDecimal[] limits = new BigDecimal[n];
        Integer[] thresholds = new Integer[n];
        BigDecimal[] used = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            Notice notice = notices.get(i);
            subscriptions[i] = notice.key().subscriptionId();
            types[i] = notice.key().resourceTypeId();
            months[i] = Date.valueOf(notice.key().month());
            limitTypes[i] = notice.key().hard() ? "HARD" : "SOFT";
            limits[i] = notice.key().limit();
            thresholds[i] = notice.threshold();
            used[i] = notice.used();
        }
        Set<String> taken = new HashSet<>(jdbc.sql("""
                        INSERT INTO usage_limit_notice (subscription_id, resource_type_id, period, limit_type,
                                                        limit_quantity, threshold, used, crossed_at)
                        SELECT s, t, m, lt, lq, th, u, :now
                        FROM unnest(CAST(:subscriptions AS uuid[]), CAST(:types AS uuid[]), CAST(:months AS date[]),
                                    CAST(:limitTypes AS text[]), CAST(:limits AS numeric[]), CAST(:thresholds AS int[]),
                                    CAST(:used AS numeric[])) AS k(s, t, m, lt, lq, th, u)
                        ORDER BY s, t, m, th
                        ON CONFLICT DO NOTHING
                        RETURNING subscription_id || '|' || resource_type_id || '|' || period || '|' || limit_type
                                  || '|' || threshold""")
                .param("subscriptions", subscriptions).param("types", types).param("months", months)
                .param("limitTypes", limitTypes).param("limits", limits).param("thresholds", thresholds)
                .param("used", used).param("now", Timestamp.from(now))
                .query(String.class).list());
        return notices.stream().filter(notice -> taken.contains(notice.key().subscriptionId() + "|"
                + notice.key().resourceTypeId() + "|" + notice.key().month() + "|"
                + (notice.key().hard() ? "HARD" : "SOFT") + "|" + notice.threshold())).toList();
    }

    public List<Object[]> totals(Subtree subtree, LocalDate from, LocalDate to) {
        Subtree.Condition scoped = subtree.within("s.account_path");
        return scoped.bind(jdbc.sql("""
                        SELECT r.code, sum(d.quantity) AS quantity, sum(d.records) AS records
                        FROM usage_daily d JOIN subscriptions_facts s ON s.id = d.subscription_id
                        JOIN catalog_resource_types r ON r.id = d.resource_type_id
                        WHERE %s AND d.day >= :since AND d.day < :until
                        GROUP BY r.code ORDER BY r.code""".formatted(scoped.sql())))
                .param("since", Date.valueOf(from))
                .param("until", Date.valueOf(to))
                .query((rs, n) -> new Object[]{rs.getString("code"), rs.getBigDecimal("quantity"),
                        rs.getLong("records")}).list();
    }

    public List<Object[]> lines(Subtree subtree, LocalDate from, LocalDate to, UUID afterSubscription,
                                String afterType, int limit) {
        Subtree.Condition scoped = subtree.within("s.account_path");
        return scoped.bind(jdbc.sql("""
                        SELECT s.id, s.account_id, r.code, sum(d.quantity) AS quantity, sum(d.records) AS records
                        FROM usage_daily d JOIN subscriptions_facts s ON s.id = d.subscription_id
                        JOIN catalog_resource_types r ON r.id = d.resource_type_id
                        WHERE %s AND d.day >= :since AND d.day < :until
                          AND (CAST(:after AS uuid) IS NULL OR (s.id, r.code) > (CAST(:after AS uuid), :afterType))
                        GROUP BY s.id, s.account_id, r.code ORDER BY s.id, r.code LIMIT :limit""".formatted(scoped.sql())))
                .param("since", Date.valueOf(from))
                .param("until", Date.valueOf(to)).param("after", afterSubscription).param("afterType", afterType == null ? "" : afterType)
                .param("limit", limit)
                .query((rs, n) -> new Object[]{rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getString("code"), rs.getBigDecimal("quantity"), rs.getLong("records")}).list();
    }

    /** Usage of the subtree per resource type and calendar month, months in [from, to). */
    public List<Object[]> monthly(Subtree subtree, LocalDate from, LocalDate to) {
        Subtree.Condition scoped = subtree.within("s.account_path");
        return scoped.bind(jdbc.sql("""
                        SELECT r.code, CAST(date_trunc('month', d.day) AS date) AS month, sum(d.quantity) AS quantity
                        FROM usage_daily d JOIN subscriptions_facts s ON s.id = d.subscription_id
                        JOIN catalog_resource_types r ON r.id = d.resource_type_id
                        WHERE %s AND d.day >= :since AND d.day < :until
                        GROUP BY 1, 2 ORDER BY 1, 2""".formatted(scoped.sql())))
                .param("since", Date.valueOf(from))
                .param("until", Date.valueOf(to))
                .query((rs, n) -> new Object[]{rs.getString("code"), rs.getDate("month").toLocalDate(),
                        rs.getBigDecimal("quantity")})
                .list();
    }

    /** Daily usage of one subscription per resource type, days in [from, to). */
    public List<Object[]> daily(UUID subscriptionId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT r.code, d.day, d.quantity FROM usage_daily d
                        JOIN catalog_resource_types r ON r.id = d.resource_type_id
                        WHERE d.subscription_id = :subscription AND d.day >= :since AND d.day < :until
                        ORDER BY r.code, d.day""")
                .param("subscription", subscriptionId).param("since", Date.valueOf(from))
                .param("until", Date.valueOf(to))
                .query((rs, n) -> new Object[]{rs.getString("code"), rs.getDate("day").toLocalDate(),
                        rs.getBigDecimal("quantity")})
                .list();
    }
}
