package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.NewAdministrator;
import io.cascade.assets.api.AssetManagement;
import io.cascade.assets.api.SimpleCustomerUsage;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A standard account's simple customers (seed 004, ADR 0037): the list with the SIMs each holds and this month's SIM
 * data usage, through {@code AssetManagement.usageBySimpleCustomer}, and a form that creates one (a customer below
 * the standard account, with its first administrator) through {@code AccountManagement.create}. SIMs are handed on
 * from the SIMs page, customer users created on the customer users page.
 */
@Controller
class SimpleCustomerPagesController {
    private static final List<String> FIELDS = List.of("companyName", "admin.email", "admin.name", "admin.password",
            "billable");

    private final AccountManagement accounts;
    private final AssetManagement assets;

    SimpleCustomerPagesController(AccountManagement accounts, AssetManagement assets) {
        this.accounts = accounts;
        this.assets = assets;
    }

    @GetMapping("/panel/accounts/{accountId}/simple-customers")
    String list(Viewer viewer, @PathVariable UUID accountId, Model model) {
        return page(viewer, accountId, model, Map.of(), new FormErrors(FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/simple-customers")
    String create(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(FIELDS);
        try {
            AccountView created = accounts.create(viewer.caller(), new AccountDraft(AccountType.CUSTOMER, accountId,
                    AccountForm.text(params.get("companyName")), null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, new NewAdministrator(
                    AccountForm.text(params.get("admin.email")), AccountForm.text(params.get("admin.name")),
                    AccountForm.text(params.get("admin.password")))));
            if (created.admin() != null && created.admin().invitationToken() != null) {
                model.addAttribute("account", created);
                return "panel/account-created";
            }
            redirect.addFlashAttribute("notice", "Created the simple customer " + created.companyName() + " ("
                    + created.customerNumber() + "); " + created.admin().email() + " can sign in now.");
            return "redirect:/panel/accounts/" + accountId + "/simple-customers";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        Map<String, String> typed = new java.util.HashMap<>(params);
        typed.remove("admin.password");
        return page(viewer, accountId, model, typed, errors);
    }

    private String page(Viewer viewer, UUID accountId, Model model, Map<String, String> typed, FormErrors errors) {
        AccountView account = accountId.equals(viewer.caller().accountId()) ? accounts.own(viewer.caller())
                : accounts.get(viewer.caller(), accountId);
        SimpleCustomerUsage usage = assets.usageBySimpleCustomer(viewer.caller(), accountId, null, null);
        model.addAttribute("account", account);
        model.addAttribute("usage", usage);
        model.addAttribute("manage", viewer.caller().isOwnStaffOf(accountId)
                && viewer.caller().has(io.cascade.shared.Privilege.ACCOUNTS_MANAGE));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "simple-customers");
        return "panel/simple-customers";
    }
}
