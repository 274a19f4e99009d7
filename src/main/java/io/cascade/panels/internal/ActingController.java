package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * "Open panel as this account": the session remembers the account, and from the next request on every page is that
 * account's panel, called with {@code caller.actingAs(account)} — the signed-in user's privileges, that account's
 * subtree — so every change is audited with both accounts. Starting and ending are audited too.
 */
@Controller
class ActingController {
    private final AccountManagement accounts;
    private final AccountScope scope;
    private final AuditTrail audit;

    ActingController(AccountManagement accounts, AccountScope scope, AuditTrail audit) {
        this.accounts = accounts;
        this.scope = scope;
        this.audit = audit;
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

    @PostMapping("/panel/act-as/stop")
    String stop(Viewer viewer, HttpServletRequest request, RedirectAttributes redirect) {
        Optional<UUID> target = PanelSession.actingAs(request);
        PanelSession.stopActing(request);
        if (viewer.actingOnBehalf()) {
            Caller acting = viewer.caller();
            audit.record(new AuditRecord(acting, acting.accountId(), acting.accountPath(), "panel.acting-ended", null,
                    null));
            redirect.addFlashAttribute("notice", "You are back in your own panel.");
        }
        return target.map(id -> "redirect:/panel/accounts/" + id).orElse("redirect:/");
    }
}
