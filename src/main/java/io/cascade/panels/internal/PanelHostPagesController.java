package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.brands.api.NewPanelHost;
import io.cascade.brands.api.PanelHostManagement;
import io.cascade.brands.api.PanelHostView;
import io.cascade.brands.api.VerifyPanelHost;
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
import java.util.UUID;

/**
 * A vendor's panel hosts (ADR 0035) through {@code brands.api.PanelHostManagement}: the list with each host's state
 * and the TXT record that verifies it, a form to add one, "Verify now" and "Remove" per host, and for the provider's
 * staff "Mark verified". The service checks scope (a customer has none: 404) and privileges and audits every change.
 */
@Controller
class PanelHostPagesController {
    private static final String PAGE = "/panel/accounts/{accountId}/panel-hosts";

    private final PanelHostManagement hosts;
    private final AccountManagement accounts;

    PanelHostPagesController(PanelHostManagement hosts, AccountManagement accounts) {
        this.hosts = hosts;
        this.accounts = accounts;
    }

    record HostForm(String host) {
    }

    @GetMapping(PAGE)
    String list(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                Model model) {
        return page(viewer, accountId, cursor, new HostForm(null), errors(), model);
    }

    @PostMapping(PAGE)
    String add(Viewer viewer, @PathVariable UUID accountId, HostForm form, Model model, HttpServletResponse response,
               RedirectAttributes redirect) {
        FormErrors errors = errors();
        try {
            PanelHostView added = hosts.add(viewer.caller(), accountId, new NewPanelHost(AccountForm.text(form.host())));
            redirect.addFlashAttribute("notice", "Added " + added.host() + ". Publish its TXT record, then verify it.");
            return "redirect:/panel/accounts/" + accountId + "/panel-hosts";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return page(viewer, accountId, null, form, errors, model);
    }

    @PostMapping(PAGE + "/{host}/verify")
    String verify(Viewer viewer, @PathVariable UUID accountId, @PathVariable String host,
                  @RequestParam(required = false) String manual, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        FormErrors errors = errors();
        try {
            PanelHostView verified = hosts.verify(viewer.caller(), accountId, host,
                    new VerifyPanelHost("true".equals(manual)));
            redirect.addFlashAttribute("notice", verified.host() + " is verified.");
            return "redirect:/panel/accounts/" + accountId + "/panel-hosts";
        } catch (RuleViolationException e) {
            response.setStatus(ProblemStatuses.of(e).value());
            errors.from(e);
        }
        return page(viewer, accountId, null, new HostForm(null), errors, model);
    }

    @PostMapping(PAGE + "/{host}/delete")
    String remove(Viewer viewer, @PathVariable UUID accountId, @PathVariable String host,
                  RedirectAttributes redirect) {
        PanelHostView removed = hosts.get(viewer.caller(), accountId, host);
        hosts.remove(viewer.caller(), accountId, host);
        redirect.addFlashAttribute("notice", "Removed " + removed.host() + ".");
        return "redirect:/panel/accounts/" + accountId + "/panel-hosts";
    }

    private String page(Viewer viewer, UUID accountId, String cursor, HostForm form, FormErrors errors,
                        Model model) {
        model.addAttribute("account", VendorPages.vendor(accounts, viewer.caller(), accountId));
        model.addAttribute("hosts", hosts.list(viewer.caller(), accountId, 50, cursor));
        model.addAttribute("cursor", cursor);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("providerStaff", viewer.home().isStaff()
                && viewer.homeAccount().type() == AccountType.PROVIDER);
        return "panel/panel-hosts";
    }

    private static FormErrors errors() {
        return new FormErrors(List.of("host"));
    }
}
