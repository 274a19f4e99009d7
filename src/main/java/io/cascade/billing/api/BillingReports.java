package io.cascade.billing.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Subtree;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.Privilege;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports over what was billed: a reseller's margin per month, a commission reseller's statements. */
@Service
public class BillingReports {
    private final JdbcClient jdbc;
    private final AccountScope scope;
    private final JsonMapper json;
    private final java.time.Clock clock;

    BillingReports(JdbcClient jdbc, AccountScope scope, JsonMapper json, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.json = json;
        this.clock = clock;
    }

    public MarginReport margin(Caller caller, UUID accountId, String period) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        YearMonth month;
        try {
            // four digits of year only: YearMonth also reads +999999999-12, whose next month does not exist
            month = YearMonth.parse(period == null || !period.matches("[0-9]{4}-[0-9]{2}") ? "" : period);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("period", "must be a month, YYYY-MM");
        }
        record Row(String currency, UUID holding, BigDecimal retail, BigDecimal cost) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT i.currency, l.wholesale_subscription_id AS holding_id, sum(l.amount) AS retail, 0 AS cost
                        FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
                        WHERE i.issuer_id = :account AND i.issue_date >= :from AND i.issue_date < :to
                        GROUP BY 1, 2
                        UNION ALL
                        SELECT i.currency, l.subscription_id AS holding_id, 0 AS retail, sum(l.amount) AS cost
                        FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
                        WHERE i.buyer_id = :account AND l.wholesale AND i.issue_date >= :from AND i.issue_date < :to
                        GROUP BY 1, 2""")
                .param("account", account.id()).param("from", Date.valueOf(month.atDay(1)))
                .param("to", Date.valueOf(month.plusMonths(1).atDay(1)))
                .query((rs, n) -> new Row(rs.getString("currency").trim(),
                        rs.getObject("holding_id", UUID.class), rs.getBigDecimal("retail"), rs.getBigDecimal("cost"))).list();
        Map<String, Map<UUID, BigDecimal[]>> byCurrency = new LinkedHashMap<>();
        for (Row r : rows) {
            BigDecimal[] sums = byCurrency.computeIfAbsent(r.currency(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.holding(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(r.retail());
            sums[1] = sums[1].add(r.cost());
        }
        List<MarginReport.Currency> currencies = new ArrayList<>();
        byCurrency.forEach((code, holdings) -> {
            Currency c = Currency.getInstance(code);
            BigDecimal retail = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO;
            List<MarginReport.Holding> lines = new ArrayList<>();
            for (var h : holdings.entrySet()) {
                retail = retail.add(h.getValue()[0]);
                cost = cost.add(h.getValue()[1]);
                lines.add(new MarginReport.Holding(h.getKey(), new Money(h.getValue()[0], c),
                        new Money(h.getValue()[1], c), new Money(h.getValue()[0].subtract(h.getValue()[1]), c)));
            }
            BigDecimal own = holdings.containsKey(null) ? holdings.get(null)[0] : BigDecimal.ZERO;
            currencies.add(new MarginReport.Currency(code, new Money(retail, c), new Money(cost, c),
                    new Money(retail.subtract(cost), c), lines, new Money(own, c)));
        });
        return new MarginReport(account.id(), month, currencies);
    }

    /**
     * Revenue billed by the account and the issuers below it in each of the last {@code months} months (1 to 24),
     * per tier and currency: for a whole subtree, the revenue kept for the account (ADR 0044); for a narrowed one, one
     * aggregate over the invoices whose issuer lies in it.
     */
    public RevenueReport revenue(Caller caller, UUID accountId, int months) {
        Subtree subtree = scope.subtree(caller, accountId);
        ScopedAccount account = subtree.account();
        caller.require(Privilege.BILLING_READ);
        if (months < 1 || months > 24) {
            throw new InvalidInputException("months", "must be between 1 and 24");
        }
        YearMonth first = YearMonth.now(clock).minusMonths(months - 1L);
        List<YearMonth> monthList = java.util.stream.IntStream.range(0, months).mapToObj(first::plusMonths).toList();
        Map<String, BigDecimal[]> byTier = new java.util.TreeMap<>();
        Subtree.Condition issuers = subtree.within("i.issuer_path");
        var statement = subtree.whole()
                // the revenue kept for the account as invoices are written below it (invoice_revenue, ADR 0044)
                ? jdbc.sql("""
                        SELECT issuer_level AS level, currency, month AS issue_month, sum(subtotal) AS revenue
                        FROM invoice_revenue WHERE path = :path AND month >= :since AND month < :until
                        GROUP BY 1, 2, 3""").param("path", account.path())
                : issuers.bind(jdbc.sql("""
                        SELECT a.level, i.currency, CAST(date_trunc('month', i.issue_date) AS date) AS issue_month,
                               sum(i.subtotal) AS revenue
                        FROM invoice i JOIN account_tree a ON a.id = i.issuer_id
                        WHERE %s
                          AND i.issue_date >= :since AND i.issue_date < :until
                        GROUP BY 1, 2, 3""".formatted(issuers.sql())));
        statement.param("since", Date.valueOf(first.atDay(1))).param("until", Date.valueOf(first.plusMonths(months)
                        .atDay(1)))
                .query(rs -> {
                    BigDecimal[] sums = byTier.computeIfAbsent(String.format("%03d|%s", rs.getInt("level"),
                            rs.getString("currency").trim()), k -> {
                        BigDecimal[] zeros = new BigDecimal[months];
                        java.util.Arrays.fill(zeros, BigDecimal.ZERO);
                        return zeros;
                    });
                    sums[monthList.indexOf(YearMonth.from(rs.getDate("issue_month").toLocalDate()))] = rs.getBigDecimal("revenue");
                });
        List<RevenueReport.Tier> tiers = new ArrayList<>();
        byTier.forEach((key, sums) -> {
            Currency c = Currency.getInstance(key.substring(4));
            tiers.add(new RevenueReport.Tier(Integer.parseInt(key.substring(0, 3)), c.getCurrencyCode(),
                    java.util.Arrays.stream(sums).map(v -> new Money(v, c)).toList()));
        });
        return new RevenueReport(account.id(), monthList, tiers);
    }

    public List<CommissionStatementView> commissionStatements(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        return jdbc.sql("""
                        SELECT id, reseller_id, vendor_id, period_start, period_end, currency, billed, commission,
                               lines::text AS lines, created_at
                        FROM commission_statement WHERE reseller_id = :id ORDER BY period_start DESC, currency
                        LIMIT 500""")
                .param("id", account.id())
                .query((rs, n) -> {
                    Currency c = Currency.getInstance(rs.getString("currency").trim());
                    List<CommissionStatementView.Line> lines = new ArrayList<>();
                    for (JsonNode l : json.readTree(rs.getString("lines"))) {
                        lines.add(new CommissionStatementView.Line(UUID.fromString(l.path("planId").asString()),
                                new Money(new BigDecimal(l.path("billed").asString()), c),
                                new BigDecimal(l.path("percent").asString()),
                                new Money(new BigDecimal(l.path("commission").asString()), c)));
                    }
                    return new CommissionStatementView(rs.getObject("id", UUID.class),
                            rs.getObject("reseller_id", UUID.class), rs.getObject("vendor_id", UUID.class),
                            rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate(),
                            new Money(rs.getBigDecimal("billed"), c), new Money(rs.getBigDecimal("commission"), c),
                            lines, rs.getTimestamp("created_at").toInstant());
                }).list();
    }
}
