package io.cascade.subscriptions.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Subtree;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.internal.BillingDays;
import io.cascade.subscriptions.internal.SubscriptionEngine;
import io.cascade.subscriptions.internal.Subscriptions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Buying, reading and changing subscriptions. Every method checks the subtree rule on the subscription's account
 * first. A change dated today or earlier applies at once; a later one is scheduled and applied on its day.
 */
@Service
public class SubscriptionManagement {
    private static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 1);

    private final Subscriptions subscriptions;
    private final SubscriptionEngine engine;
    private final PlanManagement plans;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<OrderGuard> guards;
    private final io.cascade.subscriptions.internal.LimitEnforcement limits;

    SubscriptionManagement(Subscriptions subscriptions, SubscriptionEngine engine, PlanManagement plans,
                           AccountScope scope, Validation validation, AuditTrail audit, JsonMapper json,
                           org.springframework.context.ApplicationEventPublisher events, Clock clock,
                           org.springframework.beans.factory.ObjectProvider<OrderGuard> guards,
                           io.cascade.subscriptions.internal.LimitEnforcement limits) {
        this.limits = limits;
        this.guards = guards;
        this.events = events;
        this.subscriptions = subscriptions;
        this.engine = engine;
        this.plans = plans;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public SubscriptionView create(Caller caller, UUID accountId, NewSubscription request) {
        ScopedAccount scoped = scope.require(caller, accountId);
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        validation.check(request);
        AccountFacts buyer = scope.facts(caller, scoped.id()).orElseThrow();
        if (buyer.status() != AccountStatus.ACTIVE) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_NOT_ACTIVE,
                    "The account is " + buyer.status() + "; only an active account subscribes.");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate start = request.startDate() != null ? request.startDate() : today;
        if (start.isBefore(EARLIEST_START) || start.isAfter(today.plusYears(1))) {
            throw new InvalidInputException("startDate", "must lie between 2000-01-01 and a year from today");
        }
        PlanTerms plan = plans.purchasable(caller, buyer, request.planId());
        Purpose purpose = plan.audience() == Audience.RESELLER ? Purpose.RESALE : Purpose.OWN_USE;
        if (purpose == Purpose.RESALE && request.resources() != null && !request.resources().isEmpty()) {
            throw new InvalidInputException("resources",
                    "a holding's quantities are what the reseller's subtree orders; they are not set directly");
        }
        for (OrderGuard guard : guards) {
            guard.beforeOrder(buyer.id(), plan.vendorId(), plan.id(), plan.currency(), start);
        }
        // an own-use subscription is ACTIVE once its services are provisioned (engine.start below, or on its start day)
        SubscriptionStatus status = start.isAfter(today) || purpose == Purpose.OWN_USE ? SubscriptionStatus.PENDING
                : SubscriptionStatus.ACTIVE;
        var now = clock.instant();
        Subscriptions.Row row = new Subscriptions.Row(UUID.randomUUID(), buyer.id(), buyer.path(), plan.id(),
                plan.vendorId(), purpose, status, false, start, null, null, 0, now, now, null);
        subscriptions.insert(row);
        if (purpose == Purpose.RESALE) {
            plan.resources().forEach(r -> subscriptions.setQuantity(row.id(), r.resourceTypeId(), BigDecimal.ZERO));
        } else {
            engine.applyQuantities(caller, row, plan, engine.quantities(plan, request.resources(), Map.of()));
        }
        subscriptions.recordTerms(row.id(), start, now);
        SubscriptionView created = view(subscriptions.find(row.id()).orElseThrow());
        audit.record(new AuditRecord(caller, buyer.id(), buyer.path(), "subscription.created", null,
                Map.of("subscription", created, "effectiveDate", start.toString())));
        // followers see it created as it was inserted, then its activation (when provisioning is done at once)
        events.publishEvent(SubscriptionsChanged.of(SubscriptionsChanged.Change.CREATED, row.id(), buyer.id()));
        if (purpose == Purpose.OWN_USE && !start.isAfter(today)) {
            engine.start(caller, subscriptions.find(row.id()).orElseThrow());
            created = view(subscriptions.find(row.id()).orElseThrow());
        }
        return created;
    }

    public Page<SubscriptionView> list(Caller caller, UUID accountId, Purpose purpose, SubscriptionStatus status,
                                       Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("subscription", cursor);
        if (after != null && !after.matches("[0-9T:.+\\-Z ]+\\|[0-9a-f-]{36}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<Subscriptions.Row> rows = subscriptions.ofAccount(account.id(), purpose, status, after, size + 1);
        List<Subscriptions.Row> page = rows.subList(0, Math.min(size, rows.size()));
        // a page costs four statements whatever its size: quantities, pending changes and stops for all its rows at once,
        // each plan's terms once
        List<UUID> ids = page.stream().map(Subscriptions.Row::id).toList();
        Map<UUID, Map<UUID, BigDecimal>> quantities = subscriptions.quantitiesOf(ids);
        Map<UUID, List<Subscriptions.Scheduled>> scheduled = subscriptions.scheduledForAll(ids);
        Map<UUID, List<LimitStop>> stopped = limits.openOf(page);
        Map<UUID, List<Subscriptions.HeldAddon>> addons = subscriptions.addons(ids);
        Map<UUID, PlanTerms> terms = new HashMap<>();
        List<SubscriptionView> views = page.stream().map(row -> view(row,
                terms.computeIfAbsent(row.planId(), plans::terms),
                quantities.getOrDefault(row.id(), Map.of()),
                scheduled.getOrDefault(row.id(), List.of()), stopped.getOrDefault(row.id(), List.of()),
                addons.getOrDefault(row.id(), List.of()))).toList();
        String next = rows.size() > size ? Cursors.encode("subscription", views.get(size - 1).createdAt() + "|"
                + views.get(size - 1).id()) : null;
        return new Page<>(views, next);
    }

    /**
     * What the subtree of an account (the account included) subscribes: counts per purpose and status, and the
     * end-customer subscriptions live at each of the last {@code months} month ends (1 to 24; this month's end
     * counts what is live today).
     */
    public SubscriptionActivity activity(Caller caller, UUID accountId, int months) {
        Subtree subtree = scope.subtree(caller, accountId);
        ScopedAccount account = subtree.account();
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        if (months < 1 || months > 24) {
            throw new InvalidInputException("months", "must be between 1 and 24");
        }
        Map<Purpose, Map<SubscriptionStatus, Long>> counts = new java.util.EnumMap<>(Purpose.class);
        for (Object[] row : subscriptions.countsOfSubtree(subtree)) {
            counts.computeIfAbsent(Purpose.valueOf((String) row[0]), p -> new java.util.EnumMap<>(
                    SubscriptionStatus.class)).put(SubscriptionStatus.valueOf((String) row[1]), (Long) row[2]);
        }
        java.time.YearMonth first = java.time.YearMonth.now(clock).minusMonths(months - 1L);
        List<Long> live = subscriptions.liveAtMonthEnds(subtree, first.atDay(1), months);
        List<SubscriptionActivity.Month> series = new java.util.ArrayList<>();
        for (int i = 0; i < months; i++) {
            series.add(new SubscriptionActivity.Month(first.plusMonths(i), live.get(i)));
        }
        return new SubscriptionActivity(account.id(), counts, series);
    }

    /**
     * Locks the subscription's row for the rest of the caller's transaction, as every change of the subscription does.
     * A module that serializes its own work per subscription takes this lock first, so that it never holds its own
     * lock while waiting for a change of the subscription that waits, in turn, for that lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID subscriptionId) {
        subscriptions.lock(subscriptionId);
    }

    public SubscriptionView get(Caller caller, UUID subscriptionId) {
        Subscriptions.Row row = subscriptions.find(subscriptionId).orElseThrow(NotFoundException::new);
        caller.requireCovers(row.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_READ);
        return view(row);
    }

    @Transactional
    public SubscriptionView change(Caller caller, UUID subscriptionId, SubscriptionChangeRequest request) {
        Subscriptions.Row row = locked(caller, subscriptionId);
        validation.check(request);
        if (row.status() == SubscriptionStatus.CANCELLED) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_CANCELLED, "A cancelled subscription no longer changes.");
        }
        if (request.planId() == null && (request.resources() == null || request.resources().isEmpty())) {
            throw new InvalidInputException("planId", "name a new plan, new quantities, or both");
        }
        PlanTerms current = plans.terms(row.planId());
        PlanTerms target = current;
        if (request.planId() != null && !request.planId().equals(row.planId())) {
            target = plans.purchasable(caller, scope.facts(caller, row.accountId()).orElseThrow(), request.planId());
            if (!target.vendorId().equals(current.vendorId()) || target.audience() != current.audience()) {
                throw new InvalidInputException("planId", "must be a plan of the same vendor and audience");
            }
        }
        LocalDate effective = effectiveDate(caller, row, request.effectiveDate());
        if (effective.isAfter(LocalDate.now(clock))) {
            engine.quantities(target, request.resources(), subscriptions.quantities(row.id())); // checks own limits now
            subscriptions.schedule(row.id(), ChangeKind.CHANGE, effective, target.id(),
                    request.resources() == null ? null : json.writeValueAsString(request.resources()),
                    caller.userId(), clock.instant());
            audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(), "subscription.change-scheduled",
                    null, Map.of("subscriptionId", row.id(), "planId", target.id(), "effectiveDate",
                    effective.toString())));
        } else {
            engine.change(caller, row, current, target, request.resources(), effective);
            auditBackdating(caller, row, ChangeKind.CHANGE, effective);
        }
        return view(subscriptions.find(row.id()).orElseThrow());
    }

    @Transactional
    public SubscriptionView suspend(Caller caller, UUID subscriptionId, StatusChangeRequest request) {
        Subscriptions.Row row = lockedForVendor(caller, subscriptionId);
        return statusChange(caller, row, ChangeKind.SUSPEND, request, () -> engine.suspend(caller, row,
                effectiveDate(request == null ? null : request.effectiveDate())));
    }

    @Transactional
    public SubscriptionView resume(Caller caller, UUID subscriptionId, StatusChangeRequest request) {
        Subscriptions.Row row = lockedForVendor(caller, subscriptionId);
        return statusChange(caller, row, ChangeKind.RESUME, request, () -> engine.resume(caller, row,
                effectiveDate(request == null ? null : request.effectiveDate())));
    }

    @Transactional
    public SubscriptionView cancel(Caller caller, UUID subscriptionId, StatusChangeRequest request) {
        Subscriptions.Row row = locked(caller, subscriptionId);
        if (row.status() == SubscriptionStatus.CANCELLED) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_CANCELLED, "The subscription is already cancelled.");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate effective;
        if (request != null && Boolean.TRUE.equals(request.atPeriodEnd())) {
            if (request.effectiveDate() != null) {
                throw new InvalidInputException("atPeriodEnd", "give either effectiveDate or atPeriodEnd");
            }
            AccountFacts buyer = scope.facts(caller, row.accountId()).orElseThrow();
            AccountFacts vendor = scope.facts(caller, buyer.vendorId()).orElseThrow();
            effective = BillingDays.periodEnd(buyer, vendor, plans.terms(row.planId()).billingPeriod(),
                    row.startDate(), today);
        } else {
            effective = effectiveDate(caller, row, request == null ? null : request.effectiveDate());
        }
        if (effective.isAfter(today)) {
            subscriptions.setCancelAt(row.id(), effective, clock.instant());
            audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(), "subscription.cancel-scheduled",
                    null, Map.of("subscriptionId", row.id(), "effectiveDate", effective.toString())));
        } else {
            engine.cancel(caller, row, plans.terms(row.planId()), effective);
            auditBackdating(caller, row, ChangeKind.CANCEL, effective);
        }
        return view(subscriptions.find(row.id()).orElseThrow());
    }

    /**
     * Makes sure an ACTIVE subscription holds at least {@code needed} units of a resource, for modules that count
     * what is in use against it (a mail subscription's mailboxes). Runs in the caller's transaction: it takes the
     * subscription's row lock first and only then asks {@code needed}, so concurrent reservations count one after
     * another. When more is needed than ordered, the quantity grows like a change of the subscription, through its
     * own limits and the holdings above (422 {@code limit-exceeded}), audited and provisioned. The caller's right to
     * act on the account is the calling module's to check.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public SubscriptionView reserve(Caller caller, UUID subscriptionId, String resourceType,
                                    java.util.function.LongSupplier needed) {
        Subscriptions.Row row = subscriptions.lock(subscriptionId).orElseThrow(NotFoundException::new);
        caller.requireCovers(row.accountPath());
        if (row.status() != SubscriptionStatus.ACTIVE) {
            throw RuleViolationException.conflict(Problem.SUBSCRIPTION_NOT_ACTIVE,
                    "The subscription is " + row.status() + "; only an active subscription takes more.");
        }
        PlanTerms plan = plans.terms(row.planId());
        PlanTerms.Resource resource = plan.resource(resourceType).orElseThrow(() -> RuleViolationException.conflict(
                Problem.RESOURCE_NOT_IN_PLAN, "The subscription's plan does not include " + resourceType + "."));
        BigDecimal held = subscriptions.quantities(row.id()).getOrDefault(resource.resourceTypeId(), BigDecimal.ZERO);
        BigDecimal wanted = BigDecimal.valueOf(needed.getAsLong());
        if (wanted.compareTo(held) > 0) {
            engine.change(caller, row, plan, plan, List.of(new ResourceQuantity(resourceType, wanted)),
                    LocalDate.now(clock));
        }
        return view(subscriptions.find(row.id()).orElseThrow());
    }

    private SubscriptionView statusChange(Caller caller, Subscriptions.Row row, ChangeKind kind,
                                          StatusChangeRequest request, Runnable now) {
        if (request != null && request.atPeriodEnd() != null) {
            throw new InvalidInputException("atPeriodEnd", "applies to cancellations only");
        }
        LocalDate effective = effectiveDate(request == null ? null : request.effectiveDate());
        if (effective.isAfter(LocalDate.now(clock))) {
            subscriptions.schedule(row.id(), kind, effective, null, null, caller.userId(), clock.instant());
            audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(),
                    "subscription." + kind.name().toLowerCase() + "-scheduled", null,
                    Map.of("subscriptionId", row.id(), "effectiveDate", effective.toString())));
        } else {
            now.run();
            auditBackdating(caller, row, kind, effective);
        }
        return view(subscriptions.find(row.id()).orElseThrow());
    }

    private Subscriptions.Row locked(Caller caller, UUID subscriptionId) {
        Subscriptions.Row row = subscriptions.find(subscriptionId).orElseThrow(NotFoundException::new);
        caller.requireCovers(row.accountPath());
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        return subscriptions.lock(subscriptionId).orElseThrow();
    }

    /** Suspending and resuming a subscription is its vendor side's decision, not the subscriber's. */
    private Subscriptions.Row lockedForVendor(Caller caller, UUID subscriptionId) {
        Subscriptions.Row row = locked(caller, subscriptionId);
        if (row.accountId().equals(caller.accountId())) {
            throw new RuleViolationException(Problem.VENDOR_DECIDES,
                    "Your vendor suspends and resumes your subscriptions; you may change or cancel them.");
        }
        return row;
    }

    /**
     * The day a change takes effect, as the caller may date it. The subscriber's side (the subscribing account's own
     * users, and customer users, who work for their customers) dates a change no earlier than today: a change dated
     * back would credit service already used. Backdating, up to a year, is the vendor side's decision.
     */
    private LocalDate effectiveDate(Caller caller, Subscriptions.Row row, LocalDate requested) {
        LocalDate effective = effectiveDate(requested);
        if (effective.isBefore(LocalDate.now(clock)) && subscriberSide(caller, row)) {
            throw new InvalidInputException("effectiveDate", "must not lie before today (" + LocalDate.now(clock)
                    + "): only your vendor dates a change back");
        }
        return effective;
    }

    private static boolean subscriberSide(Caller caller, Subscriptions.Row row) {
        return caller.kind() == io.cascade.shared.UserKind.CUSTOMER_USER
                || row.accountId().equals(caller.homeAccountId());
    }

    /** A change dated back is audited as such, naming the vendor side's decision, next to the change itself. */
    private void auditBackdating(Caller caller, Subscriptions.Row row, ChangeKind kind, LocalDate effective) {
        LocalDate today = LocalDate.now(clock);
        if (effective.isBefore(today)) {
            audit.record(new AuditRecord(caller, row.accountId(), row.accountPath(), "subscription.backdated", null,
                    Map.of("subscriptionId", row.id(), "change", kind, "effectiveDate", effective.toString(),
                            "recordedOn", today.toString(), "decidedBy", "VENDOR")));
        }
    }

    private LocalDate effectiveDate(LocalDate requested) {
        LocalDate today = LocalDate.now(clock);
        if (requested == null) {
            return today;
        }
        if (requested.isBefore(today.minusYears(1)) || requested.isAfter(today.plusYears(2))) {
            throw new InvalidInputException("effectiveDate", "must lie within a year back and two years ahead");
        }
        return requested;
    }

    /** The subscription as the API shows it. */
    public SubscriptionView view(Subscriptions.Row row) {
        return view(row, plans.terms(row.planId()), subscriptions.quantities(row.id()),
                subscriptions.scheduledFor(row.id()), limits.openOf(List.of(row)).getOrDefault(row.id(), List.of()),
                subscriptions.addons(List.of(row.id())).getOrDefault(row.id(), List.of()));
    }

    private static SubscriptionView view(Subscriptions.Row row, PlanTerms plan, Map<UUID, BigDecimal> quantities,
                                         List<Subscriptions.Scheduled> pending, List<LimitStop> stopped,
                                         List<Subscriptions.HeldAddon> held) {
        List<SubscriptionView.Resource> resources = plan.resources().stream().map(r -> {
            BigDecimal q = quantities.getOrDefault(r.resourceTypeId(), BigDecimal.ZERO);
            BigDecimal left = r.limit() == null ? null : r.limit().subtract(q).max(BigDecimal.ZERO);
            LimitStop stop = stopped.stream().filter(x -> x.resourceType().equals(r.code())).findFirst().orElse(null);
            return new SubscriptionView.Resource(r.code(), strip(q), strip(r.included()), strip(r.limit()),
                    r.limitType(), strip(left), stop);
        }).toList();
        List<SubscriptionView.Scheduled> scheduled = pending.stream()
                .map(c -> new SubscriptionView.Scheduled(c.id(), c.kind(), c.effectiveDate(), c.planId())).toList();
        Suspension suspension = row.status() != SubscriptionStatus.SUSPENDED ? null
                : row.suspendedWithAccount() ? Suspension.ACCOUNT
                : row.dunningEpisodeId() != null ? Suspension.DUNNING : Suspension.OWN;
        List<SubscriptionView.Addon> addons = held.stream().flatMap(a -> plan.addon(a.addonId()).stream()
                .map(t -> new SubscriptionView.Addon(a.addonId(), t.code(), t.name(), a.quantity(), a.addedOn())))
                .toList();
        return new SubscriptionView(row.id(), row.accountId(), row.planId(), row.vendorId(), row.purpose(),
                row.status(), suspension, row.startDate(), row.cancelAt(), row.cancelledOn(), resources, scheduled,
                addons, row.createdAt(), row.updatedAt(), row.accountPath(), row.version());
    }

    private static BigDecimal strip(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
