package io.cascade.assets.internal;

import io.cascade.subscriptions.api.SubscriptionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds a customer's {@code iot} subscription: an own-use subscription to a plan that includes the SIM resource type
 * of a service provisioned by the {@code iot} adapter (the type named by the service's
 * {@code adapterConfig.simResourceType}), in one join of the subscriptions' view {@code subscriptions_facts} and the
 * catalog's views {@code catalog_plan_resources} and {@code catalog_resource_types} (ADR 0016).
 */
@Component
public class IotSubscriptions {
    private final JdbcClient jdbc;

    IotSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param status           the subscription's status
     * @param simResourceType  the code of the resource type a SIM counts as
     * @param dataResourceType the code of the metered resource type data usage is recorded as (may be null)
     * @param stopped          a metered resource of it is stopped at its HARD limit (the subscriptions' view
     *                         {@code subscriptions_limit_stops}; ADR 0039): its SIMs stay SUSPENDED until lifted
     */
    public record IotSubscription(UUID id, UUID accountId, String accountPath, SubscriptionStatus status,
                                  String simResourceType, String dataResourceType, boolean stopped) {
    }

    private static final String SELECT = """
            SELECT s.id, s.account_id, s.account_path, s.status, rt.code AS sim_resource_type,
                   rt.service_config ->> 'dataResourceType' AS data_resource_type,
                   EXISTS (SELECT 1 FROM subscriptions_limit_stops st WHERE st.subscription_id = s.id) AS stopped
            FROM subscriptions_facts s
            JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id
            JOIN catalog_resource_types rt ON rt.id = pr.resource_type_id
            WHERE rt.service_adapter = 'iot' AND rt.code = rt.service_config ->> 'simResourceType'
            """;

    /** The customer's oldest ACTIVE {@code iot} subscription, the one its SIMs connect to. */
    public Optional<IotSubscription> activeFor(UUID customerId) {
        return jdbc.sql(SELECT + """
                          AND s.account_id = :customer AND s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
                        ORDER BY s.start_date, s.created_at, s.id LIMIT 1""")
                .param("customer", customerId).query(IotSubscriptions::map).optional();
    }

    /** The subscription, when it is an {@code iot} subscription. */
    public Optional<IotSubscription> find(UUID subscriptionId) {
        return jdbc.sql(SELECT + " AND s.id = :id").param("id", subscriptionId).query(IotSubscriptions::map)
                .optional();
    }

    private static IotSubscription map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new IotSubscription(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("account_path"), SubscriptionStatus.valueOf(rs.getString("status")),
                rs.getString("sim_resource_type"), rs.getString("data_resource_type"), rs.getBoolean("stopped"));
    }
}
