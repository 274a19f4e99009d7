package io.cascade.subscriptions.internal;

import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.provisioning.api.Operation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.LimitStop;
import io.cascade.subscriptions.api.LimitStopsChanged;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.usage.api.UsageThresholdsCrossed;
import io.cascade.usage.api.UsageTotals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Enforcing a metered resource's HARD limit (ADR 0039). When a batch of usage reaches the limit in the current month
 * ({@link UsageThresholdsCrossed}, in the ingesting transaction) the resource is stopped: an open stop is recorded
 * (once, whatever node sees it first), the service's adapter is asked to {@link Operation#ENFORCE} it, the stop is
 * audited and {@link LimitStopsChanged} tells the messages module. A stop is lifted — {@link Operation#LIFT}, audited,
 * told — when the subscription moves to a plan whose limit lies above the month's usage, when the month ends (the
 * {@code subscription-changes} sweep), and silently when the subscription is cancelled.
 */
@Component
public class LimitEnforcement {
    private static final int BATCH = 200;

    private final LimitStops stops;
    private final Subscriptions subscriptions;
    private final SubscriptionProvisioning provisioning;
    private final PlanManagement plans;
    private final UsageTotals usage;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LimitEnforcement(LimitStops stops, Subscriptions subscriptions, SubscriptionProvisioning provisioning,
                     PlanManagement plans, UsageTotals usage, AuditTrail audit, ApplicationEventPublisher events,
                     Clock clock) {
        this.stops = stops;
        this.subscriptions = subscriptions;
        this.provisioning = provisioning;
        this.plans = plans;
        this.usage = usage;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The open stops of these subscriptions (the API's {@code resources[].stopped}): one statement. */
    public Map<UUID, List<LimitStop>> openOf(List<Subscriptions.Row> rows) {
        Map<UUID, List<LimitStop>> result = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return result;
        }
        Map<UUID, Map<UUID, LimitStops.Stop>> open = stops.openOf(rows.stream().map(Subscriptions.Row::id).toList());
        for (Subscriptions.Row row : rows) {
            Map<UUID, LimitStops.Stop> own = open.get(row.id());
            if (own != null) {
                result.put(row.id(), own.values().stream().map(stop -> view(row, stop)).toList());
            }
        }
        return result;
    }

    /** Stops the resources whose HARD limit this month's usage reached; a past month's is only noted by usage. */
    @EventListener
    void on(UsageThresholdsCrossed event) {
        LocalDate month = month(clock.instant());
        List<UsageThresholdsCrossed.Crossing> reached = event.crossings().stream()
                .filter(c -> c.reachedHardLimit() && c.period().equals(month))
                .sorted(Comparator.comparing(UsageThresholdsCrossed.Crossing::subscriptionId)).toList();
        List<LimitStop> stopped = new ArrayList<>();
        Instant now = clock.instant();
        for (UsageThresholdsCrossed.Crossing crossing : reached) {
            Subscriptions.Row row = subscriptions.lock(crossing.subscriptionId()).orElse(null);
            if (row == null || row.purpose() == Purpose.RESALE || row.status() == SubscriptionStatus.CANCELLED) {
                continue;
            }
            Optional<LimitStops.Stop> opened = stops.open(row.id(), crossing.resourceTypeId(), crossing.period(),
                    crossing.limit(), crossing.used(), now);
            if (opened.isEmpty()) {
                continue; // stopped already
            }
            LimitStop stop = view(row, opened.get());
            Caller platform = platform(row);
            serviceOf(row, stop.resourceType()).ifPresent(service ->
                    provisioning.followLimit(platform, row, service, Operation.ENFORCE, payload(stop)));
            audit.record(new AuditRecord(platform, row.accountId(), row.accountPath(), "subscription.limit-stopped",
                    null, stop));
            stopped.add(stop);
        }
        if (!stopped.isEmpty()) {
            events.publishEvent(new LimitStopsChanged(LimitStopsChanged.Change.STOPPED, List.copyOf(stopped)));
        }
    }

    /**
     * After a plan change (the subscription row locked): lifts the stops whose resource the new plan limits above the
     * month's usage, or not at all.
     */
    void planChanged(Caller caller, Subscriptions.Row row, PlanTerms newPlan) {
        Map<UUID, LimitStops.Stop> open = stops.openOf(List.of(row.id())).getOrDefault(row.id(), Map.of());
        if (open.isEmpty()) {
            return;
        }
        LocalDate month = month(clock.instant());
        Map<UUID, BigDecimal> used = new LinkedHashMap<>();
        usage.ofSubscriptions(List.of(row.id()), month, month.plusMonths(1))
                .forEach(d -> used.merge(d.resourceTypeId(), d.quantity(), BigDecimal::add));
        List<UUID> raised = new ArrayList<>();
        for (LimitStops.Stop stop : open.values()) {
            Optional<PlanTerms.Resource> resource = newPlan.resources().stream()
                    .filter(r -> r.resourceTypeId().equals(stop.resourceTypeId())).findFirst();
            BigDecimal usedNow = used.getOrDefault(stop.resourceTypeId(), BigDecimal.ZERO);
            if (resource.isEmpty() || resource.get().limit() == null || resource.get().limitType() != LimitType.HARD
                    || resource.get().limit().compareTo(usedNow) > 0) {
                raised.add(stop.resourceTypeId());
            }
        }
        lifted(caller, row, stops.lift(row.id(), raised, LimitStop.LiftReason.LIMIT_RAISED, clock.instant()), true);
    }

    /** The subscription was cancelled: its stops end with it (its services are deprovisioned anyway). */
    void cancelled(Caller caller, Subscriptions.Row row) {
        Map<UUID, LimitStops.Stop> open = stops.openOf(List.of(row.id())).getOrDefault(row.id(), Map.of());
        if (!open.isEmpty()) {
            lifted(caller, row, stops.lift(row.id(), open.keySet(), LimitStop.LiftReason.CANCELLED,
                    clock.instant()), false);
        }
    }

    /**
     * Lifts the stops of months before {@code today}'s, in transactions of up to 200 stops each (rows taken with
     * SKIP LOCKED, so two sweeps never lift one twice); answers how many it lifted.
     */
    public int liftEndedMonths(TransactionTemplate transactions, LocalDate today) {
        LocalDate month = today.withDayOfMonth(1);
        int total = 0;
        while (true) {
            Integer lifted = transactions.execute(status -> {
                List<LimitStops.Stop> due = stops.liftBefore(month, BATCH, clock.instant());
                Map<UUID, List<LimitStops.Stop>> bySubscription = new LinkedHashMap<>();
                due.forEach(s -> bySubscription.computeIfAbsent(s.subscriptionId(), k -> new ArrayList<>()).add(s));
                List<LimitStop> views = new ArrayList<>();
                bySubscription.forEach((id, list) -> subscriptions.find(id).ifPresent(row ->
                        views.addAll(liftedQuietly(platform(row), row, list,
                                row.status() != SubscriptionStatus.CANCELLED))));
                if (!views.isEmpty()) {
                    events.publishEvent(new LimitStopsChanged(LimitStopsChanged.Change.LIFTED, List.copyOf(views)));
                }
                return due.size();
            });
            total += lifted == null ? 0 : lifted;
            if (lifted == null || lifted < BATCH) {
                return total;
            }
        }
    }

    private void lifted(Caller caller, Subscriptions.Row row, List<LimitStops.Stop> lifted, boolean tell) {
        List<LimitStop> views = liftedQuietly(caller, row, lifted, tell);
        if (tell && !views.isEmpty()) {
            events.publishEvent(new LimitStopsChanged(LimitStopsChanged.Change.LIFTED, List.copyOf(views)));
        }
    }

    /** Audits each lifted stop and, when {@code start}, asks its service to start the resource again. */
    private List<LimitStop> liftedQuietly(Caller caller, Subscriptions.Row row, List<LimitStops.Stop> lifted,
                                          boolean start) {
        List<LimitStop> views = new ArrayList<>();
        for (LimitStops.Stop stop : lifted) {
            LimitStop view = view(row, stop);
            if (start) {
                serviceOf(row, view.resourceType()).ifPresent(service ->
                        provisioning.followLimit(caller, row, service, Operation.LIFT, payload(view)));
            }
            audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(), "subscription.limit-lifted",
                    Map.of("subscriptionId", row.id(), "resourceType", view.resourceType(), "period",
                            view.period().toString()), view));
            views.add(view);
        }
        return views;
    }

    /** The code of the service that delivers the resource type under the subscription's current plan. */
    private Optional<String> serviceOf(Subscriptions.Row row, String resourceType) {
        return plans.terms(row.planId()).resource(resourceType).map(PlanTerms.Resource::serviceCode);
    }

    static LimitStop view(Subscriptions.Row row, LimitStops.Stop stop) {
        return new LimitStop(row.id(), row.accountId(), stop.resourceType(), strip(stop.limit()), strip(stop.used()),
                stop.period(), stop.stoppedAt(), stop.liftedAt(), stop.liftReason());
    }

    private static Map<String, Object> payload(LimitStop stop) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("resourceType", stop.resourceType());
        payload.put("limit", stop.limit().toPlainString());
        payload.put("used", stop.used().toPlainString());
        payload.put("period", stop.period().toString());
        return payload;
    }

    /** Enforcement acts as the platform; the audit event names the subscription's account as target. */
    private static Caller platform(Subscriptions.Row row) {
        return Caller.system(row.accountId(), row.accountPath(), "usage-limits");
    }

    private static LocalDate month(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
