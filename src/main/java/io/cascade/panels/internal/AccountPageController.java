package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.StatusChangeReason;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.NotFoundException;
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

import java.util.Optional;
import java.util.UUID;

/**
 * One account: its profile, what lies below it, and its status actions. Each action first shows what it will do to
 * the accounts below (the suspension cascade), then calls {@code AccountManagement}, which decides.
 */
@Controller
class AccountPageController {
    private final AccountManagement accounts;
    private final DunningPanel dunning;
    private final io.cascade.accounts.api.Licences licences;

    AccountPageController(AccountManagement accounts, DunningPanel dunning, io.cascade.accounts.api.Licences licences) {
        this.licences = licences;
        this.accounts = accounts;
        this.dunning = dunning;
    }

    @GetMapping("/panel/accounts/{accountId}")
    String account(Viewer viewer, @PathVariable UUID accountId, Model model) {
        AccountView account = load(viewer.caller(), accountId);
        model.addAttribute("account", account);
        model.addAttribute("vendor", vendorOf(viewer.caller(), account).orElse(null));
        if (account.type() != AccountType.CUSTOMER && viewer.caller().has(Privilege.ACCOUNTS_READ)
                && viewer.caller().covers(account.path())) {
            model.addAttribute("counts", accounts.countsBelow(viewer.caller(), account.id()));
        }
        model.addAttribute("dunning", dunning.rows(viewer.caller(), account.id()));
        LicencePagesController.addLicences(viewer, account, licences, model);
        model.addAttribute("tab", "profile");
        return "panel/account";
    }

    @GetMapping("/panel/accounts/{accountId}/{action:suspend|resume|terminate|activate}")
    String confirm(Viewer viewer, @PathVariable UUID accountId, @PathVariable String action, Model model) {
        AccountView account = load(viewer.caller(), accountId);
        return confirmPage(viewer, account, action, model);
    }

    @PostMapping("/panel/accounts/{accountId}/{action:suspend|resume|terminate|activate}")
    String change(Viewer viewer, @PathVariable UUID accountId, @PathVariable String action, Model model,
                  @RequestParam(required = false) String reason,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        try {
            AccountView after = switch (action) {
                case "suspend" -> accounts.suspend(caller, accountId, new StatusChangeReason(reason));
                case "resume" -> accounts.resume(caller, accountId, new StatusChangeReason(reason));
                case "terminate" -> accounts.terminate(caller, accountId);
                default -> accounts.activate(caller, accountId);
            };
            redirect.addFlashAttribute("notice", after.companyName() + " is now " + after.status() + ".");
            return "redirect:/panel/accounts/" + accountId;
        } catch (RuleViolationException e) {
            response.setStatus(ProblemStatuses.of(e).value());
            model.addAttribute("refusal", e.getMessage());
            return confirmPage(viewer, load(caller, accountId), action, model);
        }
    }

    private String confirmPage(Viewer viewer, AccountView account, String action, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("action", action);
        if (account.type() != AccountType.CUSTOMER && viewer.caller().has(Privilege.ACCOUNTS_READ)
                && viewer.caller().covers(account.path())) {
            model.addAttribute("counts", accounts.countsBelow(viewer.caller(), account.id()));
        }
        model.addAttribute("tab", "profile");
        return "panel/account-status";
    }

    /** The viewer's own account needs no privilege; any other goes through the subtree and privilege check. */
    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }

    /** The vendor, when the viewer may see it (never for the viewer's own account: its vendor is above). */
    private Optional<AccountView> vendorOf(Caller caller, AccountView account) {
        if (account.vendorId() == null || account.id().equals(caller.accountId())) {
            return Optional.empty();
        }
        try {
            return Optional.of(load(caller, account.vendorId()));
        } catch (NotFoundException | ForbiddenException e) {
            return Optional.empty();
        }
    }
}
