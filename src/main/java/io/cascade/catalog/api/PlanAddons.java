package io.cascade.catalog.api;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.catalog.internal.Addons;
import io.cascade.catalog.internal.Plans;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The add-ons of a plan (ADR 0036): priced items a buyer orders on top of a subscription of the plan. The plan's
 * vendor side defines and retires them; whoever may read the plan reads them.
 */
@Service
public class PlanAddons {
    private final Plans plans;
    private final Addons addons;
    private final PlanManagement planManagement;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;
    private final Licences licences;

    PlanAddons(Plans plans, Addons addons, PlanManagement planManagement, Validation validation, AuditTrail audit,
               Clock clock, Licences licences) {
        this.licences = licences;
        this.plans = plans;
        this.addons = addons;
        this.planManagement = planManagement;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    /** The add-ons of a plan the caller may read (its vendor side, or a buyer that may buy or holds it). */
    public Page<AddonView> list(Caller caller, UUID planId) {
        PlanView plan = planManagement.get(caller, planId);
        return new Page<>(addons.ofPlans(List.of(plan.id())).getOrDefault(plan.id(), List.of()), null);
    }

    @Transactional
    public AddonView create(Caller caller, UUID planId, AddonDraft draft) {
        Plans.PlanRecord plan = vendorSide(caller, planId);
        licences.requireAt(plan.vendorPath(), Feature.OWN_PRODUCTS); // add-ons are a vendor's own products
        if (plan.status() == PlanStatus.RETIRED) {
            throw RuleViolationException.conflict(Problem.PLAN_RETIRED, "A retired plan takes no new add-ons.");
        }
        List<FieldProblem> problems = new ArrayList<>();
        checkMoney(problems, "setupFee", draft.setupFee(), plan.currency());
        checkMoney(problems, "recurringFee", draft.recurringFee(), plan.currency());
        if (draft.code() != null && addons.codeTaken(plan.id(), draft.code())) {
            problems.add(new FieldProblem("code", "is taken by another add-on of this plan"));
        }
        validation.check(draft, problems);
        UUID id = UUID.randomUUID();
        addons.insert(id, plan.id(), draft.code(), draft.name(), draft.description(),
                draft.setupFee() != null ? draft.setupFee() : Money.of("0", plan.currency()), draft.recurringFee(),
                draft.maxQuantity() != null ? draft.maxQuantity() : 1, clock.instant());
        AddonView created = addons.find(id).orElseThrow();
        audit.record(new AuditRecord(caller, plan.vendorId(), plan.vendorPath(), "addon.created", null, created));
        return created;
    }

    @Transactional
    public AddonView retire(Caller caller, UUID planId, UUID addonId) {
        Plans.PlanRecord plan = vendorSide(caller, planId);
        AddonView before = addons.find(addonId).filter(a -> a.planId().equals(plan.id()))
                .orElseThrow(NotFoundException::new);
        if (!addons.retire(addonId, clock.instant())) {
            throw RuleViolationException.conflict(Problem.ADDON_RETIRED, "The add-on is retired already.");
        }
        AddonView after = addons.find(addonId).orElseThrow();
        audit.record(new AuditRecord(caller, plan.vendorId(), plan.vendorPath(), "addon.retired",
                Map.of("status", before.status(), "addonId", addonId), Map.of("status", after.status(),
                "addonId", addonId)));
        return after;
    }

    private Plans.PlanRecord vendorSide(Caller caller, UUID planId) {
        Plans.PlanRecord plan = plans.find(planId).orElseThrow(NotFoundException::new);
        caller.requireCovers(plan.vendorPath());
        caller.require(Privilege.CATALOG_MANAGE);
        return plan;
    }

    private static void checkMoney(List<FieldProblem> problems, String field, Money money, String currency) {
        if (money == null) {
            return;
        }
        if (!money.currency().getCurrencyCode().equals(currency)) {
            problems.add(new FieldProblem(field + ".currency", "must be " + currency + ", the plan's currency"));
        } else if (money.isNegative()) {
            problems.add(new FieldProblem(field, "must not be negative"));
        }
    }
}
