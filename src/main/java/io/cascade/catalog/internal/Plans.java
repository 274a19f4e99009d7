package io.cascade.catalog.internal;

import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanStatus;
import io.cascade.catalog.api.PriceRule;
import io.cascade.catalog.api.PriceVersion;
import io.cascade.catalog.api.Pricing;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The plan, plan_resource and plan_price tables. */
@Repository
public class Plans {
    /** The first price version of a plan holds "since ever", so that back-dated subscriptions find a price. */
    public static final LocalDate SINCE_EVER = LocalDate.of(1900, 1, 1);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Plans(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** {@code ownerId}: the reseller whose own resource type it is (null: the provider's catalog). */
    public record Resource(UUID resourceTypeId, String code, String unit, UUID serviceId, String serviceCode,
                           BigDecimal included, BigDecimal limit, LimitType limitType, UUID ownerId) {
    }

    /** A plan's resource, from plan_resource joined with its resource type and service. */
    private static final RowMapper<Resource> RESOURCE = (rs, n) -> new Resource(
            rs.getObject("resource_type_id", UUID.class), rs.getString("code"), rs.getString("unit"),
            rs.getObject("service_id", UUID.class), rs.getString("service_code"), rs.getBigDecimal("included"),
            rs.getBigDecimal("limit_quantity"), LimitType.valueOf(rs.getString("limit_type")),
            rs.getObject("owner_id", UUID.class));

    public record PlanRecord(UUID id, UUID vendorId, String vendorPath, String name, String description,
                             Audience audience, BillingPeriod billingPeriod, String currency, PlanStatus status,
                             long version, Instant createdAt, Instant publishedAt, Instant retiredAt,
                             List<Resource> resources, List<PriceVersion> prices) {

        /** The price version in force on a day (the first one for days before it). */
        public PriceVersion pricesOn(LocalDate day) {
            PriceVersion inForce = prices.get(0);
            for (PriceVersion version : prices) {
                if (!version.effectiveFrom().isAfter(day)) {
                    inForce = version;
                }
            }
            return inForce;
        }
    }

    public record NewPlan(UUID id, UUID vendorId, String vendorPath, String name, String description,
                          Audience audience, BillingPeriod billingPeriod, String currency) {
    }

    public void insert(NewPlan plan, Instant now) {
        jdbc.sql("""
                        INSERT INTO plan (id, vendor_id, vendor_path, name, description, audience, billing_period,
                                          currency, status, created_at, updated_at)
                        VALUES (:id, :vendor, :path, :name, :description, :audience, :period, :currency, 'DRAFT',
                                :now, :now)""")
                .param("id", plan.id()).param("vendor", plan.vendorId()).param("path", plan.vendorPath())
                .param("name", plan.name()).param("description", plan.description())
                .param("audience", plan.audience().name()).param("period", plan.billingPeriod().name())
                .param("currency", plan.currency()).param("now", Timestamp.from(now)).update();
    }

    public void replaceResources(UUID planId, List<Resource> resources) {
        jdbc.sql("DELETE FROM plan_resource WHERE plan_id = :plan").param("plan", planId).update();
        int position = 0;
        for (Resource r : resources) {
            jdbc.sql("""
                            INSERT INTO plan_resource (plan_id, resource_type_id, position, included, limit_quantity,
                                                       limit_type)
                            VALUES (:plan, :type, :position, :included, :limit, :limitType)""")
                    .param("plan", planId).param("type", r.resourceTypeId()).param("position", position++)
                    .param("included", r.included()).param("limit", r.limit())
                    .param("limitType", r.limitType().name()).update();
        }
    }

    /** Writes the price version of a day (replacing one of the same day). */
    public void putPrices(UUID planId, PriceVersion prices, Instant now) {
        jdbc.sql("""
                        INSERT INTO plan_price (plan_id, effective_from, rule, rule_value, setup_fee, recurring_fee,
                                                resource_prices, below_cost, created_at)
                        VALUES (:plan, :from, :rule, :value, :setup, :recurring, CAST(:resources AS jsonb),
                                :belowCost, :now)
                        ON CONFLICT (plan_id, effective_from) DO UPDATE SET rule = EXCLUDED.rule,
                          rule_value = EXCLUDED.rule_value, setup_fee = EXCLUDED.setup_fee,
                          recurring_fee = EXCLUDED.recurring_fee, resource_prices = EXCLUDED.resource_prices,
                          below_cost = EXCLUDED.below_cost, created_at = EXCLUDED.created_at""")
                .param("plan", planId).param("from", Date.valueOf(prices.effectiveFrom()))
                .param("rule", prices.pricing().rule().name()).param("value", prices.pricing().value())
                .param("setup", prices.setupFee().amount()).param("recurring", prices.recurringFee().amount())
                .param("resources", json.writeValueAsString(prices.resources()))
                .param("belowCost", prices.belowCost()).param("now", Timestamp.from(now)).update();
    }

    public boolean update(UUID planId, long expectedVersion, String name, String description, Audience audience,
                          BillingPeriod period, Instant now) {
        return jdbc.sql("""
                        UPDATE plan SET name = :name, description = :description, audience = :audience,
                               billing_period = :period, version = version + 1, updated_at = :now
                        WHERE id = :id AND version = :version""")
                .param("name", name).param("description", description).param("audience", audience.name())
                .param("period", period.name()).param("now", Timestamp.from(now)).param("id", planId)
                .param("version", expectedVersion).update() == 1;
    }

    public boolean setStatus(UUID planId, PlanStatus from, PlanStatus to, Instant now) {
        String stamp = to == PlanStatus.PUBLISHED ? ", published_at = :now" : to == PlanStatus.RETIRED
                ? ", retired_at = :now" : "";
        return jdbc.sql("UPDATE plan SET status = :to, version = version + 1, updated_at = :now" + stamp
                        + " WHERE id = :id AND status = :from")
                .param("to", to.name()).param("from", from.name()).param("now", Timestamp.from(now))
                .param("id", planId).update() == 1;
    }

    public Optional<PlanRecord> find(UUID planId) {
        return findAll(List.of(planId)).stream().findFirst();
    }

    /** Plans with their resources and price versions, in the order of the ids given. */
    public List<PlanRecord> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, List<Resource>> resources = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT pr.plan_id, r.id AS resource_type_id, r.code, r.unit, s.id AS service_id,
                               s.code AS service_code, pr.included, pr.limit_quantity, pr.limit_type, s.owner_id
                        FROM plan_resource pr JOIN resource_type r ON r.id = pr.resource_type_id
                        JOIN service s ON s.id = r.service_id
                        WHERE pr.plan_id = ANY(:ids) ORDER BY pr.plan_id, pr.position""")
                .param("ids", array)
                .query(rs -> {
                    resources.computeIfAbsent(rs.getObject("plan_id", UUID.class), k -> new ArrayList<>())
                            .add(RESOURCE.mapRow(rs, 0));
                });
        Map<UUID, List<PriceVersion>> prices = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT p.plan_id, p.effective_from, p.rule, p.rule_value, p.setup_fee, p.recurring_fee,
                               p.resource_prices::text AS resource_prices, p.below_cost, pl.currency
                        FROM plan_price p JOIN plan pl ON pl.id = p.plan_id
                        WHERE p.plan_id = ANY(:ids) ORDER BY p.plan_id, p.effective_from""")
                .param("ids", array)
                .query(rs -> {
                    Currency currency = Currency.getInstance(rs.getString("currency"));
                    prices.computeIfAbsent(rs.getObject("plan_id", UUID.class), k -> new ArrayList<>())
                            .add(new PriceVersion(rs.getDate("effective_from").toLocalDate(),
                                    new Pricing(PriceRule.valueOf(rs.getString("rule")), rs.getBigDecimal("rule_value")),
                                    new Money(rs.getBigDecimal("setup_fee"), currency),
                                    new Money(rs.getBigDecimal("recurring_fee"), currency),
                                    json.readValue(rs.getString("resource_prices"),
                                            new TypeReference<LinkedHashMap<String, PriceVersion.ResourcePrice>>() {
                                            }),
                                    rs.getBoolean("below_cost")));
                });
        Map<UUID, PlanRecord> byId = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, vendor_id, vendor_path, name, description, audience, billing_period, currency,
                               status, version, created_at, published_at, retired_at
                        FROM plan WHERE id = ANY(:ids)""")
                .param("ids", array)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    byId.put(id, new PlanRecord(id, rs.getObject("vendor_id", UUID.class), rs.getString("vendor_path"),
                            rs.getString("name"), rs.getString("description"),
                            Audience.valueOf(rs.getString("audience")),
                            BillingPeriod.valueOf(rs.getString("billing_period")), rs.getString("currency"),
                            PlanStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                            rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("published_at")),
                            instant(rs.getTimestamp("retired_at")), resources.getOrDefault(id, List.of()),
                            prices.getOrDefault(id, List.of())));
                });
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** How many plans a vendor has and is offered, and when the last of them changed. */
    public String stamp(UUID vendorId) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM plan
                                WHERE vendor_id = :vendor)
                               || '|' || (SELECT count(*) || ':' || coalesce(max(p.updated_at)::text, '')
                                          FROM offering o JOIN plan p ON p.id = o.plan_id
                                          WHERE o.reseller_id = :vendor)""")
                .param("vendor", vendorId).query(String.class).single();
    }

    /** Ids of a vendor's plans, newest first, after the cursor (created_at, id). */
    public List<UUID> ofVendor(UUID vendorId, PlanStatus status, Audience audience, String afterKey, int limit) {
        String[] after = afterKey == null ? null : afterKey.split("\\|", 2);
        return jdbc.sql("""
                        SELECT id FROM plan WHERE vendor_id = :vendor
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:audience AS text) IS NULL OR audience = :audience)
                          AND (CAST(:afterAt AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("vendor", vendorId).param("status", status == null ? null : status.name())
                .param("audience", audience == null ? null : audience.name())
                .param("afterAt", after == null ? null : after[0])
                .param("afterId", after == null ? null : after[1])
                .param("limit", limit).query(UUID.class).list();
    }

    /**
     * The published plans an account may buy: those of its vendor (END_CUSTOMER, and RESELLER ones for a prepaid
     * reseller), or — for a customer of a commission reseller — the plans that reseller is offered.
     */
    public List<UUID> availableTo(UUID vendorId, boolean vendorIsCommission, boolean buyerIsPrepaidReseller,
                                  UUID onlyPlan) {
        return availableTo(vendorId, vendorIsCommission, buyerIsPrepaidReseller, onlyPlan, PlanStatus.PUBLISHED);
    }

    /** As above, for plans in the given status (RETIRED: which retired plans the buyer could have bought). */
    public List<UUID> availableTo(UUID vendorId, boolean vendorIsCommission, boolean buyerIsPrepaidReseller,
                                  UUID onlyPlan, PlanStatus status) {
        String sql = vendorIsCommission
                ? """
                SELECT p.id FROM offering o JOIN plan p ON p.id = o.plan_id
                WHERE o.reseller_id = :vendor AND p.status = :status AND p.audience = 'END_CUSTOMER'
                  AND (CAST(:only AS uuid) IS NULL OR p.id = :only)
                ORDER BY p.created_at, p.id"""
                : """
                SELECT p.id FROM plan p
                WHERE p.vendor_id = :vendor AND p.status = :status
                  AND (p.audience = 'END_CUSTOMER' OR (:reseller AND p.audience = 'RESELLER'))
                  AND (CAST(:only AS uuid) IS NULL OR p.id = :only)
                ORDER BY p.created_at, p.id""";
        return jdbc.sql(sql).param("vendor", vendorId).param("reseller", buyerIsPrepaidReseller)
                .param("only", onlyPlan).param("status", status.name()).query(UUID.class).list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
