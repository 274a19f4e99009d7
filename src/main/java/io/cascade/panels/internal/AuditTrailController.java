package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.audit.api.AuditEvent;
import io.cascade.audit.api.AuditLog;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The audit trail of an account and everything below it, newest first, through {@code AuditLog}. */
@Controller
class AuditTrailController {
    private final AuditLog auditLog;
    private final AuditRows rows;
    private final AccountManagement accounts;

    AuditTrailController(AuditLog auditLog, AuditRows rows, AccountManagement accounts) {
        this.auditLog = auditLog;
        this.rows = rows;
        this.accounts = accounts;
    }

    /** Filters as the browser sends them: dates are days (UTC), {@code to} included. */
    record Filters(String action, String from, String to, String cursor) {
    }

    @GetMapping("/panel/accounts/{accountId}/audit")
    String trail(Viewer viewer, @PathVariable UUID accountId, Filters filters, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        Caller caller = viewer.caller();
        AccountView account = accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId);
        FormErrors errors = new FormErrors(List.of("action", "from", "to"));
        Instant from = day(filters.from(), "from", errors, 0);
        Instant to = day(filters.to(), "to", errors, 1);
        Page<AuditEvent> page = new Page<>(List.of(), null);
        if (errors.isEmpty()) {
            try {
                page = auditLog.events(caller, accountId, new AuditLog.Query(AccountForm.text(filters.action()), null,
                        from, to, 50, filters.cursor()));
            } catch (InvalidInputException e) {
                errors.from(e);
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
        }
        model.addAttribute("account", account);
        model.addAttribute("filters", filters);
        model.addAttribute("events", rows.of(viewer, page.items()));
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "audit");
        return Htmx.wantsFragment(request) ? "panel/audit :: results" : "panel/audit";
    }

    private static Instant day(String value, String field, FormErrors errors, int plusDays) {
        String text = AccountForm.text(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date (YYYY-MM-DD)");
            return null;
        }
    }
}
