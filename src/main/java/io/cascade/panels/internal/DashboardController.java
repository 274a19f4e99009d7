package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.audit.api.AuditLog;
import io.cascade.shared.Privilege;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.SubscriptionActivity;
import io.cascade.subscriptions.api.SubscriptionManagement;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageTrend;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import java.math.BigDecimal;

/**
 * The start page. A provider's or reseller's staff sees its dashboard: the accounts below by type and status, the
 * subscriptions of its subtree (live ones per month as a chart), usage per resource type and month, and the latest
 * audit events and the provisioning tasks of the subtree that failed; a customer's staff goes straight to its account. Each part asks its module's service and shows
 * only what the viewer's privileges allow.
 */
@Controller
class DashboardController {
    static final int MONTHS = 6;
    private static final int MAX_USAGE_CHARTS = 4;
    static final int FAILURES = 20;

    private final AccountManagement accounts;
    private final SubscriptionManagement subscriptions;
    private final UsageMetering usage;
    private final io.cascade.billing.api.BillingReports billing;
    private final AuditLog auditLog;
    private final AuditRows auditRows;
    private final io.cascade.provisioning.api.ProvisioningTasks provisioning;
    private final TaskNames taskNames;
    private final io.cascade.catalog.api.ServiceCatalog catalog;

    DashboardController(AccountManagement accounts, SubscriptionManagement subscriptions, UsageMetering usage,
                        io.cascade.billing.api.BillingReports billing, AuditLog auditLog, AuditRows auditRows,
                        io.cascade.provisioning.api.ProvisioningTasks provisioning,
                        TaskNames taskNames, io.cascade.catalog.api.ServiceCatalog catalog) {
        this.catalog = catalog;
        this.provisioning = provisioning;
        this.taskNames = taskNames;
        this.billing = billing;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.usage = usage;
        this.auditLog = auditLog;
        this.auditRows = auditRows;
    }

    @GetMapping({"/", "/panel"})
    String home(Viewer viewer, Model model) {
        if (!viewer.vendor() && viewer.standardAccount() && !viewer.serviceUser()
                && !viewer.caller().covers(viewer.account().path())) {
            // a standard account's customer user (ADR 0037) reaches only its simple customers
            return "redirect:/panel/accounts/" + viewer.account().id() + "/simple-customers";
        }
        if (!viewer.vendor()) {
            return "redirect:/panel/accounts/" + viewer.account().id();
        }
        if (!viewer.caller().covers(viewer.account().path())) {
            // a customer user (ADR 0009) reaches only the customers it is assigned to, not its own account
            return "redirect:/panel/accounts";
        }
        var caller = viewer.caller();
        var id = viewer.account().id();
        if (caller.has(Privilege.ACCOUNTS_READ)) {
            model.addAttribute("counts", accounts.countsBelow(caller, id));
        }
        if (caller.has(Privilege.SUBSCRIPTIONS_READ)) {
            SubscriptionActivity activity = subscriptions.activity(caller, id, MONTHS);
            model.addAttribute("activity", activity);
            model.addAttribute("liveChart", BarChart.of("Live end-customer subscriptions at month end",
                    "subscriptions", activity.liveAtMonthEnd().stream()
                            .map(m -> new BarChart.Point(BarChart.label(m.month()), BigDecimal.valueOf(m.live())))
                            .toList()));
            UsageTrend trend = usage.trend(caller, id, MONTHS);
            model.addAttribute("usageCharts", BarChart.usagePerMonth(trend, MAX_USAGE_CHARTS,
                    ResourceNames.of(catalog.list(caller))));
            model.addAttribute("moreUsage", Math.max(0, trend.series().size() - MAX_USAGE_CHARTS));
            var failures = provisioning.failedInSubtree(caller, FAILURES, null);
            model.addAttribute("failures", failures);
            model.addAttribute("names", taskNames.accounts(caller, failures.items()));
            model.addAttribute("services", taskNames.services(caller));
            model.addAttribute("back", "/");
        }
        if (caller.has(Privilege.BILLING_READ)) {
            io.cascade.billing.api.RevenueReport revenue = billing.revenue(caller, id, MONTHS);
            model.addAttribute("revenueCharts", revenue.tiers().stream().map(tier -> BarChart.of(
                    "Billed by " + tierName(tier.level(), viewer.account().level()) + " (" + tier.currency()
                            + ", before tax)", tier.currency(),
                    java.util.stream.IntStream.range(0, revenue.months().size()).mapToObj(i -> new BarChart.Point(
                            BarChart.label(revenue.months().get(i)), tier.billed().get(i).amount())).toList()))
                    .toList());
        }
        if (caller.has(Privilege.AUDIT_READ)) {
            model.addAttribute("events", auditRows.of(viewer,
                    auditLog.events(caller, id, AuditLog.Query.newest(10)).items()));
        }
        model.addAttribute("types", new AccountType[] {AccountType.RESELLER, AccountType.CUSTOMER});
        model.addAttribute("statuses", AccountStatus.values());
        model.addAttribute("subscriptionStatuses", SubscriptionStatus.values());
        model.addAttribute("purposes", Purpose.values());
        return "panel/dashboard";
    }

    private static String tierName(int level, int own) {
        if (level == own) {
            return "you";
        }
        return level == 0 ? "the provider" : "resellers at level " + level;
    }

    /** Any other panel address: a readable 404 page rather than an API problem. */
    @RequestMapping("/panel/**")
    String unknown() {
        throw new io.cascade.shared.NotFoundException();
    }

    /** Where a form whose session expired lands (see {@code PanelSecurityConfiguration}). */
    @GetMapping("/panel/form-expired")
    String formExpired() {
        return "panel/form-expired";
    }
}
