package io.cascade.billing.internal;

import io.cascade.shared.Caller;
import io.cascade.accounts.api.BillingParties;
import io.cascade.accounts.api.BillingParties.Party;
import io.cascade.billing.api.Cycles;
import io.cascade.catalog.api.BillingPeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Monthly commission statements: for each commission reseller, once its monthly period (on its own bill cycle day)
 * has ended, the commission percentage of what its vendor billed its customers on each offered plan in that period
 * (credits included), as invoice lines carry it. Written once per reseller, period and currency (a UNIQUE key).
 */
@Component
class CommissionStatements {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final JdbcClient jdbc;
    private final BillingParties parties;
    private final JsonMapper json;

    CommissionStatements(JdbcClient jdbc, BillingParties parties, JsonMapper json) {
        this.jdbc = jdbc;
        this.parties = parties;
        this.json = json;
    }

    /**
     * The statements of every commission reseller for each of its periods that ended on or before {@code asOf} and
     * has none yet: from the period after its latest statement (its first: the last period ended), so that a period
     * whose run was skipped gets its statement at the next run. A period without lines gets a zero statement.
     */
    void write(Caller platform, UUID runId, LocalDate asOf, Instant now) {
        Map<UUID, Party> resellers = parties.commissionResellers(platform);
        if (resellers.isEmpty()) {
            return;
        }
        Map<UUID, LocalDate> latest = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT reseller_id, max(period_end) AS last_end FROM commission_statement
                        WHERE reseller_id = ANY(:ids) GROUP BY reseller_id""")
                .param("ids", resellers.keySet().toArray(UUID[]::new))
                .query(rs -> {
                    latest.put(rs.getObject("reseller_id", UUID.class), rs.getDate("last_end").toLocalDate());
                });
        for (Party reseller : resellers.values()) {
            Cycles.Period current = Cycles.fullPeriodContaining(asOf, reseller.billCycleDay(), BillingPeriod.MONTHLY,
                    asOf);
            LocalDate from = latest.getOrDefault(reseller.id(), current.start().minusMonths(1));
            while (from.isBefore(current.start())) {
                Cycles.Period period = Cycles.fullPeriodContaining(from, reseller.billCycleDay(),
                        BillingPeriod.MONTHLY, from);
                LocalDate start = period.start().isBefore(from) ? from : period.start();
                write(reseller, new Cycles.Period(start, period.end()), runId, now);
                from = period.end();
            }
        }
    }

    private void write(Party reseller, Cycles.Period period, UUID runId, Instant now) {
        record Row(UUID planId, String currency, BigDecimal percent, BigDecimal billed) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT l.plan_id, i.currency, l.commission_percent, sum(l.amount) AS billed
                        FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                        WHERE l.commission_reseller_id = :reseller AND i.issue_date >= :from AND i.issue_date < :to
                        GROUP BY l.plan_id, i.currency, l.commission_percent ORDER BY i.currency, l.plan_id""")
                .param("reseller", reseller.id()).param("from", Date.valueOf(period.start()))
                .param("to", Date.valueOf(period.end()))
                .query((rs, n) -> new Row(rs.getObject("plan_id", UUID.class), rs.getString("currency"),
                        rs.getBigDecimal("commission_percent"), rs.getBigDecimal("billed"))).list();
        Map<String, List<Row>> byCurrency = new LinkedHashMap<>();
        rows.forEach(r -> byCurrency.computeIfAbsent(r.currency().trim(), k -> new ArrayList<>()).add(r));
        if (byCurrency.isEmpty() && reseller.currency() != null) {
            byCurrency.put(reseller.currency(), List.of()); // nothing billed: a statement of zero all the same
        }
        for (var entry : byCurrency.entrySet()) {
            int scale = Math.max(Currency.getInstance(entry.getKey()).getDefaultFractionDigits(), 0);
            BigDecimal billed = BigDecimal.ZERO;
            BigDecimal commission = BigDecimal.ZERO;
            List<Map<String, Object>> lines = new ArrayList<>();
            for (Row r : entry.getValue()) {
                BigDecimal c = r.billed().multiply(r.percent()).divide(HUNDRED, MathContext.DECIMAL128)
                        .setScale(scale, RoundingMode.HALF_UP);
                billed = billed.add(r.billed());
                commission = commission.add(c);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("planId", r.planId().toString());
                line.put("billed", r.billed().setScale(scale, RoundingMode.HALF_UP).toPlainString());
                line.put("percent", r.percent().stripTrailingZeros().toPlainString());
                line.put("commission", c.toPlainString());
                lines.add(line);
            }
            jdbc.sql("""
                            INSERT INTO commission_statement (id, reseller_id, reseller_path, vendor_id, period_start,
                                                              period_end, currency, billed, commission, lines, run_id,
                                                              created_at)
                            VALUES (:id, :reseller, :path, :vendor, :from, :to, :currency, :billed, :commission,
                                    CAST(:lines AS jsonb), :run, :now)
                            ON CONFLICT DO NOTHING""")
                    .param("id", UUID.randomUUID()).param("reseller", reseller.id()).param("path", reseller.path())
                    .param("vendor", reseller.vendorId()).param("from", Date.valueOf(period.start()))
                    .param("to", Date.valueOf(period.end())).param("currency", entry.getKey())
                    .param("billed", billed).param("commission", commission)
                    .param("lines", json.writeValueAsString(lines)).param("run", runId)
                    .param("now", Timestamp.from(now)).update();
        }
    }
}
