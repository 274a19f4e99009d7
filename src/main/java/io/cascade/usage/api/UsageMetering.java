package io.cascade.usage.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Subtree;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Privilege;
import io.cascade.usage.internal.UsageStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Usage ingestion and summaries. A batch is checked record by record — a subscription outside the caller's subtree
 * is reported exactly like one that does not exist — and the good records are stored in one pass; a record id the
 * same submitter (the reporting user's account) reported before for the same subscription, with a time in the same
 * month, is counted as a duplicate and changes nothing. Another submitter's record with that id is its own record:
 * nobody can claim ids in advance. Records older than the months kept ({@link UsageRetention}) are refused.
 */
@Service
public class UsageMetering {
    public static final int MAX_BATCH = 10_000;
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);
    /** The thresholds of a limit that are notified, in percent (ADR 0039). */
    private static final int[] THRESHOLDS = {80, 100};

    private final UsageStore store;
    private final UsageRetention retention;
    private final AccountScope scope;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    UsageMetering(UsageStore store, UsageRetention retention, AccountScope scope,
                  org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.store = store;
        this.retention = retention;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * Stores a batch of usage records. Each record is checked on its own — a subscription outside the caller's
     * subtree is reported exactly like one that does not exist — and the good ones are stored in one statement; the
     * receipt reports each refused record by its position in {@code records}.
     */
    @Transactional
    public UsageReceipt ingest(Caller caller, List<UsageRecord> records) {
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        if (records == null) {
            throw new InvalidInputException("records", "must be an array of usage records");
        }
        if (records.size() > MAX_BATCH) {
            throw new InvalidInputException("records", "at most " + MAX_BATCH + " records per batch");
        }
        Set<UUID> subscriptionIds = new LinkedHashSet<>();
        for (UsageRecord record : records) {
            if (record != null && record.subscriptionId() != null) {
                subscriptionIds.add(record.subscriptionId());
            }
        }
        Map<UUID, UsageStore.Meterable> meterable = store.meterable(List.copyOf(subscriptionIds));
        Instant now = clock.instant();
        Instant keptFrom = retention.keptFrom(); // once per batch, not per record
        List<UsageStore.Good> good = new ArrayList<>();
        List<UsageReceipt.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            UsageRecord record = records.get(i);
            List<FieldProblem> problems = new ArrayList<>();
            UsageStore.Good checked = check(caller, record, meterable, now, keptFrom, problems);
            if (problems.isEmpty()) {
                good.add(checked);
            } else {
                rejected.add(new UsageReceipt.Rejected(i, record == null ? null : record.id(), problems));
            }
        }
        // the months of limited metered resources this batch touches: checked once per key after the batch is stored
        Map<UsageStore.LimitKey, UsageStore.Meterable> limited = new java.util.HashMap<>();
        for (UsageStore.Good g : good) {
            UsageStore.Meterable m = meterable.get(g.subscriptionId());
            UsageStore.Limit limit = m.limits().get(g.resourceTypeId());
            if (limit != null) {
                limited.put(new UsageStore.LimitKey(g.subscriptionId(), g.resourceTypeId(),
                        g.at().atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1), limit.hard(),
                        limit.quantity()), m);
            }
        }
        // record ids are the submitter's own: unique per subscription, reporting account and month, never claimable by
        // another
        int stored = store.store(good, caller.homeAccountId(), now);
        if (stored > 0 && !limited.isEmpty()) {
            notifyThresholds(limited, now);
        }
        return new UsageReceipt(stored, good.size() - stored, rejected);
    }

    /**
     * The thresholds (80 % and 100 % of a limit) the batch took its keys past that were not given yet: one read for
     * the whole batch, and one insert only when something was crossed; the insert's answer says which of them this
     * transaction gave (ADR 0039). A batch that crosses both thresholds of a key reports the higher one.
     */
    private void notifyThresholds(Map<UsageStore.LimitKey, UsageStore.Meterable> limited, Instant now) {
        List<UsageStore.Notice> due = new ArrayList<>();
        for (UsageStore.LimitState state : store.limitStates(limited.keySet())) {
            for (int threshold : THRESHOLDS) {
                BigDecimal mark = state.key().limit().multiply(BigDecimal.valueOf(threshold))
                        .divide(BigDecimal.valueOf(100));
                if (state.used().signum() > 0 && state.used().compareTo(mark) >= 0
                        && !state.given().contains(threshold)) {
                    due.add(new UsageStore.Notice(state.key(), threshold, state.used()));
                }
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Map<UsageStore.LimitKey, UsageStore.Notice> highest = new java.util.LinkedHashMap<>();
        for (UsageStore.Notice notice : store.recordNotices(due, now)) {
            highest.merge(notice.key(), notice, (a, b) -> a.threshold() >= b.threshold() ? a : b);
        }
        List<UsageThresholdsCrossed.Crossing> crossings = new ArrayList<>();
        for (UsageStore.Notice notice : highest.values()) {
            UsageStore.LimitKey key = notice.key();
            UsageStore.Meterable m = limited.get(key);
            String code = m.code(key.resourceTypeId());
            crossings.add(new UsageThresholdsCrossed.Crossing(key.subscriptionId(), m.accountId(),
                    key.resourceTypeId(), code, key.hard(), notice.threshold(), strip(key.limit()),
                    strip(notice.used()), key.month()));
            if (!key.hard() && notice.threshold() == 100) {
                events.publishEvent(new UsageLimitReached(key.subscriptionId(), m.accountId(), code,
                        strip(key.limit()), strip(notice.used()), key.month()));
            }
        }
        if (!crossings.isEmpty()) {
            events.publishEvent(new UsageThresholdsCrossed(List.copyOf(crossings)));
        }
    }

    public UsageSummary summary(Caller caller, UUID accountId, LocalDate from, LocalDate to, Integer limit,
                                String cursor) {
        Subtree subtree = scope.subtree(caller, accountId);
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        LocalDate today = LocalDate.now(clock);
        LocalDate since = from != null ? from : today.withDayOfMonth(1);
        LocalDate until = to != null ? to : today.plusDays(1);
        if (!since.isBefore(until)) {
            throw new InvalidInputException("to", "must be after from");
        }
        if (since.plusYears(3).isBefore(until)) {
            throw new InvalidInputException("to", "a summary spans at most three years");
        }
        int size = Cursors.limit(limit);
        String after = Cursors.decode("usage", cursor);
        UUID afterSubscription = null;
        String afterType = null;
        if (after != null) {
            String[] parts = after.split("\\|", 2);
            try {
                afterSubscription = UUID.fromString(parts[0]);
                afterType = parts.length > 1 ? parts[1] : "";
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this list");
            }
        }
        List<UsageSummary.Total> totals = store.totals(subtree, since, until).stream()
                .map(r -> new UsageSummary.Total((String) r[0], strip((BigDecimal) r[1]), (Long) r[2])).toList();
        List<Object[]> rows = store.lines(subtree, since, until, afterSubscription, afterType, size + 1);
        List<UsageSummary.Line> lines = rows.stream().limit(size).map(r -> new UsageSummary.Line((UUID) r[0],
                (UUID) r[1], (String) r[2], strip((BigDecimal) r[3]), (Long) r[4])).toList();
        String next = rows.size() > size ? Cursors.encode("usage", lines.get(size - 1).subscriptionId() + "|"
                + lines.get(size - 1).resourceType()) : null;
        return new UsageSummary(subtree.account().id(), since, until, totals, lines, next);
    }

    /** Usage of the subtree (the account included) per resource type for each of the last {@code months} months. */
    public UsageTrend trend(Caller caller, UUID accountId, int months) {
        Subtree subtree = scope.subtree(caller, accountId);
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        if (months < 1 || months > 24) {
            throw new InvalidInputException("months", "must be between 1 and 24");
        }
        java.time.YearMonth first = java.time.YearMonth.now(clock).minusMonths(months - 1L);
        List<java.time.YearMonth> monthList = java.util.stream.IntStream.range(0, months)
                .mapToObj(first::plusMonths).toList();
        Map<String, BigDecimal[]> byType = new java.util.TreeMap<>();
        for (Object[] row : store.monthly(subtree, first.atDay(1), first.plusMonths(months).atDay(1))) {
            BigDecimal[] values = byType.computeIfAbsent((String) row[0], t -> {
                BigDecimal[] zeros = new BigDecimal[months];
                java.util.Arrays.fill(zeros, BigDecimal.ZERO);
                return zeros;
            });
            int index = monthList.indexOf(java.time.YearMonth.from((LocalDate) row[1]));
            values[index] = strip((BigDecimal) row[2]);
        }
        return new UsageTrend(subtree.account().id(), monthList, byType.entrySet().stream()
                .map(e -> new UsageTrend.Series(e.getKey(), List.of(e.getValue()))).toList());
    }

    /**
     * Daily usage of one subscription per resource type over the days {@code from} (inclusive) to {@code to}
     * (exclusive, at most 92 days; default: this month so far). 404 outside the caller's subtree.
     */
    public SubscriptionUsage ofSubscription(Caller caller, UUID subscriptionId, LocalDate from, LocalDate to) {
        UsageStore.Meterable subscription = store.meterable(List.of(subscriptionId)).get(subscriptionId);
        if (subscription == null) {
            throw new io.cascade.shared.NotFoundException();
        }
        caller.requireCovers(subscription.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        LocalDate today = LocalDate.now(clock);
        LocalDate since = from != null ? from : today.withDayOfMonth(1);
        LocalDate until = to != null ? to : today.plusDays(1);
        if (!since.isBefore(until)) {
            throw new InvalidInputException("to", "must be after from");
        }
        if (since.plusDays(92).isBefore(until)) {
            throw new InvalidInputException("to", "daily usage spans at most 92 days");
        }
        Map<String, List<SubscriptionUsage.Day>> days = new java.util.TreeMap<>();
        subscription.resourceTypes().keySet().forEach(code -> days.put(code, new ArrayList<>()));
        for (Object[] row : store.daily(subscriptionId, since, until)) {
            days.computeIfAbsent((String) row[0], code -> new ArrayList<>())
                    .add(new SubscriptionUsage.Day((LocalDate) row[1], strip((BigDecimal) row[2])));
        }
        return new SubscriptionUsage(subscriptionId, since, until, days.entrySet().stream()
                .map(e -> new SubscriptionUsage.Series(e.getKey(), strip(e.getValue().stream()
                        .map(SubscriptionUsage.Day::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)),
                        List.copyOf(e.getValue()))).toList());
    }

    private UsageStore.Good check(Caller caller, UsageRecord record, Map<UUID, UsageStore.Meterable> meterable,
                                  Instant now, Instant keptFrom, List<FieldProblem> problems) {
        if (record == null) {
            problems.add(new FieldProblem("record", "must be an object"));
            return null;
        }
        String id = record.id();
        if (id == null || id.isBlank() || id.length() > 100) {
            problems.add(new FieldProblem("id", "must be a string of 1 to 100 characters"));
        }
        UUID subscriptionId = record.subscriptionId();
        UsageStore.Meterable subscription = subscriptionId == null ? null : meterable.get(subscriptionId);
        if (subscription == null || !caller.covers(subscription.accountPath())) {
            problems.add(new FieldProblem("subscriptionId", "is not a subscription you can report usage for"));
            subscription = null;
        }
        UUID resourceTypeId = null;
        if (record.resourceType() == null) {
            problems.add(new FieldProblem("resourceType", "must be a resource type code"));
        } else if (subscription != null) {
            resourceTypeId = subscription.resourceTypes().get(record.resourceType());
            if (resourceTypeId == null) {
                problems.add(new FieldProblem("resourceType", "is not a resource of the subscription's plan"));
            } else if (!subscription.metered().contains(record.resourceType())) {
                problems.add(new FieldProblem("resourceType", "is not metered: its quantity is what is ordered"));
            }
        }
        BigDecimal quantity = record.quantity();
        if (quantity == null || quantity.signum() < 0 || quantity.scale() > 4
                || quantity.precision() - quantity.scale() > 15) {
            problems.add(new FieldProblem("quantity", "must be a number from 0 with at most 4 decimals"));
        }
        Instant at = record.at();
        if (at == null) {
            problems.add(new FieldProblem("at", "must be an ISO-8601 timestamp"));
        } else if (at.isBefore(keptFrom)) {
            // the month this batch was checked against (the clock is not read again)
            LocalDate oldest = keptFrom.atOffset(ZoneOffset.UTC).toLocalDate();
            problems.add(new FieldProblem("at", oldest.equals(UsageRetention.EARLIEST)
                    ? "lies before 2000-01-01, where usage and billing history begin"
                    : "lies before " + oldest + ": usage records are kept for " + retention.months()
                    + " months, so an older one could not be told from a duplicate"));
        } else if (at.isAfter(now.plus(FUTURE_SLACK))) {
            problems.add(new FieldProblem("at", "lies in the future"));
        } else if (subscription != null && subscription.cancelledOn() != null
                && at.atOffset(ZoneOffset.UTC).toLocalDate().isAfter(subscription.cancelledOn())) {
            problems.add(new FieldProblem("at", "lies after the subscription was cancelled"));
        }
        return problems.isEmpty() ? new UsageStore.Good(subscriptionId, id, resourceTypeId, quantity, at) : null;
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
