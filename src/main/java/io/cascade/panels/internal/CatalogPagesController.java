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
    private final io.cascade.catalog.api.PlanAddons addons;

    CatalogPagesController(ServiceCatalog services, PlanManagement plans, OfferingManagement offerings,
                      AccountManagement accounts, io.cascade.catalog.api.PlanAddons addons) {
        this.addons = addons;
        this.services = services;
        this.plans = plans;
        this.offerings = offerings;
        this.accounts = accounts;
    }

    // ---- services -------------------------------------------------------------------------------------------

    /** {@code typeMetered} holds the row numbers (0 to 4) whose "metered" box is checked. */
    record ServiceForm(String code, String name, String adapter, List<String> typeCode, List<String> typeName,
                       List<String> typeUnit, List<Integer> typeMetered, String url, String secret) {

        /** The adapter's settings the form has fields for: the http adapter's address and signing secret. */
        Map<String, Object> adapterConfig() {
            Map<String, Object> config = new java.util.LinkedHashMap<>();
            if (AccountForm.text(url) != null) {
                config.put("url", AccountForm.text(url));
            }
            if (AccountForm.text(secret) != null) {
                config.put("secret", AccountForm.text(secret));
            }
            return config.isEmpty() ? null : config;
        }
    }

    @GetMapping("/panel/services")
    String services(Viewer viewer, Model model) {
        return servicesPage(viewer, model, new ServiceForm(null, null, "manual", List.of(), List.of(), List.of(),
                        List.of(), null, null),
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
                    AccountForm.text(form.name()), AccountForm.text(form.adapter()), form.adapterConfig(), types));
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
        List<ServiceView> all = services.list(viewer.caller());
        model.addAttribute("services", all);
        model.addAttribute("serviceForm", form);
        model.addAttribute("serviceErrors", errors);
        // the provider defines the platform's catalog, a reseller its own products (ADR 0036)
        model.addAttribute("canDefine", viewer.vendor() && viewer.caller().isStaff() && viewer.can("CATALOG_MANAGE"));
        model.addAttribute("ownServices", all.stream().filter(s -> definer(viewer, s)).map(ServiceView::id).toList());
        model.addAttribute("adapters", viewer.provider() ? List.of("manual", "http", "mail", "iot")
                : List.of("manual", "http"));
        return "panel/services";
    }

    /** Whether the viewer defines (and may change) the service: the provider's staff its catalog, a reseller its own. */
    private static boolean definer(Viewer viewer, ServiceView service) {
        return viewer.caller().isStaff() && viewer.can("CATALOG_MANAGE") && (service.ownerId() == null
                ? viewer.provider() : viewer.account().id().equals(service.ownerId()));
    }

    /** New resource types and new names; {@code url} and {@code secret}: the http adapter's settings (kept if empty). */
    record ServiceEditForm(String name, List<String> typeName, List<String> newCode, List<String> newName,
                           List<String> newUnit, List<Integer> newMetered, String url, String secret, String version) {
    }

    @GetMapping("/panel/services/{serviceId}/edit")
    String editService(Viewer viewer, @PathVariable UUID serviceId, Model model) {
        ServiceView service = services.get(viewer.caller(), serviceId);
        if (!definer(viewer, service)) {
            throw new RuleViolationException(io.cascade.shared.Problem.PROVIDER_ONLY, "Only the service's definer changes it.");
        }
        return serviceEditPage(model, service, new ServiceEditForm(service.name(), service.resourceTypes().stream()
                .map(io.cascade.catalog.api.ResourceTypeView::name).toList(), List.of(), List.of(), List.of(),
                List.of(), null, null, String.valueOf(service.version())), serviceEditErrors(service));
    }

    @PostMapping("/panel/services/{serviceId}/edit")
    String updateService(Viewer viewer, @PathVariable UUID serviceId, ServiceEditForm form, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        ServiceView service = services.get(viewer.caller(), serviceId);
        FormErrors errors = serviceEditErrors(service);
        try {
            ServiceView after = services.update(viewer.caller(), serviceId,
                    form.version() == null || !form.version().matches("\\d{1,9}") ? null
                            : Etags.of(Long.parseLong(form.version())),
                    current -> {
                        List<ResourceTypeDraft> types = new ArrayList<>();
                        for (int i = 0; i < current.resourceTypes().size(); i++) {
                            ResourceTypeDraft t = current.resourceTypes().get(i);
                            String name = AccountForm.text(at(form.typeName(), i));
                            types.add(new ResourceTypeDraft(t.code(), name, t.unit(), t.metered()));
                        }
                        for (int i = 0; i < 2; i++) {
                            String code = AccountForm.text(at(form.newCode(), i));
                            String name = AccountForm.text(at(form.newName(), i));
                            String unit = AccountForm.text(at(form.newUnit(), i));
                            if (code != null || name != null || unit != null) {
                                types.add(new ResourceTypeDraft(code, name, unit,
                                        form.newMetered() != null && form.newMetered().contains(i)));
                            }
                        }
                        Map<String, Object> config = current.adapterConfig() == null ? null
                                : new java.util.LinkedHashMap<>(current.adapterConfig());
                        if (AccountForm.text(form.url()) != null) {
                            config.put("url", AccountForm.text(form.url()));
                        }
                        if (AccountForm.text(form.secret()) != null) {
                            config.put("secret", AccountForm.text(form.secret()));
                        }
                        return new io.cascade.catalog.api.ServiceUpdate(AccountForm.text(form.name()), config, types);
                    });
            redirect.addFlashAttribute("notice", "Saved the service " + after.name() + ".");
            return "redirect:/panel/services";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return serviceEditPage(model, service, form, errors);
    }

    private String serviceEditPage(Model model, ServiceView service, ServiceEditForm form, FormErrors errors) {
        model.addAttribute("service", service);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "panel/service-edit";
    }

    private static FormErrors serviceEditErrors(ServiceView service) {
        List<String> fields = new ArrayList<>(List.of("name", "adapterConfig.url", "adapterConfig.secret",
                "resourceTypes"));
        for (int i = 0; i < service.resourceTypes().size() + 2; i++) {
            fields.add("resourceTypes[" + i + "].code");
            fields.add("resourceTypes[" + i + "].name");
            fields.add("resourceTypes[" + i + "].unit");
        }
        return new FormErrors(fields);
    }

    private static FormErrors serviceErrors() {
        List<String> fields = new ArrayList<>(List.of("code", "name", "adapter", "adapterConfig.url",
                "adapterConfig.secret", "resourceTypes"));
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
        return planPage(viewer, planId, model, new AddonForm(null, null, null, null, null, null), addonErrors());
    }

    /** A new add-on of the plan; the fees are amounts in the plan's currency. */
    record AddonForm(String code, String name, String description, String setupFee, String recurringFee,
                     String maxQuantity) {
    }

    @PostMapping("/panel/plans/{planId}/addons")
    String createAddon(Viewer viewer, @PathVariable UUID planId, AddonForm form, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        PlanView plan = plans.get(viewer.caller(), planId);
        FormErrors errors = addonErrors();
        try {
            io.cascade.catalog.api.AddonView created = addons.create(viewer.caller(), planId,
                    new io.cascade.catalog.api.AddonDraft(AccountForm.text(form.code()), AccountForm.text(form.name()),
                            AccountForm.text(form.description()), money(form.setupFee(), "setupFee", plan.currency()),
                            money(form.recurringFee(), "recurringFee", plan.currency()),
                            whole(form.maxQuantity(), "maxQuantity")));
            redirect.addFlashAttribute("notice", "Added the add-on " + created.name() + ".");
            return "redirect:/panel/plans/" + planId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return planPage(viewer, planId, model, form, errors);
    }

    @PostMapping("/panel/plans/{planId}/addons/{addonId}/retire")
    String retireAddon(Viewer viewer, @PathVariable UUID planId, @PathVariable UUID addonId,
                       RedirectAttributes redirect) {
        io.cascade.catalog.api.AddonView retired = addons.retire(viewer.caller(), planId, addonId);
        redirect.addFlashAttribute("notice", "Retired the add-on " + retired.name() + ".");
        return "redirect:/panel/plans/" + planId;
    }

    private static io.cascade.shared.Money money(String amount, String field, String currency) {
        String text = AccountForm.text(amount);
        if (text == null) {
            return null;
        }
        if (!text.matches("-?\\d{1,15}(\\.\\d{1,4})?")) {
            throw new InvalidInputException(field, "must be an amount, e.g. 4.50");
        }
        return io.cascade.shared.Money.of(text, currency);
    }

    private static Integer whole(String value, String field) {
        String text = AccountForm.text(value);
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{1,5}")) {
            throw new InvalidInputException(field, "must be a whole number from 1 to 10000");
        }
        return Integer.valueOf(text);
    }

    private static FormErrors addonErrors() {
        return new FormErrors(List.of("code", "name", "description", "setupFee", "recurringFee", "maxQuantity"));
    }

    private String planPage(Viewer viewer, UUID planId, Model model, AddonForm addonForm, FormErrors addonErrors) {
        PlanView plan = plans.get(viewer.caller(), planId);
        model.addAttribute("addons", addons.list(viewer.caller(), planId).items());
        model.addAttribute("addonForm", addonForm);
        model.addAttribute("addonErrors", addonErrors);
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
