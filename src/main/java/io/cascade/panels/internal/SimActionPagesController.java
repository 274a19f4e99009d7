package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountQuery;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.assets.api.AssetManagement;
import io.cascade.assets.api.AssetView;
import io.cascade.assets.api.BatchResult;
import io.cascade.assets.api.RetireRequest;
import io.cascade.assets.api.TransferRequest;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Handing SIMs of an inventory down to a direct reseller and retiring SIMs in stock, from the SIM list: the SIMs
 * chosen there (one, through its row's button, or many), then a page that names them and asks to confirm, then the
 * same calls as {@code POST /api/v1/accounts/{id}/assets/transfer} and {@code .../assets/retire} (all or none,
 * audited by the service). What the service refuses is shown on the confirmation page, nothing changed.
 */
@Controller
class SimActionPagesController {
    /** The most SIMs a confirmation page names one by one (the rest are counted). */
    private static final int NAMED = 50;

    private final AssetManagement assets;
    private final AccountManagement accounts;

    SimActionPagesController(AssetManagement assets, AccountManagement accounts) {
        this.assets = assets;
        this.accounts = accounts;
    }

    @PostMapping("/panel/accounts/{accountId}/sims/{action:hand-down|retire}")
    String act(Viewer viewer, @PathVariable UUID accountId, @PathVariable String action,
               @RequestParam(required = false) List<String> assetIds, @RequestParam(required = false) String only,
               @RequestParam(required = false) String toAccountId, @RequestParam(required = false) String confirmed,
               Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        FormErrors errors = new FormErrors(List.of("assetIds", "toAccountId"));
        List<UUID> ids = new ArrayList<>();
        UUID to = null;
        try {
            for (String id : AccountForm.text(only) != null ? List.of(only)
                    : assetIds == null ? List.<String>of() : assetIds) {
                ids.add(UUID.fromString(id));
            }
            to = AccountForm.text(toAccountId) == null ? null : UUID.fromString(toAccountId);
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            errors.general("Choose SIMs and a reseller from the lists.");
        }
        boolean handDown = action.equals("hand-down");
        if (errors.isEmpty() && ids.isEmpty()) {
            response.setStatus(422);
            errors.add("assetIds", "choose at least one SIM");
        } else if (errors.isEmpty() && handDown && to == null) {
            response.setStatus(422);
            errors.add("toAccountId", "choose the reseller to hand the SIMs down to");
        } else if (errors.isEmpty() && "true".equals(confirmed)) {
            try {
                BatchResult done = handDown ? assets.transfer(caller, accountId, new TransferRequest(to, ids))
                        : assets.retireBatch(caller, accountId, new RetireRequest(ids));
                redirect.addFlashAttribute("notice", handDown
                        ? "Handed " + done.count() + " SIMs down to " + name(caller, done.toAccountId()) + "."
                        : "Retired " + done.count() + " SIMs.");
                return "redirect:/panel/accounts/" + accountId + "/sims";
            } catch (InvalidInputException | RuleViolationException e) {
                response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
                errors = problems(caller, e, ids);
            }
        }
        List<AssetView> named = new ArrayList<>();
        for (UUID id : ids.stream().distinct().limit(NAMED).toList()) {
            try {
                named.add(assets.get(caller, id));
            } catch (NotFoundException e) {
                // not shown: the service names it as not a SIM of this inventory
            }
        }
        model.addAttribute("account", account);
        model.addAttribute("action", action);
        model.addAttribute("ids", ids.stream().distinct().toList());
        model.addAttribute("named", named);
        model.addAttribute("to", to == null ? null : resellersOf(caller, account).stream()
                .filter(r -> r.id().equals(toAccountIdOf(toAccountId))).findFirst().orElse(null));
        model.addAttribute("toAccountId", to == null ? null : to.toString());
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "sims");
        return "panel/sims-confirm";
    }

    /** The problems of a refused batch, each bad SIM named by its ICCID rather than by its index. */
    private FormErrors problems(Caller caller, RuntimeException refusal, List<UUID> ids) {
        FormErrors errors = new FormErrors(List.of("toAccountId"));
        if (refusal instanceof InvalidInputException invalid) {
            for (var p : invalid.problems()) {
                if (p.field().startsWith("assetIds[")) {
                    UUID id = ids.get(Integer.parseInt(p.field().substring(9, p.field().length() - 1)));
                    errors.general("The SIM " + iccid(caller, id) + " " + p.message() + "; nothing was changed.");
                } else {
                    errors.add(p);
                }
            }
            return errors;
        }
        return errors.from(refusal);
    }

    private String iccid(Caller caller, UUID id) {
        try {
            return assets.get(caller, id).iccid();
        } catch (NotFoundException e) {
            return id.toString();
        }
    }

    private static UUID toAccountIdOf(String text) {
        return UUID.fromString(text);
    }

    private String name(Caller caller, UUID accountId) {
        return accounts.get(caller, accountId).companyName();
    }

    /** The account's direct resellers the viewer may see, not terminated (the first 100, for choosing). */
    static List<AccountView> resellersOf(Caller caller, AccountManagement accounts, AccountView account) {
        if (account.type() == AccountType.CUSTOMER) {
            return List.of();
        }
        try {
            return accounts.list(caller, new AccountQuery(account.id(), AccountType.RESELLER, null, null, true, 100,
                    null)).items().stream().filter(c -> c.status() != AccountStatus.TERMINATED).toList();
        } catch (NotFoundException | ForbiddenException e) {
            return List.of();
        }
    }

    private List<AccountView> resellersOf(Caller caller, AccountView account) {
        return resellersOf(caller, accounts, account);
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
