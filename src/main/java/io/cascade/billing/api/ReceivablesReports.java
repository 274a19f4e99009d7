package io.cascade.billing.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.internal.ReceivablesDocuments;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.catalog.api.PriceBook;
import io.cascade.catalog.api.Prices;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.Privilege;
import io.cascade.subscriptions.api.SubscriptionTerms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Receivables of an issuer: the ageing of its open invoices, and its monthly recurring revenue with the movement of
 * each month (docs/billing.md, "Receivables and MRR").
 */
@Service
public class ReceivablesReports {
    /** At most this many months in one MRR report. */
    public static final int MAX_MONTHS = 24;

    private final JdbcClient jdbc;
    private final AccountScope scope;
    private final SubscriptionTerms terms;
    private final PlanManagement plans;
    private final ReceivablesDocuments documents;
    private final Clock clock;

    ReceivablesReports(JdbcClient jdbc, AccountScope scope, SubscriptionTerms terms, PlanManagement plans,
                       ReceivablesDocuments documents, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.terms = terms;
        this.plans = plans;
        this.documents = documents;
        this.clock = clock;
    }

    /** The ageing of the issuer's open invoices as of {@code asOf} (YYYY-MM-DD; null: today). */
    public ReceivablesAgeing ageing(Caller caller, UUID accountId, String asOf) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        LocalDate day = asOf == null || asOf.isBlank() ? LocalDate.now(clock) : day(asOf);
        record Row(String currency, UUID buyer, String name, BigDecimal[] sums) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT i.currency, i.buyer_id, a.company_name,
                               coalesce(sum(i.due) FILTER (WHERE i.days <= 0), 0) AS b0,
                               coalesce(sum(i.due) FILTER (WHERE i.days BETWEEN 1 AND 30), 0) AS b1,
                               coalesce(sum(i.due) FILTER (WHERE i.days BETWEEN 31 AND 60), 0) AS b2,
                               coalesce(sum(i.due) FILTER (WHERE i.days BETWEEN 61 AND 90), 0) AS b3,
                               coalesce(sum(i.due) FILTER (WHERE i.days > 90), 0) AS b4,
                               sum(i.due) AS total
                        FROM (SELECT currency, buyer_id, total - paid + credited - written_off AS due,
                                     CAST(:asOf AS date) - due_date AS days
                              FROM invoice
                              WHERE issuer_id = :account AND kind = 'INVOICE' AND status = 'OPEN'
                                AND issue_date <= :asOf) i
                        JOIN account_tree a ON a.id = i.buyer_id
                        WHERE i.due > 0
                        GROUP BY i.currency, i.buyer_id, a.company_name
                        ORDER BY i.currency, a.company_name, i.buyer_id""")
                .param("account", account.id()).param("asOf", Date.valueOf(day))
                .query((rs, n) -> new Row(rs.getString("currency").trim(), rs.getObject("buyer_id", UUID.class),
                        rs.getString("company_name"), new BigDecimal[]{rs.getBigDecimal("b0"), rs.getBigDecimal("b1"),
                        rs.getBigDecimal("b2"), rs.getBigDecimal("b3"), rs.getBigDecimal("b4"),
                        rs.getBigDecimal("total")}))
                .list();
        Map<String, List<ReceivablesAgeing.Buyer>> byCurrency = new TreeMap<>();
        for (Row r : rows) {
            Currency c = Currency.getInstance(r.currency());
            byCurrency.computeIfAbsent(r.currency(), k -> new ArrayList<>()).add(new ReceivablesAgeing.Buyer(r.buyer(),
                    r.name(), new ReceivablesAgeing.Buckets(new Money(r.sums()[0], c), new Money(r.sums()[1], c),
                    new Money(r.sums()[2], c), new Money(r.sums()[3], c), new Money(r.sums()[4], c),
                    new Money(r.sums()[5], c))));
        }
        List<ReceivablesAgeing.CurrencyAgeing> currencies = new ArrayList<>();
        byCurrency.forEach((code, buyers) -> {
            Money zero = new Money(BigDecimal.ZERO, Currency.getInstance(code));
            ReceivablesAgeing.Buckets totals = new ReceivablesAgeing.Buckets(zero, zero, zero, zero, zero, zero);
            for (ReceivablesAgeing.Buyer b : buyers) {
                totals = totals.plus(b.buckets());
            }
            currencies.add(new ReceivablesAgeing.CurrencyAgeing(code, totals, List.copyOf(buyers)));
        });
        return new ReceivablesAgeing(account.id(), day, currencies);
    }

    public String ageingCsv(Caller caller, UUID accountId, String asOf) {
        return documents.ageingCsv(ageing(caller, accountId, asOf));
    }

    /**
     * The vendor's MRR at the end of every month from {@code from} to {@code to} (YYYY-MM; default the last 12
     * months up to the current one), with each month's movement.
     */
    public MrrReport mrr(Caller caller, UUID accountId, String from, String to) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        LocalDate today = LocalDate.now(clock);
        YearMonth last = to == null ? YearMonth.from(today) : month("to", to);
        YearMonth first = from == null ? last.minusMonths(11) : month("from", from);
        if (last.isAfter(YearMonth.from(today))) {
            throw new InvalidInputException("to", "must not be after the current month");
        }
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (first.plusMonths(MAX_MONTHS - 1L).isBefore(last)) {
            throw new InvalidInputException("from", "must be at most " + MAX_MONTHS + " months before to");
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        // the day each month is measured on: its last day, or today for the current month; index 0 is the opening
        List<LocalDate> days = new ArrayList<>();
        days.add(first.minusMonths(1).atEndOfMonth());
        for (YearMonth m : months) {
            LocalDate end = m.atEndOfMonth();
            days.add(end.isAfter(today) ? today : end);
        }
        List<UUID> buyers = jdbc.sql("""
                        SELECT DISTINCT account_id FROM subscriptions_facts
                        WHERE vendor_id = :vendor AND (status <> 'CANCELLED' OR cancelled_on >= :since)
                        ORDER BY account_id""")
                .param("vendor", account.id()).param("since", Date.valueOf(days.get(0)))
                .query(UUID.class).list();
        PriceBook book = plans.priceBook();
        Map<UUID, PlanTerms> planTerms = new HashMap<>();
        // per currency: the MRR of each month summed, and the four movements
        Map<String, BigDecimal[][]> sums = new TreeMap<>();
        Map<String, int[]> counts = new HashMap<>();
        for (SubscriptionTerms.History s : inBatches(buyers, days.get(0))) {
            if (!account.id().equals(s.vendorId())) {
                continue;
            }
            String currency = null;
            BigDecimal[] mrr = new BigDecimal[days.size()];
            for (int i = 0; i < days.size(); i++) {
                SubscriptionTerms.Terms t = inForce(s, days.get(i));
                if (t == null) {
                    mrr[i] = BigDecimal.ZERO;
                    continue;
                }
                PlanTerms plan = planTerms.computeIfAbsent(t.planId(), plans::terms);
                currency = plan.currency();
                mrr[i] = monthly(plan, t, book.pricesOn(plan.id(), days.get(i)));
            }
            if (currency == null) {
                continue;
            }
            BigDecimal[][] series = sums.computeIfAbsent(currency, k -> {
                BigDecimal[][] zeros = new BigDecimal[5][days.size()];
                for (BigDecimal[] row : zeros) {
                    java.util.Arrays.fill(row, BigDecimal.ZERO);
                }
                return zeros;
            });
            int[] live = counts.computeIfAbsent(currency, k -> new int[days.size()]);
            for (int i = 0; i < days.size(); i++) {
                series[0][i] = series[0][i].add(mrr[i]);
                if (mrr[i].signum() > 0) {
                    live[i]++;
                }
                if (i == 0) {
                    continue;
                }
                BigDecimal before = mrr[i - 1];
                BigDecimal now = mrr[i];
                if (before.signum() == 0 && now.signum() > 0) {
                    series[1][i] = series[1][i].add(now);
                } else if (before.signum() > 0 && now.signum() == 0) {
                    series[4][i] = series[4][i].add(before);
                } else if (now.compareTo(before) > 0) {
                    series[2][i] = series[2][i].add(now.subtract(before));
                } else if (now.compareTo(before) < 0) {
                    series[3][i] = series[3][i].add(before.subtract(now));
                }
            }
        }
        List<MrrReport.Series> currencies = new ArrayList<>();
        sums.forEach((code, series) -> {
            Currency c = Currency.getInstance(code);
            List<MrrReport.Month> rows = new ArrayList<>();
            for (int i = 1; i < days.size(); i++) {
                rows.add(new MrrReport.Month(months.get(i - 1), new Money(series[0][i], c), new Money(series[1][i], c),
                        new Money(series[2][i], c), new Money(series[3][i], c), new Money(series[4][i], c),
                        counts.get(code)[i]));
            }
            currencies.add(new MrrReport.Series(code, new Money(series[0][0], c), rows));
        });
        return new MrrReport(account.id(), List.copyOf(months), currencies);
    }

    /** Buyers per read of their subscriptions' terms: the report holds one batch at a time, whatever the vendor's size. */
    private static final int BUYERS_PER_READ = 500;

    /** The subscriptions' histories of the buyers, read {@link #BUYERS_PER_READ} buyers at a time as they are used. */
    private Iterable<SubscriptionTerms.History> inBatches(List<UUID> buyers, LocalDate cancelledSince) {
        return () -> new java.util.Iterator<>() {
            private int next;
            private java.util.Iterator<SubscriptionTerms.History> batch = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && next < buyers.size()) {
                    int end = Math.min(next + BUYERS_PER_READ, buyers.size());
                    batch = terms.ofAccounts(buyers.subList(next, end), cancelledSince).iterator();
                    next = end;
                }
                return batch.hasNext();
            }

            @Override
            public SubscriptionTerms.History next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    public String mrrCsv(Caller caller, UUID accountId, String from, String to) {
        return documents.mrrCsv(mrr(caller, accountId, from, to));
    }

    /** The terms a subscription is charged on that day, or null when it is not charged (not started, cancelled). */
    private static SubscriptionTerms.Terms inForce(SubscriptionTerms.History s, LocalDate day) {
        if (day.isBefore(s.startDate()) || (s.cancelAt() != null && !day.isBefore(s.cancelAt()))) {
            return null;
        }
        SubscriptionTerms.Terms found = null;
        for (SubscriptionTerms.Terms t : s.terms()) {
            if (t.effectiveFrom().isAfter(day)) {
                break;
            }
            found = t;
        }
        return found == null || !found.charged() ? null : found;
    }

    /**
     * The recurring fee and the extra units above the included quantities at that day's prices, for a month: a
     * yearly plan's amount divided by 12; rounded once, HALF_UP to the currency's scale.
     */
    private static BigDecimal monthly(PlanTerms plan, SubscriptionTerms.Terms t, Prices prices) {
        BigDecimal amount = prices.recurringFee().amount();
        for (PlanTerms.Resource r : plan.resources()) {
            BigDecimal extra = t.quantities().getOrDefault(r.resourceTypeId(), BigDecimal.ZERO).subtract(r.included());
            var unit = prices.of(r.code()).unitPrice();
            if (extra.signum() > 0 && unit != null) {
                amount = amount.add(extra.multiply(unit.amount()));
            }
        }
        int scale = Math.max(Currency.getInstance(plan.currency()).getDefaultFractionDigits(), 0);
        return plan.billingPeriod() == BillingPeriod.YEARLY
                ? amount.divide(BigDecimal.valueOf(12), scale, RoundingMode.HALF_UP)
                : amount.setScale(scale, RoundingMode.HALF_UP);
    }

    private static LocalDate day(String text) {
        try {
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // below
        }
        throw new InvalidInputException("asOf", "must be a date, YYYY-MM-DD");
    }

    private static YearMonth month(String field, String text) {
        try {
            if (text.matches("[0-9]{4}-[0-9]{2}")) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeParseException e) {
            // below
        }
        throw new InvalidInputException(field, "must be a month, YYYY-MM");
    }
}
