package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountQuery;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The account tree: the children of an account (or its whole subtree), searched by name or number, filtered by type
 * and status, one page at a time with {@code AccountManagement.list}'s cursors. htmx swaps only the result list.
 */
@Controller
class AccountTreeController {
    static final int PAGE_SIZE = 25;
    private final AccountManagement accounts;

    AccountTreeController(AccountManagement accounts) {
        this.accounts = accounts;
    }

    /** The list's filters as the browser sends them; {@code scope} is "children" (default) or "subtree". */
    record Filters(String under, String q, String type, String status, String scope, String cursor, Integer limit) {
    }

    @GetMapping("/panel/accounts")
    String tree(Viewer viewer, Filters filters, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        Caller caller = viewer.caller();
        FormErrors errors = new FormErrors(List.of("q", "type", "status"));
        UUID underId = parseId(filters.under(), viewer.account().id());
        AccountView under = underId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, underId);
        AccountType type = parse(AccountType.class, filters.type(), "type", errors);
        AccountStatus status = parse(AccountStatus.class, filters.status(), "status", errors);
        boolean subtree = "subtree".equals(filters.scope());
        Page<AccountView> page = new Page<>(List.of(), null);
        try {
            page = accounts.list(caller, new AccountQuery(under.id(), type, status, AccountForm.text(filters.q()),
                    !subtree, filters.limit() == null ? PAGE_SIZE : filters.limit(), filters.cursor()));
        } catch (InvalidInputException e) {
            errors.from(e);
            response.setStatus(422);
        }
        model.addAttribute("under", under);
        model.addAttribute("trail", trail(caller, under));
        model.addAttribute("filters", new Filters(under.id().toString(), filters.q(), filters.type(),
                filters.status(), subtree ? "subtree" : "children", filters.cursor(), filters.limit()));
        model.addAttribute("page", page);
        model.addAttribute("vendorNames", subtree ? vendorNames(caller, under, page.items()) : Map.of());
        model.addAttribute("errors", errors);
        model.addAttribute("types", new AccountType[] {AccountType.RESELLER, AccountType.CUSTOMER});
        model.addAttribute("statuses", AccountStatus.values());
        return Htmx.wantsFragment(request) ? "panel/accounts :: results" : "panel/accounts";
    }

    /**
     * The vendor of each account of an "everything below" page by id: {@code under}, an account on the page, or (on a
     * later page) one loaded on its own — all inside the subtree the viewer was allowed to list.
     */
    private Map<UUID, String> vendorNames(Caller caller, AccountView under, List<AccountView> items) {
        Map<UUID, String> names = new HashMap<>();
        names.put(under.id(), under.companyName());
        items.forEach(a -> names.put(a.id(), a.companyName()));
        for (AccountView a : items) {
            if (a.vendorId() != null && !names.containsKey(a.vendorId())) {
                names.put(a.vendorId(), accounts.get(caller, a.vendorId()).companyName());
            }
        }
        return names;
    }

    /** The accounts from the viewer's own down to {@code under}, for the breadcrumb trail (at most the tree depth). */
    private List<AccountView> trail(Caller caller, AccountView under) {
        List<AccountView> trail = new ArrayList<>();
        AccountView current = under;
        while (!current.id().equals(caller.accountId()) && current.vendorId() != null) {
            current = current.vendorId().equals(caller.accountId()) ? accounts.own(caller)
                    : accounts.get(caller, current.vendorId());
            trail.add(0, current);
        }
        return trail;
    }

    private static UUID parseId(String value, UUID fallback) {
        String text = AccountForm.text(value);
        if (text == null) {
            return fallback;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new io.cascade.shared.NotFoundException();
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, FormErrors errors) {
        String text = AccountForm.text(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(field, "is not a known value");
            return null;
        }
    }
}
