package io.cascade.subscriptions.internal;

import io.cascade.catalog.api.Holdings;
import io.cascade.catalog.api.LimitType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * A reseller holds a resource through its earliest live RESALE subscription whose plan includes the resource type.
 */
@Component
public class HoldingsDirectory implements Holdings {
    private final JdbcClient jdbc;

    HoldingsDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The holding subscription, its plan and its limit for a resource type. */
    public record Holding(UUID subscriptionId, UUID planId, BigDecimal limit, LimitType limitType) {
    }

    public Optional<Holding> holding(UUID resellerId, UUID resourceTypeId) {
        return jdbc.sql("""
                        SELECT s.id AS subscription_id, s.plan_id, pr.limit_quantity, pr.limit_type
                        FROM subscription s
                        JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id AND pr.resource_type_id = :type
                        WHERE s.account_id = :reseller AND s.purpose = 'RESALE' AND s.status <> 'CANCELLED'
                        ORDER BY s.start_date, s.created_at, s.id LIMIT 1""")
                .param("reseller", resellerId).param("type", resourceTypeId)
                .query((rs, n) -> new Holding(rs.getObject("subscription_id", UUID.class),
                        rs.getObject("plan_id", UUID.class), rs.getBigDecimal("limit_quantity"),
                        LimitType.valueOf(rs.getString("limit_type"))))
                .optional();
    }

    @Override
    public Optional<UUID> wholesalePlanFor(UUID resellerId, UUID resourceTypeId) {
        return holding(resellerId, resourceTypeId).map(Holding::planId);
    }

    @Override
    public boolean subscribes(UUID accountId, UUID planId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM subscription WHERE plan_id = :plan AND account_id = :account)")
                .param("plan", planId).param("account", accountId).query(Boolean.class).single();
    }
}
