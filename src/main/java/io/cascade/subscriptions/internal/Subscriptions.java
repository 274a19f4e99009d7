package io.cascade.subscriptions.internal;

import io.cascade.subscriptions.api.ChangeKind;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.SubscriptionStatus;
import org.springframework.jdbc.core.RowMapper;
import io.cascade.accounts.api.Subtree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The subscription, subscription_resource and subscription_change tables. */
@Repository
public class Subscriptions {
    static final String COLUMNS = """
            id, account_id, account_path, plan_id, vendor_id, purpose, status, suspended_with_account, start_date,
            cancel_at, cancelled_on, version, created_at, updated_at, dunning_episode_id""";

    /** A subscription, from a row of {@link #COLUMNS}. */
    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class),
            rs.getObject("account_id", UUID.class), rs.getString("account_path"), rs.getObject("plan_id", UUID.class),
            rs.getObject("vendor_id", UUID.class), Purpose.valueOf(rs.getString("purpose")),
            SubscriptionStatus.valueOf(rs.getString("status")), rs.getBoolean("suspended_with_account"),
            rs.getDate("start_date").toLocalDate(), date(rs.getDate("cancel_at")), date(rs.getDate("cancelled_on")),
            rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(), rs.getObject("dunning_episode_id", UUID.class));

    private static final String CHANGE_COLUMNS =
            "id, subscription_id, kind, effective_date, plan_id, resources::text AS resources, requested_by";

    /** A pending change, from a row of {@link #CHANGE_COLUMNS}. */
    private static final RowMapper<Scheduled> SCHEDULED = (rs, n) -> new Scheduled(rs.getObject("id", UUID.class),
            rs.getObject("subscription_id", UUID.class), ChangeKind.valueOf(rs.getString("kind")),
            rs.getDate("effective_date").toLocalDate(), rs.getObject("plan_id", UUID.class),
            rs.getString("resources"), rs.getObject("requested_by", UUID.class));

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(UUID id, UUID accountId, String accountPath, UUID planId, UUID vendorId, Purpose purpose,
                      SubscriptionStatus status, boolean suspendedWithAccount, LocalDate startDate,
                      LocalDate cancelAt, LocalDate cancelledOn, long version, Instant createdAt, Instant updatedAt,
                      UUID dunningEpisodeId) {
    }

    public record Scheduled(UUID id, UUID subscriptionId, ChangeKind kind, LocalDate effectiveDate, UUID planId,
                            String resources, UUID requestedBy) {
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id").param("id", id).query(ROW)
                .optional();
    }

    /** Locks the subscription row for the rest of the transaction (changes of one subscription run one at a time). */
    public Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id FOR UPDATE").param("id", id)
                .query(ROW).optional();
    }

    public List<Row> ofAccount(UUID accountId, Purpose purpose, SubscriptionStatus status, String afterKey, int limit) {
        String[] after = afterKey == null ? null : afterKey.split("\\|", 2);
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM subscription WHERE account_id = :account
                          AND (CAST(:purpose AS text) IS NULL OR purpose = :purpose)
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:afterAt AS timestamptz) IS NULL
                               OR (created_at, id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY created_at, id LIMIT :limit""")
                .param("account", accountId).param("purpose", purpose == null ? null : purpose.name())
                .param("status", status == null ? null : status.name())
                .param("afterAt", after == null ? null : after[0]).param("afterId", after == null ? null : after[1])
                .param("limit", limit).query(ROW).list();
    }

    /**
     * Subscriptions of the subtree (the account itself included) per purpose and status. For a whole subtree: the
     * account's own subscriptions and the counts the triggers keep for everything below it
     * ({@code subscription_subtree_count}, ADR 0044), whatever the subtree's size; for a narrowed one, an aggregate.
     */
    public List<Object[]> countsOfSubtree(Subtree subtree) {
        if (subtree.whole()) {
            return jdbc.sql("""
                            SELECT purpose, status, sum(n) AS subscriptions FROM (%s) k
                            GROUP BY purpose, status HAVING sum(n) <> 0""".formatted(KEPT))
                    .param("keptPath", subtree.account().path()).param("keptAccount", subtree.account().id())
                    .query((rs, n) -> new Object[]{rs.getString("purpose"), rs.getString("status"),
                            rs.getLong("subscriptions")}).list();
        }
        Subtree.Condition scoped = subtree.within("account_path");
        return scoped.bind(jdbc.sql("""
                        SELECT purpose, status, count(*) AS subscriptions FROM subscription
                        WHERE %s GROUP BY purpose, status""".formatted(scoped.sql())))
                .query((rs, n) -> new Object[]{rs.getString("purpose"), rs.getString("status"),
                        rs.getLong("subscriptions")}).list();
    }

    /**
     * For each month end from {@code firstMonthEnd} on (one per month, {@code months} of them), how many OWN_USE
     * subscriptions of the subtree had started and were not cancelled on that day. A whole subtree reads the kept
     * counts (started in or before the month, cancelled after it: the same days, by month); a narrowed one
     * aggregates its rows.
     */
    public List<Long> liveAtMonthEnds(Subtree subtree, LocalDate firstMonth, int months) {
        if (subtree.whole()) {
            return jdbc.sql("""
                            SELECT COALESCE(sum(k.n) FILTER (WHERE k.purpose = 'OWN_USE'), 0) AS live
                            FROM generate_series(0, :months - 1) AS m(i)
                            CROSS JOIN LATERAL (SELECT CAST(CAST(:first AS date) + make_interval(months => m.i)
                                                            AS date) AS month) e
                            LEFT JOIN (%s) k ON k.start_month <= e.month AND k.cancel_month > e.month
                            GROUP BY m.i ORDER BY m.i""".formatted(KEPT))
                    .param("keptPath", subtree.account().path()).param("keptAccount", subtree.account().id())
                    .param("months", months).param("first", Date.valueOf(firstMonth)).query(Long.class).list();
        }
        Subtree.Condition scoped = subtree.within("s.account_path");
        return scoped.bind(jdbc.sql("""
                        SELECT count(s.id) FROM generate_series(0, :months - 1) AS m(n)
                        CROSS JOIN LATERAL (SELECT (CAST(:first AS date) + make_interval(months => m.n + 1)
                                                    - interval '1 day')::date AS day) e
                        LEFT JOIN subscription s ON %s
                             AND s.purpose = 'OWN_USE' AND s.start_date <= e.day
                             AND (s.cancelled_on IS NULL OR s.cancelled_on > e.day)
                        GROUP BY m.n ORDER BY m.n""".formatted(scoped.sql())))
                .param("months", months).param("first", Date.valueOf(firstMonth)).query(Long.class).list();
    }

    /**
     * A whole subtree's subscriptions as counted rows (purpose, status, start_month, cancel_month, n): the anchor's
     * own ({@code :keptAccount}), and the kept counts of everything strictly below it ({@code :keptPath}).
     */
    private static final String KEPT = """
            SELECT purpose, status, start_month, cancel_month, subscriptions AS n
            FROM subscription_subtree_count WHERE path = :keptPath
            UNION ALL
            SELECT purpose, status, CAST(date_trunc('month', start_date) AS date),
                   COALESCE(CAST(date_trunc('month', cancelled_on) AS date), DATE 'infinity'), 1
            FROM subscription WHERE account_id = :keptAccount""";

    public void insert(Row row) {
        jdbc.sql("""
                        INSERT INTO subscription (id, account_id, account_path, plan_id, vendor_id, purpose, status,
                                                  start_date, created_at, updated_at)
                        VALUES (:id, :account, :path, :plan, :vendor, :purpose, :status, :start, :now, :now)""")
                .param("id", row.id()).param("account", row.accountId()).param("path", row.accountPath())
                .param("plan", row.planId()).param("vendor", row.vendorId()).param("purpose", row.purpose().name())
                .param("status", row.status().name()).param("start", Date.valueOf(row.startDate()))
                .param("now", Timestamp.from(row.createdAt())).update();
    }

    public Map<UUID, BigDecimal> quantities(UUID subscriptionId) {
        return quantitiesOf(List.of(subscriptionId)).getOrDefault(subscriptionId, new LinkedHashMap<>());
    }

    /** The quantities of several subscriptions in one statement (a page of a list): subscription → resource → qty. */
    public Map<UUID, Map<UUID, BigDecimal>> quantitiesOf(Collection<UUID> subscriptionIds) {
        Map<UUID, Map<UUID, BigDecimal>> result = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT subscription_id, resource_type_id, quantity FROM subscription_resource
                        WHERE subscription_id = ANY(:ids)""")
                .param("ids", subscriptionIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("subscription_id", UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getObject("resource_type_id", UUID.class), rs.getBigDecimal("quantity"));
                });
        return result;
    }

    public void setQuantity(UUID subscriptionId, UUID resourceTypeId, BigDecimal quantity) {
        jdbc.sql("""
                        INSERT INTO subscription_resource (subscription_id, resource_type_id, quantity)
                        VALUES (:id, :type, :quantity)
                        ON CONFLICT (subscription_id, resource_type_id) DO UPDATE SET quantity = EXCLUDED.quantity""")
                .param("id", subscriptionId).param("type", resourceTypeId).param("quantity", quantity).update();
    }

    public void removeQuantity(UUID subscriptionId, UUID resourceTypeId) {
        jdbc.sql("DELETE FROM subscription_resource WHERE subscription_id = :id AND resource_type_id = :type")
                .param("id", subscriptionId).param("type", resourceTypeId).update();
    }

    public void setPlan(UUID id, UUID planId, Instant now) {
        jdbc.sql("UPDATE subscription SET plan_id = :plan, version = version + 1, updated_at = :now WHERE id = :id")
                .param("plan", planId).param("now", Timestamp.from(now)).param("id", id).update();
        // add-ons belong to their plan: a subscription moving to another plan leaves them behind (ADR 0036)
        jdbc.sql("DELETE FROM subscription_addon WHERE subscription_id = :id AND plan_id <> :plan")
                .param("id", id).param("plan", planId).update();
    }

    /** An add-on a subscription holds (a subscription item, ADR 0036). */
    public record HeldAddon(UUID addonId, int quantity, LocalDate addedOn) {
    }

    /** The add-ons the subscriptions hold on their current plan, per subscription, in the order they were added. */
    public Map<UUID, List<HeldAddon>> addons(Collection<UUID> ids) {
        Map<UUID, List<HeldAddon>> result = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT a.subscription_id, a.addon_id, a.quantity, a.added_on FROM subscription_addon a
                        JOIN subscription s ON s.id = a.subscription_id AND s.plan_id = a.plan_id
                        WHERE a.subscription_id = ANY(:ids) ORDER BY a.subscription_id, a.added_on, a.addon_id""")
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("subscription_id", UUID.class), k -> new ArrayList<>())
                            .add(new HeldAddon(rs.getObject("addon_id", UUID.class), rs.getInt("quantity"),
                                    rs.getDate("added_on").toLocalDate()));
                });
        return result;
    }

    /** Orders an add-on, or sets the quantity of one held. */
    public void putAddon(UUID id, UUID addonId, UUID planId, int quantity, LocalDate today) {
        jdbc.sql("""
                        INSERT INTO subscription_addon (subscription_id, addon_id, plan_id, quantity, added_on)
                        VALUES (:id, :addon, :plan, :quantity, :today)
                        ON CONFLICT (subscription_id, addon_id) DO UPDATE SET quantity = EXCLUDED.quantity""")
                .param("id", id).param("addon", addonId).param("plan", planId).param("quantity", quantity)
                .param("today", Date.valueOf(today)).update();
    }

    public boolean removeAddon(UUID id, UUID addonId) {
        return jdbc.sql("DELETE FROM subscription_addon WHERE subscription_id = :id AND addon_id = :addon")
                .param("id", id).param("addon", addonId).update() == 1;
    }

    public void setStatus(UUID id, SubscriptionStatus status, boolean withAccount, SubscriptionStatus statusBefore,
                          Instant now) {
        jdbc.sql("""
                        UPDATE subscription SET status = :status, suspended_with_account = :withAccount,
                               status_before_suspension = :before, dunning_episode_id = NULL,
                               version = version + 1, updated_at = :now
                        WHERE id = :id""")
                .param("status", status.name()).param("withAccount", withAccount).param("before", statusBefore == null ? null : statusBefore.name())
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    public Optional<SubscriptionStatus> statusBeforeSuspension(UUID id) {
        return jdbc.sql("SELECT status_before_suspension FROM subscription WHERE id = :id").param("id", id)
                .query(String.class).optional().map(SubscriptionStatus::valueOf);
    }

    public void cancel(UUID id, LocalDate on, Instant now) {
        jdbc.sql("""
                        UPDATE subscription SET status = 'CANCELLED', cancelled_on = :on, cancel_at = NULL,
                               suspended_with_account = false, dunning_episode_id = NULL, version = version + 1, updated_at = :now
                        WHERE id = :id""")
                .param("on", Date.valueOf(on)).param("now", Timestamp.from(now)).param("id", id).update();
    }

    public void setCancelAt(UUID id, LocalDate cancelAt, Instant now) {
        jdbc.sql("UPDATE subscription SET cancel_at = :at, version = version + 1, updated_at = :now WHERE id = :id")
                .param("at", Date.valueOf(cancelAt)).param("now", Timestamp.from(now)).param("id", id).update();
    }

    public void schedule(UUID subscriptionId, ChangeKind kind, LocalDate effectiveDate, UUID planId, String resources,
                         UUID requestedBy, Instant now) {
        jdbc.sql("""
                        INSERT INTO subscription_change (id, subscription_id, kind, effective_date, plan_id,
                                                         resources, requested_by, created_at)
                        VALUES (:id, :subscription, :kind, :date, :plan, CAST(:resources AS jsonb), :by, :now)""")
                .param("id", UUID.randomUUID()).param("subscription", subscriptionId).param("kind", kind.name())
                .param("date", Date.valueOf(effectiveDate)).param("plan", planId).param("resources", resources)
                .param("by", requestedBy).param("now", Timestamp.from(now)).update();
    }

    public List<Scheduled> scheduledFor(UUID subscriptionId) {
        return scheduledForAll(List.of(subscriptionId)).getOrDefault(subscriptionId, List.of());
    }

    /** The pending changes of several subscriptions in one statement (a page of a list), each in date order. */
    public Map<UUID, List<Scheduled>> scheduledForAll(Collection<UUID> subscriptionIds) {
        Map<UUID, List<Scheduled>> result = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT %s
                        FROM subscription_change WHERE subscription_id = ANY(:ids) AND applied_at IS NULL
                        ORDER BY effective_date, created_at""".formatted(CHANGE_COLUMNS))
                .param("ids", subscriptionIds.toArray(UUID[]::new)).query(SCHEDULED).list()
                .forEach(c -> result.computeIfAbsent(c.subscriptionId(), k -> new ArrayList<>()).add(c));
        return result;
    }

    /** Takes one due change, locked (SKIP LOCKED: every node may run the scheduler, none applies a change twice). */
    public Optional<Scheduled> takeDueChange(LocalDate today) {
        return jdbc.sql("""
                        SELECT %s
                        FROM subscription_change WHERE applied_at IS NULL AND effective_date <= :today
                        ORDER BY effective_date, created_at LIMIT 1 FOR UPDATE SKIP LOCKED""".formatted(CHANGE_COLUMNS))
                .param("today", Date.valueOf(today)).query(SCHEDULED).optional();
    }

    public void markApplied(UUID changeId, String outcome, Instant now) {
        jdbc.sql("UPDATE subscription_change SET applied_at = :now, outcome = :outcome WHERE id = :id")
                .param("now", Timestamp.from(now)).param("outcome", outcome).param("id", changeId).update();
    }

    /**
     * Records the subscription's terms as they stand now (plan, status, quantities) as applying from
     * {@code effectiveFrom}; earlier records that started on or after that day are superseded.
     */
    public void recordTerms(UUID id, LocalDate effectiveFrom, Instant now) {
        recordTermsOfAll(List.of(id), effectiveFrom, now);
    }

    /** {@link #recordTerms} for several subscriptions at once (an account's suspension or resumption). */
    public void recordTermsOfAll(Collection<UUID> ids, LocalDate effectiveFrom, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        WITH superseded AS (
                            UPDATE subscription_terms SET superseded = true
                            WHERE subscription_id = ANY(:ids) AND effective_from >= :from AND NOT superseded)
                        INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status, quantities,
                                                        recorded_at, addons)
                        SELECT s.id, GREATEST(:from, s.start_date), s.plan_id, s.status,
                               COALESCE((SELECT jsonb_object_agg(r.resource_type_id::text, r.quantity::text)
                                         FROM subscription_resource r WHERE r.subscription_id = s.id), '{}'::jsonb),
                               :now,
                               COALESCE((SELECT jsonb_object_agg(a.addon_id::text, a.quantity::text)
                                         FROM subscription_addon a
                                         WHERE a.subscription_id = s.id AND a.plan_id = s.plan_id), '{}'::jsonb)
                        FROM subscription s WHERE s.id = ANY(:ids)""")
                .param("ids", ids.toArray(UUID[]::new)).param("from", Date.valueOf(effectiveFrom))
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<UUID> takeDue(String condition, LocalDate today) {
        return jdbc.sql("SELECT id FROM subscription WHERE " + condition + " LIMIT 1 FOR UPDATE SKIP LOCKED")
                .param("today", Date.valueOf(today)).query(UUID.class).optional();
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
