package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.identity.api.Logins;
import io.cascade.shared.Caller;
import io.cascade.shared.UserKind;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * "Open panel as this account": the session remembers the account, and from the next request on every page is that
 * account's panel, called with {@code caller.actingAs(account)} — the signed-in user's privileges, that account's
 * subtree — so every change is audited with both accounts. Starting and ending are audited too. The same for acting as
 * a customer user or service user below: the audit log then also names the user acted as.
 */
@Controller
class ActingController {
    private final AccountManagement accounts;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Logins logins;

    ActingController(AccountManagement accounts, AccountScope scope, AuditTrail audit, Logins logins) {
        this.accounts = accounts;
        this.scope = scope;
        this.audit = audit;
        this.logins = logins;
    }

    @PostMapping("/panel/accounts/{accountId}/act-as")
    String actAs(Viewer viewer, @PathVariable UUID accountId, HttpServletRequest request,
                 RedirectAttributes redirect) {
        Caller home = viewer.home();
        if (accountId.equals(home.accountId())) {
            return stop(viewer, request, redirect);
        }
        AccountView target = accounts.get(home, accountId);
        ScopedAccount scoped = scope.require(home, target.id());
        Caller acting = home.actingAs(scoped.id(), scoped.path());
        PanelSession.actAs(request, scoped.id());
        audit.record(new AuditRecord(acting, scoped.id(), scoped.path(), "panel.acting-started", null,
                Map.of("companyName", target.companyName())));
        redirect.addFlashAttribute("notice", "You are now in the panel of " + target.companyName() + ".");
        return "redirect:/";
    }

    /**
     * "Open panel as this user", for a customer user or service user of an account the signed-in staff member covers
     * (with USERS_MANAGE): from the next request on, the panel is that user's, seen with the privileges both hold.
     */
    @PostMapping("/panel/users/{userId}/act-as")
    String actAsUser(Viewer viewer, @PathVariable UUID userId, HttpServletRequest request,
                     RedirectAttributes redirect) {
        Caller acting = logins.actAsUser(viewer.home(), userId);
        PanelSession.actAsUser(request, userId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("userId", userId);
        after.put("email", acting.email());
        after.put("kind", acting.kind());
        audit.record(new AuditRecord(acting, acting.accountId(), acting.accountPath(), "panel.acting-started", null,
                after));
        redirect.addFlashAttribute("notice", "You are now in the panel of " + acting.email() + ".");
        return "redirect:/";
    }

    @PostMapping("/panel/act-as/stop")
    String stop(Viewer viewer, HttpServletRequest request, RedirectAttributes redirect) {
        Optional<UUID> target = PanelSession.actingAs(request);
        PanelSession.stopActing(request);
        if (viewer.actingOnBehalf()) {
            Caller acting = viewer.caller();
            audit.record(new AuditRecord(acting, acting.accountId(), acting.accountPath(), "panel.acting-ended", null,
                    null));
            redirect.addFlashAttribute("notice", "You are back in your own panel.");
            if (acting.onBehalfOfUserId() != null) {
                return "redirect:/panel/" + (acting.kind() == UserKind.SERVICE_USER ? "service-users/"
                        : "customer-users/") + acting.onBehalfOfUserId();
            }
        }
        return target.map(id -> "redirect:/panel/accounts/" + id).orElse("redirect:/");
    }
}
