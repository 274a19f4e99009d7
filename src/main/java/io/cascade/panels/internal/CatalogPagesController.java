package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.NewOffering;
import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanMargins;
import io.cascade.catalog.api.PlanStatus;
import io.cascade.catalog.api.PlanView;
import io.cascade.catalog.api.ResourceTypeDraft;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceDraft;
import io.cascade.catalog.api.ServiceView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog pages, through {@code ServiceCatalog}, {@code PlanManagement} and {@code OfferingManagement}: the
 * provider's services and resource types; a vendor's plans with prices and limits (create and edit drafts, publish,
 * retire; a reseller sees its wholesale cost and margin beside each price); a commission reseller's offerings.
 */
@Controller
class CatalogPagesController {
    private final ServiceCatalog services;
    private final PlanManagement plans;
    private final OfferingManagement offerings;
    private final AccountManagement accounts;

    CatalogPagesController(ServiceCatalog services, PlanManagement plans, OfferingManagement offerings,
                      AccountManagement accounts) {
        this.services = services;
        this.plans = plans;
        this.offerings = offerings;
        this.accounts = accounts;
    }

    // ---- services -------------------------------------------------------------------------------------------

    /** {@code typeMetered} holds the row numbers (0 to 4) whose "metered" box is checked. */
    record ServiceForm(String code, String name, String adapter, List<String> typeCode, List<String> typeName,
                       List<String> typeUnit, List<Integer> typeMetered) {
    }

    @GetMapping("/panel/services")
    String services(Viewer viewer, Model model) {
        return servicesPage(viewer, model, new ServiceForm(null, null, "manual", List.of(), List.of(), List.of(),
                        List.of()),
                serviceErrors());
    }

    @PostMapping("/panel/services")
    String createService(Viewer viewer, ServiceForm form, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        FormErrors errors = serviceErrors();
        try {
            List<ResourceTypeDraft> types = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String code = AccountForm.text(at(form.typeCode(), i));
                String name = AccountForm.text(at(form.typeName(), i));
                String unit = AccountForm.text(at(form.typeUnit(), i));
                if (code != null || name != null || unit != null) {
                    types.add(new ResourceTypeDraft(code, name, unit,
                            form.typeMetered() != null && form.typeMetered().contains(i)));
                }
            }
            ServiceView created = services.create(viewer.caller(), new ServiceDraft(AccountForm.text(form.code()),
                    AccountForm.text(form.name()), AccountForm.text(form.adapter()), null, types));
            redirect.addFlashAttribute("notice", "Created the service " + created.name() + " (" + created.code()
                    + ") with " + created.resourceTypes().size() + " resource types.");
            return "redirect:/panel/services";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return servicesPage(viewer, model, form, errors);
    }

    private String servicesPage(Viewer viewer, Model model, ServiceForm form, FormErrors errors) {
        model.addAttribute("services", services.list(viewer.caller()));
        model.addAttribute("serviceForm", form);
        model.addAttribute("serviceErrors", errors);
        model.addAttribute("canDefine", viewer.provider() && viewer.can("CATALOG_MANAGE"));
        return "panel/services";
    }

    private static FormErrors serviceErrors() {
        List<String> fields = new ArrayList<>(List.of("code", "name", "adapter", "resourceTypes"));
        for (int i = 0; i < 5; i++) {
            fields.add("resourceTypes[" + i + "].code");
            fields.add("resourceTypes[" + i + "].name");
            fields.add("resourceTypes[" + i + "].unit");
        }
        return new FormErrors(fields);
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    // ---- plans ----------------------------------------------------------------------------------------------

    @GetMapping("/panel/accounts/{accountId}/plans")
    String plans(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) PlanStatus status,
                 @RequestParam(required = false) String cursor, Model model) {
        AccountView vendor = load(viewer.caller(), accountId);
        if (commission(vendor)) {
            return "redirect:/panel/accounts/" + accountId + "/offerings";
        }
        if (vendor.type() == AccountType.CUSTOMER) {
            throw new NotFoundException();
        }
        Page<PlanView> page = plans.list(viewer.caller(), accountId, status, null, 25, cursor);
        model.addAttribute("account", vendor);
        model.addAttribute("plans", page);
        model.addAttribute("status", status);
        model.addAttribute("cursor", cursor);
        model.addAttribute("statuses", PlanStatus.values());
        model.addAttribute("resourceNames", ResourceNames.of(services.list(viewer.caller())));
        model.addAttribute("tab", "plans");
        return "panel/plans";
    }

