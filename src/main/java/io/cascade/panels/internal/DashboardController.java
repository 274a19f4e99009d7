package io.cascade.panels.internal;

import io.cascade.accounts.AccountStatus;
import io.cascade.accounts.AccountType;
import io.cascade.audit.AuditLog;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The start page. A provider's or reseller's staff sees its dashboard: the accounts below by type and status, and
 * the latest audit events; a customer's staff goes straight to its account.
 */
@Controller
class DashboardController {
    private final AccountCounts counts;
    private final AuditLog auditLog;
    private final AuditRows auditRows;

    DashboardController(AccountCounts counts, AuditLog auditLog, AuditRows auditRows) {
        this.counts = counts;
        this.auditLog = auditLog;
        this.auditRows = auditRows;
    }

    @GetMapping({"/", "/panel"})
    String home(Viewer viewer, Model model) {
        if (!viewer.vendor()) {
            return "redirect:/panel/accounts/" + viewer.account().id();
        }
        if (viewer.caller().has(Privilege.ACCOUNTS_READ)) {
            model.addAttribute("counts", counts.below(viewer.caller(), viewer.account().id()));
        }
        if (viewer.caller().has(Privilege.AUDIT_READ)) {
            model.addAttribute("events", auditRows.of(viewer,
                    auditLog.events(viewer.caller(), viewer.account().id(), AuditLog.Query.newest(10)).items()));
        }
        model.addAttribute("types", new AccountType[] {AccountType.RESELLER, AccountType.CUSTOMER});
        model.addAttribute("statuses", AccountStatus.values());
        return "panel/dashboard";
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
