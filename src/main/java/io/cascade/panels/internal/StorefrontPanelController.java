package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import io.cascade.storefront.api.ApplicationStatus;
import io.cascade.storefront.api.ApplicationView;
import io.cascade.storefront.api.ApprovalMode;
import io.cascade.storefront.api.Rejection;
import io.cascade.storefront.api.StorefrontSettings;
import io.cascade.storefront.api.StorefrontView;
import io.cascade.storefront.api.Storefronts;
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
 * A vendor's storefront in its panel: the settings (the same {@code Storefronts} call as
 * {@code PUT /api/v1/accounts/{id}/storefront}, with the version the form showed) and the queue of confirmed sign-ups
 * waiting for approval, each approved or rejected with a reason (ADR 0034).
 */
@Controller
class StorefrontPanelController {
    private static final List<String> FIELDS = List.of("enabled", "slug", "title", "intro", "approval");

    private final Storefronts storefronts;
    private final AccountManagement accounts;

    StorefrontPanelController(Storefronts storefronts, AccountManagement accounts) {
        this.storefronts = storefronts;
        this.accounts = accounts;
    }

    /** The form as typed. */
    record SettingsForm(boolean enabled, String slug, String title, String intro, String approval, String version) {
    }

    @GetMapping("/panel/accounts/{accountId}/storefront")
    String page(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        StorefrontView s = storefronts.settings(caller, accountId);
        SettingsForm form = new SettingsForm(s.enabled(), s.slug(), s.title(), s.intro(), s.approval().name(),
                Long.toString(s.version()));
        return page(model, caller, account, s, form, new FormErrors(FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/storefront")
    String save(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        StorefrontView current = storefronts.settings(caller, accountId);
        SettingsForm form = new SettingsForm("on".equals(params.get("enabled")), params.get("slug"),
                params.get("title"), params.get("intro"), params.get("approval"), params.get("version"));
        FormErrors errors = new FormErrors(FIELDS);
        try {
            ApprovalMode approval;
            try {
                approval = ApprovalMode.valueOf(form.approval());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException("approval", "must be AUTOMATIC or MANUAL");
            }
            String ifMatch = form.version() == null ? null : Etags.of(Long.parseLong(form.version()));
            storefronts.update(caller, accountId, ifMatch, new StorefrontSettings(form.enabled(),
                    AccountForm.text(form.slug()), AccountForm.text(form.title()), AccountForm.text(form.intro()),
                    approval, current.shownPlanIds()));
            redirect.addFlashAttribute("notice", "The storefront settings have been saved.");
            return "redirect:/panel/accounts/" + accountId + "/storefront";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The settings were changed meanwhile (or the form was altered); reload the page.");
        }
        return page(model, caller, account, current, form, errors);
    }

    @GetMapping("/panel/storefront-applications/{applicationId}")
    String application(Viewer viewer, @PathVariable UUID applicationId, Model model) {
        ApplicationView application = storefronts.application(viewer.caller(), applicationId);
        return application(model, viewer.caller(), application, new FormErrors(List.of("reason")), "");
    }

    @PostMapping("/panel/storefront-applications/{applicationId}/approve")
    String approve(Viewer viewer, @PathVariable UUID applicationId, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        try {
            ApplicationView approved = storefronts.approve(caller, applicationId);
            redirect.addFlashAttribute("notice", approved.companyName() + " is now a customer; "
                    + approved.email() + " is invited to choose a password.");
            return "redirect:/panel/accounts/" + approved.vendorId() + "/storefront";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            FormErrors errors = new FormErrors(List.of("reason")).from(e);
            return application(model, caller, storefronts.application(caller, applicationId), errors, "");
        }
    }

    @PostMapping("/panel/storefront-applications/{applicationId}/reject")
    String reject(Viewer viewer, @PathVariable UUID applicationId, @RequestParam(required = false) String reason,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        try {
            ApplicationView rejected = storefronts.reject(caller, applicationId, new Rejection(reason));
            redirect.addFlashAttribute("notice", "The sign-up of " + rejected.companyName()
                    + " has been rejected; " + rejected.email() + " is told why.");
            return "redirect:/panel/accounts/" + rejected.vendorId() + "/storefront";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            FormErrors errors = new FormErrors(List.of("reason")).from(e);
            return application(model, caller, storefronts.application(caller, applicationId), errors,
                    reason == null ? "" : reason);
        }
    }

    private String page(Model model, Caller caller, AccountView account, StorefrontView settings, SettingsForm form,
                        FormErrors errors) {
        model.addAttribute("account", account);
        model.addAttribute("settings", settings);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "storefront");
        model.addAttribute("queue", storefronts.applications(caller, account.id(), ApplicationStatus.PENDING_APPROVAL,
                500, null).items());
        return "panel/storefront";
    }

    private String application(Model model, Caller caller, ApplicationView application, FormErrors errors,
                               String reason) {
        model.addAttribute("signUp", application);
        model.addAttribute("account", VendorPages.vendor(accounts, caller, application.vendorId()));
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        model.addAttribute("tab", "storefront");
        return "panel/storefront-application";
    }
}
