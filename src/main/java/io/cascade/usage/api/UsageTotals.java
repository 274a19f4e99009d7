package io.cascade.usage.api;

import io.cascade.accounts.api.Subtree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Daily usage totals read in bulk, for billing: no scope check, only for subscriptions and accounts that came from
 * billing's own data. Reads the daily totals kept with every batch, never the raw records.
 */
@Component
public class UsageTotals {
    private final JdbcClient jdbc;

    UsageTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One day's usage of one resource type (by one subscription, or by a whole subtree). */
    public record Daily(UUID subscriptionId, UUID resourceTypeId, LocalDate day, BigDecimal quantity) {
    }

    /** The daily totals of these subscriptions in [from, to). */
    public List<Daily> ofSubscriptions(Collection<UUID> subscriptionIds, LocalDate from, LocalDate to) {
        if (subscriptionIds.isEmpty() || !from.isBefore(to)) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT subscription_id, resource_type_id, day, quantity FROM usage_daily
                        WHERE subscription_id = ANY(:ids) AND day >= :from AND day < :to""")
                .param("ids", subscriptionIds.toArray(UUID[]::new)).param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Daily(rs.getObject("subscription_id", UUID.class),
                        rs.getObject("resource_type_id", UUID.class), rs.getDate("day").toLocalDate(),
                        rs.getBigDecimal("quantity")))
                .list();
    }

    /**
     * The usage of every subscription strictly below the subtree's account, per resource type and day in [from, to)
     * ({@code subscriptionId} is null): what a reseller's subtree consumed.
     */
    public List<Daily> belowAccount(Subtree subtree, LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        Subtree.Condition below = subtree.below("s.account_path");
        return below.bind(jdbc.sql("""
                        SELECT d.resource_type_id, d.day, sum(d.quantity) AS quantity FROM usage_daily d
                        JOIN subscriptions_facts s ON s.id = d.subscription_id
                        WHERE %s
                          AND d.day >= :from AND d.day < :to
                        GROUP BY d.resource_type_id, d.day""".formatted(below.sql())))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Daily(null, rs.getObject("resource_type_id", UUID.class),
                        rs.getDate("day").toLocalDate(), rs.getBigDecimal("quantity")))
                .list();
    }
}