    @GetMapping("/panel/accounts/{accountId}/plans/new")
    String newPlan(Viewer viewer, @PathVariable UUID accountId, Model model) {
        AccountView vendor = load(viewer.caller(), accountId);
        viewer.caller().require(Privilege.CATALOG_MANAGE);
        return planForm(viewer, model, vendor, null, PlanForm.blank(), new FormErrors(PlanForm.fields(0)));
    }

    @PostMapping("/panel/accounts/{accountId}/plans/new")
    String createPlan(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        AccountView vendor = load(viewer.caller(), accountId);
        PlanForm form = PlanForm.from(params).compacted();
        FormErrors errors = new FormErrors(PlanForm.fields(form.resources().size()));
        try {
            PlanView created = plans.create(viewer.caller(), accountId, form.draft(vendor.currency()));
            redirect.addFlashAttribute("notice", "Created the draft plan " + created.name()
                    + ". Publish it when it is ready to sell.");
            return "redirect:/panel/plans/" + created.id();
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return planForm(viewer, model, vendor, null, form, errors);
    }

    @GetMapping("/panel/plans/{planId}")
    String plan(Viewer viewer, @PathVariable UUID planId, Model model) {
        PlanView plan = plans.get(viewer.caller(), planId);
        model.addAttribute("plan", plan);
        model.addAttribute("resourceNames", ResourceNames.of(services.list(viewer.caller())));
        boolean vendorSide = viewer.caller().covers(plan.vendorPath());
        model.addAttribute("vendorSide", vendorSide);
        if (vendorSide) {
            AccountView vendor = load(viewer.caller(), plan.vendorId());
            model.addAttribute("account", vendor);
            if (vendor.type() == AccountType.RESELLER) {
                PlanMargins margins = plans.margins(viewer.caller(), planId);
                model.addAttribute("margins", margins);
            }
        }
        model.addAttribute("tab", "plans");
        return "panel/plan";
    }

    @GetMapping("/panel/plans/{planId}/edit")
    String editPlan(Viewer viewer, @PathVariable UUID planId, Model model) {
        PlanView plan = plans.get(viewer.caller(), planId);
        viewer.caller().require(Privilege.CATALOG_MANAGE);
        AccountView vendor = vendorSide(viewer, plan);
        return planForm(viewer, model, vendor, plan, PlanForm.of(plan), new FormErrors(PlanForm.fields(0)));
    }

    @PostMapping("/panel/plans/{planId}/edit")
    String updatePlan(Viewer viewer, @PathVariable UUID planId, @RequestParam Map<String, String> params,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PlanView plan = plans.get(viewer.caller(), planId);
        AccountView vendor = vendorSide(viewer, plan);
        PlanForm form = PlanForm.from(params).compacted();
        FormErrors errors = new FormErrors(PlanForm.fields(form.resources().size()));
        String version = params.get("version");
        try {
            var changed = form.update(plan.currency());
            PlanView after = plans.update(viewer.caller(), planId,
                    version == null || !version.matches("\\d{1,18}") ? null : Etags.of(Long.parseLong(version)),
                    current -> changed);
            redirect.addFlashAttribute("notice", "Saved the plan " + after.name() + ".");
            return "redirect:/panel/plans/" + planId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return planForm(viewer, model, vendor, plan, form, errors);
    }

    @PostMapping("/panel/plans/{planId}/{action:publish|retire}")
    String transition(Viewer viewer, @PathVariable UUID planId, @PathVariable String action,
                      RedirectAttributes redirect) {
        PlanView after = action.equals("publish") ? plans.publish(viewer.caller(), planId)
                : plans.retire(viewer.caller(), planId);
        redirect.addFlashAttribute("notice", after.name() + " is now " + after.status() + ".");
        return "redirect:/panel/plans/" + planId;
    }

    private String planForm(Viewer viewer, Model model, AccountView vendor, PlanView plan, PlanForm form,
                            FormErrors errors) {
        model.addAttribute("account", vendor);
        model.addAttribute("plan", plan);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("resourceTypes", services.list(viewer.caller()).stream()
                .flatMap(s -> s.resourceTypes().stream().map(t -> new TypeChoice(t.code(), s.name() + ": "
                        + t.name() + " (" + t.unit() + ")"))).toList());
        model.addAttribute("published", plan != null && plan.status() != PlanStatus.DRAFT);
        model.addAttribute("tab", "plans");
        return "panel/plan-form";
    }

    record TypeChoice(String code, String label) {
    }

    private AccountView vendorSide(Viewer viewer, PlanView plan) {
        if (!viewer.caller().covers(plan.vendorPath())) {
            throw new NotFoundException();
        }
        return load(viewer.caller(), plan.vendorId());
    }

    // ---- offerings ------------------------------------------------------------------------------------------

    @GetMapping("/panel/accounts/{accountId}/offerings")
    String offerings(Viewer viewer, @PathVariable UUID accountId, Model model) {
        return offeringsPage(viewer, accountId, model, null, null, new FormErrors(List.of("planId",
                "commissionPercent")));
    }

    @PostMapping("/panel/accounts/{accountId}/offerings")
    String offer(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String planId,
                 @RequestParam(required = false) String commissionPercent, Model model,
                 HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(List.of("planId", "commissionPercent"));
        try {
            List<FieldProblem> problems = new ArrayList<>();
            UUID plan = null;
            BigDecimal percent = null;
            try {
                plan = AccountForm.text(planId) == null ? null : UUID.fromString(planId.strip());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("planId", "is not a plan"));
            }
            try {
                percent = AccountForm.text(commissionPercent) == null ? null
                        : new BigDecimal(commissionPercent.strip());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("commissionPercent", "must be a number, e.g. 15"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            var offering = offerings.offer(viewer.caller(), accountId, new NewOffering(plan, percent));
            redirect.addFlashAttribute("notice", offering.planName() + " is offered with "
                    + offering.commissionPercent().toPlainString() + " % commission.");
            return "redirect:/panel/accounts/" + accountId + "/offerings";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return offeringsPage(viewer, accountId, model, planId, commissionPercent, errors);
    }

    private String offeringsPage(Viewer viewer, UUID accountId, Model model, String planId, String percent,
                                 FormErrors errors) {
        Caller caller = viewer.caller();
        AccountView reseller = load(caller, accountId);
        if (!commission(reseller)) {
            throw new NotFoundException();
        }
        model.addAttribute("account", reseller);
        model.addAttribute("offerings", offerings.list(caller, accountId).items());
        // the vendor's side chooses what its commission reseller offers: from its own published plans
        boolean vendorSide = !viewer.isOwn(accountId) && caller.has(Privilege.CATALOG_MANAGE)
                && reseller.vendorId() != null;
        if (vendorSide) {
            try {
                model.addAttribute("choices", plans.list(caller, reseller.vendorId(), PlanStatus.PUBLISHED,
                        Audience.END_CUSTOMER, 100, null).items());
            } catch (NotFoundException | ForbiddenException e) {
                vendorSide = false;
            }
        }
        model.addAttribute("vendorSide", vendorSide);
        model.addAttribute("planId", planId);
        model.addAttribute("percent", percent);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "plans");
        return "panel/offerings";
    }

    static boolean commission(AccountView account) {
        return account.resellerProfile() != null && account.resellerProfile().model() == ResellerModel.COMMISSION;
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
