package io.cascade.dunning.internal;

import io.cascade.dunning.api.DunningAction;
import io.cascade.dunning.api.DunningPolicy;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** dunning_policy and dunning_policy_step: an issuer's policy, or none (the default applies). */
@Repository
public class PolicyStore {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    PolicyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An issuer's own policy with its version; empty when it has set none. */
    public record Stored(DunningPolicy policy, long version) {
    }

    public Optional<Stored> find(UUID issuerId) {
        Optional<Object[]> head = jdbc.sql("SELECT customer_grace_days, version FROM dunning_policy WHERE issuer_id = :id")
                .param("id", issuerId)
                .query((rs, n) -> new Object[]{rs.getObject("customer_grace_days", Integer.class), rs.getLong("version")})
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<DunningPolicy.Step> steps = jdbc.sql("""
                        SELECT position, days_overdue, action, min_amount, minimums::text AS minimums, fee_amount,
                               fee_percent
                        FROM dunning_policy_step WHERE issuer_id = :id ORDER BY position""")
                .param("id", issuerId)
                .query((rs, n) -> new DunningPolicy.Step(rs.getInt("days_overdue"),
                        DunningAction.valueOf(rs.getString("action")), plain(rs.getBigDecimal("min_amount")),
                        minimums(rs.getString("minimums")),
                        rs.getBigDecimal("fee_amount") == null && rs.getBigDecimal("fee_percent") == null ? null
                                : new DunningPolicy.LateFee(plain(rs.getBigDecimal("fee_amount")),
                                plain(rs.getBigDecimal("fee_percent")))))
                .list();
        return Optional.of(new Stored(new DunningPolicy(steps, (Integer) head.get()[0], false), (Long) head.get()[1]));
    }

    /** The policy that applies to an issuer's buyers: its own, else the default. */
    public DunningPolicy effective(UUID issuerId) {
        return find(issuerId).map(Stored::policy).orElse(DunningPolicy.DEFAULT);
    }

    /** The current version, with the policy row locked (0 and nothing locked when the issuer has none yet). */
    public long lock(UUID issuerId) {
        return jdbc.sql("SELECT version FROM dunning_policy WHERE issuer_id = :id FOR UPDATE").param("id", issuerId)
                .query(Long.class).optional().orElse(0L);
    }

    /** Replaces the issuer's policy; answers its new version. */
    public long replace(UUID issuerId, String issuerPath, DunningPolicy policy, Instant now) {
        long version = jdbc.sql("""
                        INSERT INTO dunning_policy (issuer_id, issuer_path, customer_grace_days, version, updated_at)
                        VALUES (:id, :path, :grace, 1, :now)
                        ON CONFLICT (issuer_id) DO UPDATE SET customer_grace_days = EXCLUDED.customer_grace_days,
                               version = dunning_policy.version + 1, updated_at = EXCLUDED.updated_at
                        RETURNING version""")
                .param("id", issuerId).param("path", issuerPath).param("grace", policy.customerGraceDays())
                .param("now", Timestamp.from(now)).query(Long.class).single();
        jdbc.sql("DELETE FROM dunning_policy_step WHERE issuer_id = :id").param("id", issuerId).update();
        int position = 1;
        for (DunningPolicy.Step step : policy.steps()) {
            jdbc.sql("""
                            INSERT INTO dunning_policy_step (issuer_id, position, days_overdue, action, min_amount,
                                                             minimums, fee_amount, fee_percent)
                            VALUES (:id, :position, :days, :action, :min, CAST(:minimums AS jsonb), :fee, :percent)""")
                    .param("id", issuerId).param("position", position++).param("days", step.daysOverdue())
                    .param("action", step.action().name())
                    .param("min", step.minimumAmount() == null ? BigDecimal.ZERO : step.minimumAmount())
                    .param("minimums", minimumsJson(step.minimums()))
                    .param("fee", step.lateFee() == null ? null : step.lateFee().amount())
                    .param("percent", step.lateFee() == null ? null : step.lateFee().percent()).update();
        }
        return version;
    }

    private String minimumsJson(List<Money> minimums) {
        if (minimums == null || minimums.isEmpty()) {
            return null;
        }
        Map<String, String> byCurrency = new LinkedHashMap<>();
        minimums.forEach(m -> byCurrency.put(m.currency().getCurrencyCode(), m.amount().toPlainString()));
        return json.writeValueAsString(byCurrency);
    }

    private List<Money> minimums(String text) {
        List<Money> result = new ArrayList<>();
        if (text == null) {
            return result;
        }
        JsonNode node = json.readTree(text);
        for (var entry : node.properties()) {
            result.add(new Money(new BigDecimal(entry.getValue().asString()), Currency.getInstance(entry.getKey())));
        }
        return result;
    }

    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
