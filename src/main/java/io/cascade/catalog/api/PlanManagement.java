package io.cascade.catalog.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.internal.PlanPricing;
import io.cascade.catalog.internal.PlanRules;
import io.cascade.catalog.internal.Plans;
import io.cascade.catalog.internal.Services;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Plans of every vendor: creating, reading, changing (prices of a published plan from a given day), publishing,
 * retiring, and which plans an account may buy. Reseller plans are checked against what the reseller holds and what
 * it pays for it (see {@link PlanCosts}).
 */
@Service
public class PlanManagement {
    private final Plans plans;
    private final io.cascade.catalog.internal.Addons addons;
    private final Services services;
    private final PlanPricing pricing;
    private final PlanCosts costs;
    private final Holdings holdings;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    PlanManagement(Plans plans, io.cascade.catalog.internal.Addons addons, Services services, PlanPricing pricing,
                   PlanCosts costs, Holdings holdings, AccountScope scope, Validation validation, AuditTrail audit,
                   Clock clock) {
        this.plans = plans;
        this.addons = addons;
        this.services = services;
        this.pricing = pricing;
        this.costs = costs;
        this.holdings = holdings;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public PlanView create(Caller caller, UUID vendorId, PlanDraft draft) {
        ScopedAccount scoped = scope.require(caller, vendorId);
        caller.require(Privilege.CATALOG_MANAGE);
        AccountFacts vendor = sellingVendor(caller, scoped.id());
        Pricing rule = draft.pricing() != null ? draft.pricing() : Pricing.FIXED;
        validation.check(draft, PlanRules.problems(vendor, draft.setupFee(), draft.recurringFee(), rule,
                draft.resources(), services));
        List<Plans.Resource> resources = resources(draft.resources());
        costs.requireHeld(vendor, resources);
        UUID id = UUID.randomUUID();
        plans.insert(new Plans.NewPlan(id, vendor.id(), vendor.path(), draft.name(), draft.description(),
                draft.audience(), draft.billingPeriod(), vendor.currency()), clock.instant());
        plans.replaceResources(id, resources);
        PriceVersion prices = priceVersion(Plans.SINCE_EVER, rule, draft.setupFee(), draft.recurringFee(),
                draft.resources(), vendor.currency(), false);
        List<Map<String, Object>> below = costs.belowCost(vendor, resources, prices, LocalDate.now(clock),
                Boolean.TRUE.equals(draft.allowBelowCost()));
        prices = withBelowCost(prices, !below.isEmpty());
        plans.putPrices(id, prices, clock.instant());
        PlanView created = view(plans.find(id).orElseThrow());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "plan.created", null,
                below.isEmpty() ? created : Map.of("plan", created, "allowBelowCost", true, "belowCost", below)));
        return created;
    }

    public Page<PlanView> list(Caller caller, UUID vendorId, PlanStatus status, Audience audience, Integer limit,
                               String cursor) {
        ScopedAccount vendor = scope.require(caller, vendorId);
        caller.require(Privilege.CATALOG_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("plan", cursor);
        if (after != null && !after.matches("[0-9T:.+\\-Z ]+\\|[0-9a-f-]{36}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<UUID> ids = plans.ofVendor(vendor.id(), status, audience, after, size + 1);
        List<PlanView> views = plans.findAll(ids.subList(0, Math.min(size, ids.size()))).stream().map(this::view)
                .toList();
        String next = ids.size() > size ? Cursors.encode("plan", views.get(size - 1).createdAt() + "|"
                + views.get(size - 1).id()) : null;
        return new Page<>(views, next);
    }

    /** A plan: for its vendor's side (the caller covers the vendor), or for an account that may buy or holds it. */
    public PlanView get(Caller caller, UUID planId) {
        Plans.PlanRecord plan = visible(caller, planId);
        caller.require(Privilege.CATALOG_READ);
        return view(plan);
    }

    public Page<PlanView> available(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.CATALOG_READ);
        AccountFacts buyer = scope.facts(caller, account.id()).orElseThrow();
        return new Page<>(plans.findAll(availableIds(caller, buyer, null)).stream().map(this::view).toList(), null);
    }

    /**
     * The published end-customer plans a new customer of this vendor may buy, oldest first, with today's prices: its
     * own, or for a commission reseller the plans it is offered (a storefront's list). Three indexed reads.
     */
    public List<PlanView> onSale(Caller caller, UUID vendorId) {
        ScopedAccount scoped = scope.require(caller, vendorId);
        caller.require(Privilege.CATALOG_READ);
        AccountFacts vendor = scope.facts(caller, scoped.id()).orElseThrow();
        if (!vendor.sells()) {
            return List.of();
        }
        boolean commission = vendor.resellerModel() == ResellerModel.COMMISSION;
        LocalDate today = LocalDate.now(clock);
        // derived prices: each wholesale price is looked up once for all the plans, not once per plan
        Map<List<UUID>, java.util.Optional<Prices.ResourcePrices>> wholesale = new java.util.HashMap<>();
        return plans.findAll(plans.availableTo(vendor.id(), commission, false, null)).stream()
                .map(plan -> view(plan, pricing.on(plan, today, (seller, resourceTypeId) -> wholesale
                        .computeIfAbsent(List.of(seller, resourceTypeId), key -> plan.resources().stream()
                                .filter(r -> r.resourceTypeId().equals(resourceTypeId)).findFirst()
                                .flatMap(r -> pricing.wholesale(plan, r, today))))))
                .toList();
    }

    /**
     * A stamp of what {@link #onSale} reads of a vendor's plans (how many, and when the last one changed, its own and
     * those it is offered): equal stamps, equal plans, until a day or a wholesale price passes. Two index reads.
     */
    public String onSaleStamp(UUID vendorId) {
        return plans.stamp(vendorId);
    }

    @Transactional
    public PlanView update(Caller caller, UUID planId, String ifMatch, UnaryOperator<PlanUpdate> changes) {
        Plans.PlanRecord before = plans.find(planId).orElseThrow(NotFoundException::new);
        caller.requireCovers(before.vendorPath());
        caller.require(Privilege.CATALOG_MANAGE);
        Etags.checkIfMatch(ifMatch, before.version());
        if (before.status() == PlanStatus.RETIRED) {
            throw RuleViolationException.conflict(Problem.PLAN_RETIRED, "A retired plan no longer changes.");
        }
        AccountFacts vendor = scope.facts(caller, before.vendorId()).orElseThrow();
        LocalDate today = LocalDate.now(clock);
        PlanUpdate current = document(before, today);
        PlanUpdate changed = changes.apply(current);
        validation.check(changed, PlanRules.problems(vendor, changed.setupFee(), changed.recurringFee(),
                changed.pricing(), changed.resources(), services));
        List<Plans.Resource> resources = resources(changed.resources());
        PriceVersion prices;
        if (before.status() == PlanStatus.DRAFT) {
            if (changed.effectiveFrom() != null) {
                throw new InvalidInputException("effectiveFrom", "a draft's prices apply from its start; leave it out");
            }
            costs.requireHeld(vendor, resources);
            plans.replaceResources(planId, resources);
            prices = priceVersion(Plans.SINCE_EVER, changed.pricing(), changed.setupFee(), changed.recurringFee(),
                    changed.resources(), vendor.currency(), false);
        } else {
            refuseFrozenChanges(current, changed);
            boolean pricesChanged = !Objects.equals(current.pricing(), changed.pricing())
                    || !Objects.equals(current.setupFee(), changed.setupFee())
                    || !Objects.equals(current.recurringFee(), changed.recurringFee())
                    || !current.resources().stream().map(PlanManagement::prices).toList()
                    .equals(changed.resources().stream().map(PlanManagement::prices).toList());
            if (pricesChanged && changed.effectiveFrom() == null) {
                throw new InvalidInputException("effectiveFrom",
                        "is required to change the prices of a published plan (today or later)");
            }
            if (changed.effectiveFrom() != null && (changed.effectiveFrom().isBefore(today)
                    || changed.effectiveFrom().isAfter(today.plusYears(5)))) {
                throw new InvalidInputException("effectiveFrom", "must be today or later, within five years");
            }
            prices = pricesChanged ? priceVersion(changed.effectiveFrom(), changed.pricing(), changed.setupFee(),
                    changed.recurringFee(), changed.resources(), vendor.currency(), false) : null;
        }
        List<Map<String, Object>> below = List.of();
        if (prices != null) {
            below = costs.belowCost(vendor, resources, prices, prices.effectiveFrom().isBefore(today) ? today
                    : prices.effectiveFrom(), Boolean.TRUE.equals(changed.allowBelowCost()));
            plans.putPrices(planId, withBelowCost(prices, !below.isEmpty()), clock.instant());
        }
        if (!plans.update(planId, before.version(), changed.name(), changed.description(), changed.audience(),
                changed.billingPeriod(), clock.instant())) {
            throw new PreconditionFailedException();
        }
        PlanView after = view(plans.find(planId).orElseThrow());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "plan.updated", view(before),
                below.isEmpty() ? after : Map.of("plan", after, "allowBelowCost", true, "belowCost", below)));
        return after;
    }

    @Transactional
    public PlanView publish(Caller caller, UUID planId) {
        return transition(caller, planId, PlanStatus.DRAFT, PlanStatus.PUBLISHED, "plan.published");
    }

    @Transactional
    public PlanView retire(Caller caller, UUID planId) {
        return transition(caller, planId, PlanStatus.PUBLISHED, PlanStatus.RETIRED, "plan.retired");
    }

    /** The plan's prices beside the reseller's wholesale cost of each resource today (its vendor's side only). */
    public PlanMargins margins(Caller caller, UUID planId) {
        Plans.PlanRecord plan = plans.find(planId).orElseThrow(NotFoundException::new);
        caller.requireCovers(plan.vendorPath());
        caller.require(Privilege.CATALOG_READ);
        LocalDate today = LocalDate.now(clock);
        AccountFacts vendor = scope.facts(caller, plan.vendorId()).orElseThrow();
        Prices mine = pricing.on(plan, today);
        Map<String, Prices.ResourcePrices> wholesale = costs.wholesale(vendor, plan.resources(), today);
        List<PlanMargins.Line> lines = plan.resources().stream().map(r -> {
            Prices.ResourcePrices own = mine.of(r.code());
            if (vendor.id().equals(r.ownerId())) {
                // its own product: pure revenue, no cost line (ADR 0036)
                return new PlanMargins.Line(r.code(), own.unitPrice(), null, own.unitPrice(), own.usagePrice(), null,
                        own.usagePrice(), true);
            }
            Prices.ResourcePrices cost = wholesale.getOrDefault(r.code(), new Prices.ResourcePrices(null, null));
            return new PlanMargins.Line(r.code(), own.unitPrice(), cost.unitPrice(),
                    margin(own.unitPrice(), cost.unitPrice()), own.usagePrice(), cost.usagePrice(),
                    margin(own.usagePrice(), cost.usagePrice()), false);
        }).toList();
        return new PlanMargins(plan.id(), today, lines);
    }

    private static io.cascade.shared.Price margin(io.cascade.shared.Price price, io.cascade.shared.Price cost) {
        if (price == null || cost == null || !price.currency().equals(cost.currency())) {
            return null;
        }
        return new io.cascade.shared.Price(price.amount().subtract(cost.amount()), price.currency());
    }

    /** The plan's terms if {@code buyer} may buy it now; 404 if it may not see it, 422 if it is retired. */
    public PlanTerms purchasable(Caller caller, AccountFacts buyer, UUID planId) {
        Plans.PlanRecord plan = plans.find(planId).orElseThrow(NotFoundException::new);
        if (!availableIds(caller, buyer, planId, PlanStatus.PUBLISHED).isEmpty()) {
            return terms(plan);
        }
        if (!availableIds(caller, buyer, planId, PlanStatus.RETIRED).isEmpty()) {
            throw RuleViolationException.unprocessable(Problem.PLAN_RETIRED, "This plan is retired and takes no new "
                    + "subscriptions.");
        }
        throw new NotFoundException();
    }

    /** A plan's terms, read without scope: for plans referenced by a subscription already in scope. */
    public PlanTerms terms(UUID planId) {
        return terms(plans.find(planId).orElseThrow(NotFoundException::new));
    }

    /** A plan's name, read without scope: for plans referenced by data already in scope (invoice lines). */
    public String nameOf(UUID planId) {
        return plans.find(planId).map(Plans.PlanRecord::name).orElseThrow(NotFoundException::new);
    }

    /** A plan's prices on a day, derived prices resolved. */
    public Prices pricesOn(UUID planId, LocalDate day) {
        return pricing.on(plans.find(planId).orElseThrow(NotFoundException::new), day);
    }

    /** A memory for {@link #pricesOn} over many plans and days: one per billing run, see {@link PriceBook}. */
    public PriceBook priceBook() {
        return new PriceBook(plans, pricing, holdings);
    }

    private PlanView transition(Caller caller, UUID planId, PlanStatus from, PlanStatus to, String action) {
        Plans.PlanRecord before = plans.find(planId).orElseThrow(NotFoundException::new);
        caller.requireCovers(before.vendorPath());
        caller.require(Privilege.CATALOG_MANAGE);
        if (!plans.setStatus(planId, from, to, clock.instant())) {
            throw RuleViolationException.conflict(
                    from == PlanStatus.DRAFT ? Problem.PLAN_NOT_DRAFT : Problem.PLAN_NOT_PUBLISHED,
                    "Only a " + from + " plan can become " + to + "; this one is " + before.status() + ".");
        }
        PlanView after = view(plans.find(planId).orElseThrow());
        audit.record(new AuditRecord(caller, before.vendorId(), before.vendorPath(), action,
                Map.of("status", before.status()), Map.of("status", to, "planId", planId)));
        return after;
    }

    private Plans.PlanRecord visible(Caller caller, UUID planId) {
        Plans.PlanRecord plan = plans.find(planId).orElseThrow(NotFoundException::new);
        if (caller.covers(plan.vendorPath())) {
            return plan;
        }
        if (!caller.isStaff()) {
            throw new NotFoundException(); // the plans its own account may buy are its staff's business
        }
        AccountFacts own = scope.facts(caller, caller.accountId()).orElseThrow(NotFoundException::new);
        if (holdings.subscribes(own.id(), planId) || !availableIds(caller, own, planId).isEmpty()) {
            return plan;
        }
        throw new NotFoundException();
    }

    private List<UUID> availableIds(Caller caller, AccountFacts buyer, UUID onlyPlan) {
        return availableIds(caller, buyer, onlyPlan, PlanStatus.PUBLISHED);
    }

    private List<UUID> availableIds(Caller caller, AccountFacts buyer, UUID onlyPlan, PlanStatus status) {
        if (buyer.vendorId() == null) {
            return List.of();
        }
        AccountFacts vendor = scope.facts(caller, buyer.vendorId()).orElseThrow();
        boolean commission = vendor.resellerModel() == ResellerModel.COMMISSION;
        boolean prepaidReseller = buyer.type() == AccountType.RESELLER
                && buyer.resellerModel() == ResellerModel.PREPAID;
        return plans.availableTo(vendor.id(), commission, prepaidReseller, onlyPlan, status);
    }

    private AccountFacts sellingVendor(Caller caller, UUID vendorId) {
        AccountFacts vendor = scope.facts(caller, vendorId).orElseThrow(NotFoundException::new);
        if (vendor.type() == AccountType.CUSTOMER) {
            throw RuleViolationException.unprocessable(Problem.VENDOR_CANNOT_SELL, "A customer account has no plans.");
        }
        if (vendor.resellerModel() == ResellerModel.COMMISSION) {
            throw RuleViolationException.unprocessable(Problem.COMMISSION_RESELLER_HAS_NO_PLANS,
                    "A commission reseller sells its vendor's plans through offerings and creates no priced plans.");
        }
        return vendor;
    }

    private List<Plans.Resource> resources(List<PlanResourceDraft> drafts) {
        List<Plans.Resource> result = new ArrayList<>();
        for (PlanResourceDraft d : drafts) {
            var type = services.resourceType(d.resourceType()).orElseThrow();
            LimitType limitType = d.limitType() != null ? d.limitType() : d.limit() != null ? LimitType.HARD
                    : LimitType.SOFT;
            result.add(new Plans.Resource(type.id(), type.code(), type.unit(), type.serviceId(), type.serviceCode(),
                    d.included() == null ? BigDecimal.ZERO : d.included(), d.limit(), limitType, type.ownerId()));
        }
        return result;
    }

    private static PriceVersion priceVersion(LocalDate from, Pricing rule, Money setupFee, Money recurringFee,
                                             List<PlanResourceDraft> drafts, String currency, boolean belowCost) {
        Map<String, PriceVersion.ResourcePrice> resources = new java.util.LinkedHashMap<>();
        for (PlanResourceDraft d : drafts) {
            resources.put(d.resourceType(), new PriceVersion.ResourcePrice(
                    d.unitPrice() == null ? null : d.unitPrice().amount(),
                    d.usagePrice() == null ? null : d.usagePrice().amount()));
        }
        return new PriceVersion(from, rule, setupFee != null ? setupFee : Money.of("0", currency),
                recurringFee != null ? recurringFee : Money.of("0", currency), resources, belowCost);
    }

    private static PriceVersion withBelowCost(PriceVersion p, boolean belowCost) {
        return new PriceVersion(p.effectiveFrom(), p.pricing(), p.setupFee(), p.recurringFee(), p.resources(),
                belowCost);
    }

    private static void refuseFrozenChanges(PlanUpdate current, PlanUpdate changed) {
        List<FieldProblem> problems = new ArrayList<>();
        if (current.audience() != changed.audience()) {
            problems.add(new FieldProblem("audience", "cannot change once the plan is published"));
        }
        if (current.billingPeriod() != changed.billingPeriod()) {
            problems.add(new FieldProblem("billingPeriod", "cannot change once the plan is published"));
        }
        List<String> before = current.resources().stream().map(PlanManagement::quantities).toList();
        List<String> after = changed.resources().stream().map(PlanManagement::quantities).toList();
        if (!before.equals(after)) {
            problems.add(new FieldProblem("resources",
                    "quantities and limits cannot change once the plan is published; prices can"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** A resource's prices, compared by value (2 equals 2.00), so that resending them unchanged changes nothing. */
    private static String prices(PlanResourceDraft r) {
        return r.resourceType() + "|" + plain(r.unitPrice() == null ? null : r.unitPrice().amount()) + "|"
                + plain(r.usagePrice() == null ? null : r.usagePrice().amount());
    }

    private static String quantities(PlanResourceDraft r) {
        return r.resourceType() + "|" + plain(r.included()) + "|" + plain(r.limit()) + "|" + r.limitType();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    /** The plan as its PATCH document, with the prices in force on {@code day}. */
    private PlanUpdate document(Plans.PlanRecord plan, LocalDate day) {
        PriceVersion version = plan.pricesOn(day);
        List<PlanResourceDraft> resources = plan.resources().stream().map(r -> {
            PriceVersion.ResourcePrice price = version.resources().get(r.code());
            return new PlanResourceDraft(r.code(), r.included(), r.limit(), r.limitType(),
                    price == null || price.unitPrice() == null ? null
                            : io.cascade.shared.Price.of(price.unitPrice(), plan.currency()),
                    price == null || price.usagePrice() == null ? null
                            : io.cascade.shared.Price.of(price.usagePrice(), plan.currency()));
        }).toList();
        return new PlanUpdate(plan.name(), plan.description(), plan.audience(), plan.billingPeriod(),
                version.setupFee(), version.recurringFee(), version.pricing(), resources, null, null);
    }

    PlanView view(Plans.PlanRecord plan) {
        return view(plan, pricing.on(plan, LocalDate.now(clock)));
    }

    private PlanView view(Plans.PlanRecord plan, Prices prices) {
        LocalDate today = prices.day();
        List<PlanResourceView> resources = plan.resources().stream().map(r -> new PlanResourceView(r.code(),
                r.serviceCode(), r.unit(), r.included(), r.limit(), r.limitType(), prices.of(r.code()).unitPrice(),
                prices.of(r.code()).usagePrice())).toList();
        List<PlanView.Upcoming> upcoming = plan.prices().stream().filter(v -> v.effectiveFrom().isAfter(today))
                .map(v -> new PlanView.Upcoming(v.effectiveFrom(), v.pricing(), v.setupFee(), v.recurringFee()))
                .toList();
        return new PlanView(plan.id(), plan.vendorId(), plan.name(), plan.description(), plan.audience(),
                plan.billingPeriod(), plan.currency(), plan.status(), prices.pricing(), prices.setupFee(),
                prices.recurringFee(), resources, upcoming, plan.createdAt(), plan.publishedAt(), plan.retiredAt(),
                plan.vendorPath(), plan.version());
    }

    private PlanTerms terms(Plans.PlanRecord plan) {
        List<PlanTerms.Addon> addonTerms = addons.ofPlans(List.of(plan.id())).getOrDefault(plan.id(), List.of())
                .stream().map(a -> new PlanTerms.Addon(a.id(), a.code(), a.name(), a.setupFee().amount(),
                        a.recurringFee().amount(), a.maxQuantity(), a.status())).toList();
        return new PlanTerms(plan.id(), plan.vendorId(), plan.vendorPath(), plan.audience(), plan.billingPeriod(),
                plan.currency(), plan.status(), plan.resources().stream().map(r -> new PlanTerms.Resource(
                r.resourceTypeId(), r.code(), r.serviceCode(), r.included(), r.limit(), r.limitType())).toList(),
                addonTerms);
    }
}
