package io.cascade.subscriptions.internal;

import io.cascade.subscriptions.api.LimitStop;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * subscription_limit_stop: the metered resources stopped at their HARD limit, open until lifted (ADR 0039). At most
 * one open stop per subscription and resource type (a partial unique index), so a stop requested twice — two
 * batches, two nodes — is taken once.
 */
@Repository
class LimitStops {
    private final JdbcClient jdbc;

    LimitStops(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stop(UUID id, UUID subscriptionId, UUID resourceTypeId, String resourceType, LocalDate period,
                BigDecimal limit, BigDecimal used, Instant stoppedAt, Instant liftedAt,
                LimitStop.LiftReason liftReason) {
    }

    private static final String COLUMNS = "id, subscription_id, resource_type_id, period, limit_quantity, used, "
            + "stopped_at, lifted_at, lift_reason";

    /** The rows a statement changed (CTE {@code changed}), with their resource type's code from the catalog's view. */
    private static final String WITH_CODE = """
            SELECT c.*, r.code AS resource_type FROM changed c JOIN catalog_resource_types r ON r.id = c.resource_type_id""";

    /** Opens a stop unless one is open for the subscription's resource type; answers it when this call opened it. */
    java.util.Optional<Stop> open(UUID subscriptionId, UUID resourceTypeId, LocalDate period, BigDecimal limit,
                                  BigDecimal used, Instant now) {
        return jdbc.sql("""
                        WITH changed AS (
                            INSERT INTO subscription_limit_stop (id, subscription_id, resource_type_id, period,
                                                                 limit_quantity, used, stopped_at)
                            VALUES (:id, :subscription, :type, :period, :limit, :used, :now)
                            ON CONFLICT (subscription_id, resource_type_id) WHERE lifted_at IS NULL DO NOTHING
                            RETURNING """ + " " + COLUMNS + ") " + WITH_CODE)
                .param("id", UUID.randomUUID()).param("subscription", subscriptionId).param("type", resourceTypeId)
                .param("period", Date.valueOf(period)).param("limit", limit).param("used", used)
                .param("now", Timestamp.from(now))
                .query(LimitStops::map).optional();
    }

    /** The open stops of these subscriptions, by subscription and resource type: one statement. */
    Map<UUID, Map<UUID, Stop>> openOf(Collection<UUID> subscriptionIds) {
        Map<UUID, Map<UUID, Stop>> result = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        jdbc.sql("WITH changed AS (SELECT " + COLUMNS + " FROM subscription_limit_stop "
                        + "WHERE subscription_id = ANY(:ids) AND lifted_at IS NULL) " + WITH_CODE)
                .param("ids", subscriptionIds.toArray(UUID[]::new))
                .query(LimitStops::map).list()
                .forEach(stop -> result.computeIfAbsent(stop.subscriptionId(), k -> new HashMap<>())
                        .put(stop.resourceTypeId(), stop));
        return result;
    }

    /** Lifts the open stops of a subscription's resource types; answers those it lifted. */
    List<Stop> lift(UUID subscriptionId, Collection<UUID> resourceTypeIds, LimitStop.LiftReason reason,
                    Instant now) {
        if (resourceTypeIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH changed AS (
                            UPDATE subscription_limit_stop SET lifted_at = :now, lift_reason = :reason
                            WHERE subscription_id = :subscription AND resource_type_id = ANY(:types)
                              AND lifted_at IS NULL
                            RETURNING """ + " " + COLUMNS + ") " + WITH_CODE)
                .param("now", Timestamp.from(now)).param("reason", reason.name())
                .param("subscription", subscriptionId).param("types", resourceTypeIds.toArray(UUID[]::new))
                .query(LimitStops::map).list();
    }

    /**
     * Lifts up to {@code limit} open stops of months before {@code month}, skipping rows another transaction holds;
     * answers those it lifted (NEW_PERIOD).
     */
    List<Stop> liftBefore(LocalDate month, int limit, Instant now) {
        return jdbc.sql("""
                        WITH changed AS (
                            UPDATE subscription_limit_stop s SET lifted_at = :now, lift_reason = 'NEW_PERIOD'
                            FROM (SELECT subscription_id, id FROM subscription_limit_stop
                                  WHERE lifted_at IS NULL AND period < :month
                                  ORDER BY subscription_id, id LIMIT :limit FOR UPDATE SKIP LOCKED) due
                            WHERE s.subscription_id = due.subscription_id AND s.id = due.id
                            RETURNING s.id, s.subscription_id, s.resource_type_id, s.period, s.limit_quantity,
                                      s.used, s.stopped_at, s.lifted_at, s.lift_reason
                        ) """ + WITH_CODE)
                .param("now", Timestamp.from(now)).param("month", Date.valueOf(month)).param("limit", limit)
                .query(LimitStops::map).list();
    }

    private static Stop map(ResultSet rs, int n) throws SQLException {
        Timestamp lifted = rs.getTimestamp("lifted_at");
        String reason = rs.getString("lift_reason");
        return new Stop(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                rs.getObject("resource_type_id", UUID.class), rs.getString("resource_type"),
                rs.getDate("period").toLocalDate(),
                rs.getBigDecimal("limit_quantity"), rs.getBigDecimal("used"),
                rs.getTimestamp("stopped_at").toInstant(), lifted == null ? null : lifted.toInstant(),
                reason == null ? null : LimitStop.LiftReason.valueOf(reason));
    }
}
