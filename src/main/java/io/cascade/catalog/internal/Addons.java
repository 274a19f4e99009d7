package io.cascade.catalog.internal;

import io.cascade.catalog.api.AddonStatus;
import io.cascade.catalog.api.AddonView;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The plan_addon table: the add-ons of plans (ADR 0036). */
@Repository
public class Addons {
    private static final String COLUMNS = """
            a.id, a.plan_id, a.code, a.name, a.description, a.setup_fee, a.recurring_fee, a.max_quantity, a.status,
            a.created_at, a.retired_at, p.currency""";

    private static final RowMapper<AddonView> ADDON = (rs, n) -> {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        Timestamp retired = rs.getTimestamp("retired_at");
        return new AddonView(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
                rs.getString("code"), rs.getString("name"), rs.getString("description"),
                new Money(rs.getBigDecimal("setup_fee"), currency), new Money(rs.getBigDecimal("recurring_fee"), currency),
                rs.getInt("max_quantity"), AddonStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), retired == null ? null : retired.toInstant());
    };

    private final JdbcClient jdbc;

    Addons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean codeTaken(UUID planId, String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM plan_addon WHERE plan_id = :plan AND code = :code)")
                .param("plan", planId).param("code", code).query(Boolean.class).single();
    }

    public void insert(UUID id, UUID planId, String code, String name, String description, Money setupFee,
                       Money recurringFee, int maxQuantity, Instant now) {
        jdbc.sql("""
                        INSERT INTO plan_addon (id, plan_id, code, name, description, setup_fee, recurring_fee,
                                                max_quantity, status, created_at)
                        VALUES (:id, :plan, :code, :name, :description, :setup, :recurring, :max, 'ACTIVE', :now)""")
                .param("id", id).param("plan", planId).param("code", code).param("name", name)
                .param("description", description).param("setup", setupFee.amount())
                .param("recurring", recurringFee.amount()).param("max", maxQuantity)
                .param("now", Timestamp.from(now)).update();
    }

    public boolean retire(UUID id, Instant now) {
        return jdbc.sql("UPDATE plan_addon SET status = 'RETIRED', retired_at = :now WHERE id = :id AND status = 'ACTIVE'")
                .param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    public Optional<AddonView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM plan_addon a JOIN plan p ON p.id = a.plan_id WHERE a.id = :id")
                .param("id", id).query(ADDON).optional();
    }

    /** The add-ons of these plans, each plan's in creation order. */
    public Map<UUID, List<AddonView>> ofPlans(List<UUID> planIds) {
        Map<UUID, List<AddonView>> result = new LinkedHashMap<>();
        if (planIds.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM plan_addon a JOIN plan p ON p.id = a.plan_id"
                        + " WHERE a.plan_id = ANY(:plans) ORDER BY a.plan_id, a.created_at, a.id")
                .param("plans", planIds.toArray(UUID[]::new))
                .query(ADDON).list().forEach(a -> result.computeIfAbsent(a.planId(), k -> new ArrayList<>()).add(a));
        return result;
    }
}
