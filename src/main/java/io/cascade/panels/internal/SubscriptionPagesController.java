package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.NewSubscription;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.ResourceQuantity;
import io.cascade.subscriptions.api.StatusChangeRequest;
import io.cascade.subscriptions.api.SubscriptionChangeRequest;
import io.cascade.subscriptions.api.SubscriptionManagement;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionView;
import io.cascade.usage.api.SubscriptionUsage;
import io.cascade.usage.api.UsageMetering;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions, through {@code SubscriptionManagement}, {@code PlanManagement} and {@code UsageMetering}: an
 * account's subscriptions, ordering from its vendor's plans, changing plan and quantities, suspending and resuming
 * (its vendor's side), cancelling, and usage against what is included and the limits. "My Provider" is a reseller's
 * own side: what it holds for resale and what it consumes itself.
 */
@Controller
class SubscriptionPagesController {
    private final SubscriptionManagement subscriptions;
    private final PlanManagement plans;
    private final UsageMetering usage;
    private final AccountManagement accounts;
    private final io.cascade.mail.api.ServiceUsers serviceUsers;
    private final io.cascade.catalog.api.ServiceCatalog catalog;
    private final io.cascade.subscriptions.api.SubscriptionAddons addons;
    private final io.cascade.catalog.api.PlanAddons planAddons;

    SubscriptionPagesController(SubscriptionManagement subscriptions, PlanManagement plans, UsageMetering usage,
                            AccountManagement accounts, io.cascade.mail.api.ServiceUsers serviceUsers,
                            io.cascade.catalog.api.ServiceCatalog catalog,
                            io.cascade.subscriptions.api.SubscriptionAddons addons,
                            io.cascade.catalog.api.PlanAddons planAddons) {
        this.addons = addons;
        this.planAddons = planAddons;
        this.serviceUsers = serviceUsers;
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.usage = usage;
        this.accounts = accounts;
    }

    @GetMapping("/panel/accounts/{accountId}/subscriptions")
    String list(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                Model model) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        Page<SubscriptionView> page = subscriptions.list(caller, accountId, null, null, 25, cursor);
        model.addAttribute("account", account);
        model.addAttribute("subscriptions", page);
        model.addAttribute("planNames", planNames(caller, page.items()));
        model.addAttribute("cursor", cursor);
        model.addAttribute("available", orderable(viewer, account, null));
        model.addAttribute("resourceNames", resourceNames(caller));
        model.addAttribute("usageCharts", BarChart.usagePerMonth(usage.trend(caller, accountId,
                DashboardController.MONTHS), 4, resourceNames(caller)));
        model.addAttribute("tab", "subscriptions");
        return "panel/subscriptions";
    }

    /** A reseller's own side: its holdings for resale, and what it consumes itself from its vendor. */
    @GetMapping("/panel/accounts/{accountId}/my-provider")
    String myProvider(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        if (account.type() != AccountType.RESELLER) {
            throw new NotFoundException();
        }
        List<SubscriptionView> holdings = subscriptions.list(caller, accountId, Purpose.RESALE, null, 100, null)
                .items();
        List<SubscriptionView> own = subscriptions.list(caller, accountId, Purpose.OWN_USE, null, 100, null)
                .items();
        List<SubscriptionView> all = new ArrayList<>(holdings);
        all.addAll(own);
        model.addAttribute("account", account);
        model.addAttribute("vendor", vendorOf(caller, account));
        model.addAttribute("holdings", holdings);
        model.addAttribute("own", own);
        model.addAttribute("planNames", planNames(caller, all));
        model.addAttribute("available", orderable(viewer, account, null));
        model.addAttribute("resourceNames", resourceNames(caller));
        model.addAttribute("tab", "my-provider");
        return "panel/my-provider";
    }

    @GetMapping("/panel/accounts/{accountId}/subscriptions/new")
    String orderForm(Viewer viewer, @PathVariable UUID accountId, @RequestParam UUID plan, Model model) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        PlanView chosen = orderable(viewer, account, plan).stream().findFirst().orElseThrow(NotFoundException::new);
        Map<String, String> quantities = new LinkedHashMap<>();
        chosen.resources().forEach(r -> quantities.put(r.resourceType(), PlanForm.plain(r.included())));
        model.addAttribute("resourceNames", resourceNames(caller));
        return orderPage(model, account, chosen, quantities, null, errors(chosen));
    }

    @PostMapping("/panel/accounts/{accountId}/subscriptions/new")
    String order(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params, Model model,
                 HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        UUID planId = uuid(params.get("plan"));
        PlanView chosen = planId == null ? null
                : orderable(viewer, account, planId).stream().findFirst().orElse(null);
        if (chosen == null) {
            throw new NotFoundException();
        }
        Map<String, String> quantities = quantities(params, chosen);
        FormErrors errors = errors(chosen);
        try {
            List<FieldProblem> problems = new ArrayList<>();
            LocalDate start = date(params.get("startDate"), "startDate", problems);
            List<ResourceQuantity> resources = chosen.audience() == Audience.RESELLER ? null
                    : resources(quantities, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            SubscriptionView created = subscriptions.create(caller, accountId, new NewSubscription(chosen.id(),
                    start, resources));
            redirect.addFlashAttribute("notice", account.companyName() + " now subscribes to " + chosen.name()
                    + " (" + created.status().name().toLowerCase() + ").");
            return "redirect:/panel/subscriptions/" + created.id();
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        model.addAttribute("resourceNames", resourceNames(caller));
        return orderPage(model, account, chosen, quantities, params.get("startDate"), errors);
    }

    @GetMapping("/panel/subscriptions/{subscriptionId}")
    String subscription(Viewer viewer, @PathVariable UUID subscriptionId, Model model) {
        SubscriptionView s = subscriptions.get(viewer.caller(), subscriptionId);
        return detailPage(viewer, model, s, null, new FormErrors(changeFields(s)));
    }

    @PostMapping("/panel/subscriptions/{subscriptionId}/change")
    String change(Viewer viewer, @PathVariable UUID subscriptionId, @RequestParam Map<String, String> params,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        SubscriptionView s = subscriptions.get(caller, subscriptionId);
        FormErrors errors = new FormErrors(changeFields(s));
        Map<String, String> quantities = new LinkedHashMap<>();
        s.resources().forEach(r -> quantities.put(r.resourceType(), params.get("quantity." + r.resourceType())));
        try {
            List<FieldProblem> problems = new ArrayList<>();
            LocalDate effective = date(params.get("effectiveDate"), "effectiveDate", problems);
            UUID planId = uuid(params.get("planId"));
            boolean planChanged = planId != null && !planId.equals(s.planId());
            List<ResourceQuantity> changed = new ArrayList<>();
            if (s.purpose() == Purpose.OWN_USE) {
                // all quantities in the plan's order (so a problem at resources[i] is the i-th input); with a new
                // plan only those typed differently, since the new plan may not have the others
                for (ResourceQuantity q : resources(quantities, problems)) {
                    boolean same = q.quantity() != null && s.resources().stream().anyMatch(r -> r.resourceType()
                            .equals(q.resourceType()) && r.quantity().compareTo(q.quantity()) == 0);
                    if (!planChanged || !same) {
                        changed.add(q);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            SubscriptionView after = subscriptions.change(caller, subscriptionId, new SubscriptionChangeRequest(
                    planChanged ? planId : null, changed, effective));
            redirect.addFlashAttribute("notice", after.scheduled().size() > s.scheduled().size()
                    ? "The change is scheduled for " + effective + "." : "The subscription is changed.");
            return "redirect:/panel/subscriptions/" + subscriptionId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        model.addAttribute("typed", quantities);
        return detailPage(viewer, model, s, params.get("effectiveDate"), errors);
    }

    /** Orders an add-on of the plan (or sets its units), from today (ADR 0036). */
    @PostMapping("/panel/subscriptions/{subscriptionId}/addons")
    String orderAddon(Viewer viewer, @PathVariable UUID subscriptionId, @RequestParam Map<String, String> params,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        SubscriptionView s = subscriptions.get(caller, subscriptionId);
        FormErrors addonErrors = new FormErrors(List.of("addonId", "quantity"));
        try {
            UUID addonId = uuid(params.get("addonId"));
            String quantity = params.get("quantity") == null ? "" : params.get("quantity").trim();
            if (!quantity.isEmpty() && !quantity.matches("\\d{1,5}")) {
                throw new InvalidInputException("quantity", "must be a whole number");
            }
            SubscriptionView after = addons.order(caller, subscriptionId, new io.cascade.subscriptions.api.AddonOrder(
                    addonId, quantity.isEmpty() ? null : Integer.valueOf(quantity)));
            redirect.addFlashAttribute("notice", "The add-ons are now: " + after.addons().stream()
                    .map(a -> a.quantity() + " × " + a.name()).reduce((a, b) -> a + ", " + b).orElse("none") + ".");
            return "redirect:/panel/subscriptions/" + subscriptionId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            addonErrors.from(e);
        }
        model.addAttribute("addonErrors", addonErrors);
        return detailPage(viewer, model, s, null, new FormErrors(changeFields(s)));
    }

    @PostMapping("/panel/subscriptions/{subscriptionId}/addons/{addonId}/remove")
    String removeAddon(Viewer viewer, @PathVariable UUID subscriptionId, @PathVariable UUID addonId,
                       RedirectAttributes redirect) {
        addons.remove(viewer.caller(), subscriptionId, addonId);
        redirect.addFlashAttribute("notice", "The add-on is removed; its unused days are credited.");
        return "redirect:/panel/subscriptions/" + subscriptionId;
    }

    /** "Cancel now" asks first: this page says what it does, and only its own button cancels. */
    @GetMapping("/panel/subscriptions/{subscriptionId}/cancel-now")
    String confirmCancelNow(Viewer viewer, @PathVariable UUID subscriptionId, Model model) {
        Caller caller = viewer.caller();
        SubscriptionView s = subscriptions.get(caller, subscriptionId);
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        if (s.status() == SubscriptionStatus.CANCELLED) {
            return "redirect:/panel/subscriptions/" + subscriptionId;
        }
        model.addAttribute("account", load(caller, s.accountId()));
        model.addAttribute("s", s);
        model.addAttribute("planNames", planNames(caller, List.of(s)));
        model.addAttribute("tab", "subscriptions");
        return "panel/subscription-cancel";
    }

    @PostMapping("/panel/subscriptions/{subscriptionId}/{action:suspend|resume|cancel}")
    String status(Viewer viewer, @PathVariable UUID subscriptionId, @PathVariable String action,
                  @RequestParam(required = false) String when, @RequestParam(required = false) String confirmed,
                  RedirectAttributes redirect) {
        if ("cancel".equals(action) && !"period-end".equals(when) && !"true".equals(confirmed)) {
            return "redirect:/panel/subscriptions/" + subscriptionId + "/cancel-now"; // not without its confirmation
        }
        Caller caller = viewer.caller();
        SubscriptionView after = switch (action) {
            case "suspend" -> subscriptions.suspend(caller, subscriptionId, null);
            case "resume" -> subscriptions.resume(caller, subscriptionId, null);
            default -> subscriptions.cancel(caller, subscriptionId,
                    new StatusChangeRequest(null, "period-end".equals(when) ? Boolean.TRUE : null));
        };
        redirect.addFlashAttribute("notice", after.cancelAt() != null && after.status() == SubscriptionStatus.ACTIVE
                ? "The subscription ends on " + after.cancelAt() + "."
                : "The subscription is now " + after.status().name().toLowerCase() + ".");
        return "redirect:/panel/subscriptions/" + subscriptionId;
    }

    private String detailPage(Viewer viewer, Model model, SubscriptionView s, String effectiveDate,
                              FormErrors errors) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, s.accountId());
        model.addAttribute("account", account);
        model.addAttribute("s", s);
        model.addAttribute("planNames", planNames(caller, List.of(s)));
        SubscriptionUsage used = usage.ofSubscription(caller, s.id(), null, null);
        model.addAttribute("usage", used);
        ResourceNames names = resourceNames(caller);
        model.addAttribute("usageCharts", used.resources().stream().filter(r -> !r.days().isEmpty())
                .map(r -> dailyChart(r, used.from(), used.to(), names)).toList());
        model.addAttribute("meters", meters(s, used));
        model.addAttribute("resourceNames", names);
        // the mail subscription that mailboxes count against leads to the account's service users
        model.addAttribute("mailboxes", s.purpose() == Purpose.OWN_USE && caller.has(Privilege.USERS_READ)
                && caller.covers(account.path())
                && serviceUsers.mailSubscription(caller, s.accountId()).filter(s.id()::equals).isPresent());
        // other plans it may move to: the same vendor's, for the same audience
        List<PlanView> alternatives = List.of();
        if (s.purpose() == Purpose.OWN_USE && caller.has(Privilege.SUBSCRIPTIONS_MANAGE)) {
            alternatives = orderable(viewer, account, null).stream()
                    .filter(p -> p.vendorId().equals(s.vendorId()) && p.audience() == Audience.END_CUSTOMER)
                    .toList();
        }
        model.addAttribute("alternatives", alternatives);
        model.addAttribute("effectiveDate", effectiveDate);
        model.addAttribute("errors", errors);
        model.addAttribute("vendorSide", !viewer.isOwn(s.accountId()));
        // the add-ons of its plan it may order (ADR 0036): the active ones; a caller who cannot read the plan sees none
        List<io.cascade.catalog.api.AddonView> orderableAddons = List.of();
        if (s.purpose() == Purpose.OWN_USE && caller.has(Privilege.SUBSCRIPTIONS_MANAGE)) {
            try {
                orderableAddons = planAddons.list(caller, s.planId()).items().stream()
                        .filter(a -> a.status() == io.cascade.catalog.api.AddonStatus.ACTIVE).toList();
            } catch (io.cascade.shared.NotFoundException | io.cascade.shared.ForbiddenException e) {
                orderableAddons = List.of();
            }
        }
        model.addAttribute("orderableAddons", orderableAddons);
        if (!model.containsAttribute("addonErrors")) {
            model.addAttribute("addonErrors", new FormErrors(List.of("addonId", "quantity")));
        }
        model.addAttribute("tab", "subscriptions");
        return "panel/subscription";
    }

    /**
     * Per resource: what is ordered against the limit, and (this month) what was used against what is included and,
     * for metered usage, against the limit; a resource stopped at its HARD limit carries its stop (ADR 0039).
     */
    record Meter(String resourceType, BigDecimal quantity, BigDecimal included, BigDecimal limit, LimitType limitType,
                 BigDecimal used, long orderedPercent, long usedPercent, io.cascade.subscriptions.api.LimitStop stopped) {
        public String orderedClass() {
            return orderedPercent >= 100 ? "over" : orderedPercent >= 80 ? "near" : "";
        }

        public String usedClass() {
            return stopped != null || usedPercent >= 100 ? "over" : usedPercent >= 80 ? "near" : "";
        }

        /**
         * What was used, as a person reads it: against what is included ("3 / 5 included", with the percentage when
         * above it), and for metered usage against the limit: a percentage up to 100, in words from there ("hard
         * limit reached", "soft limit passed"), never a percentage of a limit in the thousands.
         */
        public String usedText() {
            StringBuilder text = new StringBuilder(used.toPlainString()).append(" / ")
                    .append(included.toPlainString()).append(" included");
            if (usedPercent > 100) {
                text.append(" (").append(usedPercent).append(" %)");
            }
            if (limit != null && used.signum() > 0) {
                long ofLimit = percent(used, limit);
                text.append(" · ").append(ofLimit >= 100
                        ? (limitType == LimitType.HARD ? "hard limit reached" : "soft limit passed")
                        : ofLimit + " % of the " + limitType.name().toLowerCase() + " limit");
            }
            return text.toString();
        }
    }

    private static List<Meter> meters(SubscriptionView s, SubscriptionUsage used) {
        Map<String, BigDecimal> totals = new HashMap<>();
        used.resources().forEach(r -> totals.put(r.resourceType(), r.total()));
        return s.resources().stream().map(r -> {
            BigDecimal u = totals.getOrDefault(r.resourceType(), BigDecimal.ZERO);
            return new Meter(r.resourceType(), r.quantity(), r.included(), r.limit(), r.limitType(), u,
                    percent(r.quantity(), r.limit()), percent(u, r.included()), r.stopped());
        }).toList();
    }

    /** The percentage as it is, however far above 100 (only the bar stops at its end). */
    private static long percent(BigDecimal value, BigDecimal of) {
        if (of == null || of.signum() == 0) {
            return value.signum() > 0 && of != null ? 100 : 0;
        }
        return value.multiply(BigDecimal.valueOf(100)).divide(of, 0, java.math.RoundingMode.HALF_UP)
                .min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
    }

    private static BarChart dailyChart(SubscriptionUsage.Series series, LocalDate from, LocalDate to,
                                       ResourceNames names) {
        Map<LocalDate, BigDecimal> byDay = new HashMap<>();
        series.days().forEach(d -> byDay.put(d.day(), d.quantity()));
        List<BarChart.Point> points = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            points.add(new BarChart.Point(String.valueOf(d.getDayOfMonth()), byDay.getOrDefault(d, BigDecimal.ZERO)));
        }
        return BarChart.of("Daily usage of " + names.resource(series.resourceType()) + " since " + from,
                names.unit(series.resourceType()), points);
    }

    private String orderPage(Model model, AccountView account, PlanView plan, Map<String, String> quantities,
                             String startDate, FormErrors errors) {
        model.addAttribute("account", account);
        model.addAttribute("plan", plan);
        model.addAttribute("quantities", quantities);
        model.addAttribute("startDate", startDate);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "subscriptions");
        return "panel/subscription-order";
    }

    /**
     * The plans the account may buy from its vendor (only one when {@code only} is given), for a viewer that may
     * order for it; empty otherwise.
     */
    private List<PlanView> orderable(Viewer viewer, AccountView account, UUID only) {
        Caller caller = viewer.caller();
        if (!caller.has(Privilege.SUBSCRIPTIONS_MANAGE) || !caller.has(Privilege.CATALOG_READ)
                || account.vendorId() == null || account.status() != AccountStatus.ACTIVE) {
            return List.of();
        }
        return plans.available(caller, account.id()).items().stream()
                .filter(p -> only == null || p.id().equals(only)).toList();
    }

    private ResourceNames resourceNames(Caller caller) {
        return ResourceNames.of(catalog.list(caller));
    }

    /** Plan names for the subscriptions shown; a plan the viewer may not read shows as its id. */
    private Map<UUID, String> planNames(Caller caller, List<SubscriptionView> list) {
        Map<UUID, String> names = new HashMap<>();
        for (SubscriptionView s : list) {
            names.computeIfAbsent(s.planId(), id -> {
                try {
                    return plans.get(caller, id).name();
                } catch (NotFoundException | ForbiddenException e) {
                    return "Plan " + id.toString().substring(0, 8);
                }
            });
        }
        return names;
    }

    private static FormErrors errors(PlanView plan) {
        List<String> fields = new ArrayList<>(List.of("planId", "startDate", "resources"));
        for (int i = 0; i < plan.resources().size(); i++) {
            fields.add("resources[" + i + "].quantity");
        }
        return new FormErrors(fields);
    }

    private static List<String> changeFields(SubscriptionView s) {
        List<String> fields = new ArrayList<>(List.of("planId", "effectiveDate", "resources"));
        for (int i = 0; i < s.resources().size(); i++) {
            fields.add("resources[" + i + "].quantity");
        }
        return fields;
    }

    private static Map<String, String> quantities(Map<String, String> params, PlanView plan) {
        Map<String, String> quantities = new LinkedHashMap<>();
        plan.resources().forEach(r -> quantities.put(r.resourceType(), params.get("quantity." + r.resourceType())));
        return quantities;
    }

    /**
     * The typed quantities, in the form's order, so that a problem the service reports at {@code resources[i]}
     * lands at the i-th input. A blank quantity is sent as missing, and the service says so.
     */
    private static List<ResourceQuantity> resources(Map<String, String> typed, List<FieldProblem> problems) {
        List<ResourceQuantity> result = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : typed.entrySet()) {
            String text = AccountForm.text(e.getValue());
            BigDecimal quantity = null;
            if (text != null) {
                try {
                    quantity = new BigDecimal(text);
                } catch (NumberFormatException ex) {
                    problems.add(new FieldProblem("resources[" + i + "].quantity", "must be a number, e.g. 5"));
                }
            }
            result.add(new ResourceQuantity(e.getKey(), quantity));
            i++;
        }
        return result;
    }

    private static LocalDate date(String value, String field, List<FieldProblem> problems) {
        String text = AccountForm.text(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date, e.g. 2026-12-01"));
            return null;
        }
    }

    private static UUID uuid(String value) {
        try {
            return AccountForm.text(value) == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private AccountView vendorOf(Caller caller, AccountView account) {
        if (account.vendorId() == null) {
            return null;
        }
        try {
            return load(caller, account.vendorId());
        } catch (NotFoundException | ForbiddenException e) {
            return null;
        }
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
