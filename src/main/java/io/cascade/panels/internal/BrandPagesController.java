package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.brands.api.Brand;
import io.cascade.brands.api.BrandDraft;
import io.cascade.brands.api.BrandFallback;
import io.cascade.brands.api.BrandManagement;
import io.cascade.brands.api.BrandView;
import io.cascade.brands.api.Brands;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * A vendor's brand in the panel (ADR 0033): its own account's and those of the resellers it covers; the same
 * {@code BrandManagement} calls as {@code /api/v1/accounts/{id}/brand}, with the same checks, audit and version check
 * (each form carries the version it showed). And a customer's page about its vendor: the brand it buys from, with
 * the brand's support contacts, never the vendor's account.
 */
@Controller
class BrandPagesController {
    static final List<String> FIELDS = List.of("displayName", "primaryColour", "accentColour", "supportEmail",
            "supportPhone", "supportUrl", "legalFooter", "senderName", "senderAddress");

    private final BrandManagement brands;
    private final Brands shown;
    private final AccountManagement accounts;

    BrandPagesController(BrandManagement brands, Brands shown, AccountManagement accounts) {
        this.brands = brands;
        this.shown = shown;
        this.accounts = accounts;
    }

    /** The brand form as the browser sends it. */
    record BrandForm(String displayName, String primaryColour, String accentColour, String supportEmail,
                     String supportPhone, String supportUrl, String legalFooter, String senderName,
                     String senderAddress, String version) {

        static BrandForm of(BrandView view) {
            return new BrandForm(view.displayName(), view.primaryColour(), view.accentColour(), view.supportEmail(),
                    view.supportPhone(), view.supportUrl(), view.legalFooter(), view.senderName(),
                    view.senderAddress(), Long.toString(view.version()));
        }

        BrandDraft draft() {
            return new BrandDraft(AccountForm.text(displayName), AccountForm.text(primaryColour),
                    AccountForm.text(accentColour), AccountForm.text(supportEmail), AccountForm.text(supportPhone),
                    AccountForm.text(supportUrl), AccountForm.text(legalFooter), AccountForm.text(senderName),
                    AccountForm.text(senderAddress));
        }

        /** The colours of the form where they are well-formed, for the preview; else the brand's. */
        String previewPrimary(BrandView view) {
            return colour(primaryColour, view.primaryColour());
        }

        String previewAccent(BrandView view) {
            return colour(accentColour, view.accentColour());
        }

        private static String colour(String given, String otherwise) {
            return given != null && given.strip().matches("#[0-9a-fA-F]{6}") ? given.strip().toLowerCase() : otherwise;
        }
    }

    @GetMapping("/panel/accounts/{accountId}/brand")
    String page(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        BrandView view = brands.brand(caller, accountId);
        return page(model, account, view, BrandForm.of(view), new FormErrors(FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/brand")
    String save(Viewer viewer, @PathVariable UUID accountId, BrandForm form, String action, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        FormErrors errors = new FormErrors(FIELDS);
        try {
            String ifMatch = ifMatch(form.version());
            if ("remove".equals(action)) {
                brands.remove(caller, accountId, ifMatch);
                redirect.addFlashAttribute("notice", "The brand has been removed: the account shows the brand it "
                        + "falls back to again.");
            } else {
                brands.set(caller, accountId, ifMatch, form.draft());
                redirect.addFlashAttribute("notice", "The brand has been saved.");
            }
            return "redirect:/panel/accounts/" + accountId + "/brand";
        } catch (InvalidInputException | RuleViolationException | PreconditionFailedException
                 | NumberFormatException e) {
            refused(e, errors, response);
        }
        return page(model, account, brands.brand(caller, accountId), form, errors);
    }

    /** The live preview: htmx posts the form as it is typed and swaps in this fragment; without htmx, the page. */
    @PostMapping("/panel/accounts/{accountId}/brand/preview")
    String preview(Viewer viewer, @PathVariable UUID accountId, BrandForm form, Model model,
                   HttpServletRequest request) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        String page = page(model, account, brands.brand(caller, accountId), form, new FormErrors(FIELDS));
        return Htmx.isRequest(request) ? page + " :: preview" : page;
    }

    @PostMapping("/panel/accounts/{accountId}/brand/logo")
    String logo(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) MultipartFile logo,
                @RequestParam(required = false) String version, @RequestParam(required = false) String action,
                Model model, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        FormErrors errors = new FormErrors(List.of("logo"));
        try {
            String ifMatch = ifMatch(version);
            if ("remove".equals(action)) {
                brands.removeLogo(caller, accountId, ifMatch);
                redirect.addFlashAttribute("notice", "The logo has been removed.");
            } else {
                if (logo == null || logo.isEmpty()) {
                    throw new InvalidInputException("logo", "choose a PNG or SVG file");
                }
                if (logo.getSize() > BrandManagement.MAX_LOGO_BYTES) {
                    throw new InvalidInputException("logo", "has " + logo.getSize() / 1024 + " KiB; at most "
                            + BrandManagement.MAX_LOGO_BYTES / 1024 + " KiB are accepted");
                }
                brands.setLogo(caller, accountId, ifMatch, mediaType(logo), logo.getBytes());
                redirect.addFlashAttribute("notice", "The logo has been saved.");
            }
            return "redirect:/panel/accounts/" + accountId + "/brand";
        } catch (InvalidInputException | RuleViolationException | PreconditionFailedException
                 | NumberFormatException e) {
            refused(e, errors, response);
        }
        BrandView view = brands.brand(caller, accountId);
        model.addAttribute("logoErrors", errors);
        return page(model, account, view, BrandForm.of(view), new FormErrors(FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/brand/fallback")
    String fallback(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String fallback,
                    @RequestParam(required = false) String version, Model model, HttpServletResponse response,
                    RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        FormErrors errors = new FormErrors(List.of("fallback"));
        try {
            BrandFallback choice;
            try {
                choice = fallback == null ? null : BrandFallback.valueOf(fallback);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("fallback", "must be NEAREST_ABOVE or OWN_NAME");
            }
            brands.choose(caller, accountId, ifMatch(version), choice);
            redirect.addFlashAttribute("notice", "The choice has been saved.");
            return "redirect:/panel/accounts/" + accountId + "/brand";
        } catch (InvalidInputException | RuleViolationException | PreconditionFailedException
                 | NumberFormatException e) {
            refused(e, errors, response);
        }
        BrandView view = brands.brand(caller, accountId);
        model.addAttribute("fallbackErrors", errors);
        return page(model, account, view, BrandForm.of(view), new FormErrors(FIELDS));
    }

    /** Puts a refused change on the form: its status, and the message at its field or above the form. */
    private static void refused(RuntimeException e, FormErrors errors, HttpServletResponse response) {
        if (e instanceof PreconditionFailedException || e instanceof NumberFormatException) {
            response.setStatus(412);
            errors.general("The brand was changed meanwhile (or the form was altered); reload the page.");
        } else {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
    }

    /**
     * A customer's page about its vendor: the brand it buys from and its support contacts. The customer's own account
     * (or one the viewer covers); the vendor's account itself stays out of reach, as the subtree rule says.
     */
    @GetMapping("/panel/accounts/{accountId}/vendor")
    String vendor(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        AccountView account = accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId);
        if (account.type() != AccountType.CUSTOMER) {
            throw new NotFoundException();
        }
        Brand seller = shown.seenBy(account.path(), false);
        model.addAttribute("account", account);
        model.addAttribute("seller", seller);
        model.addAttribute("tab", "vendor");
        return "panel/vendor";
    }

    private String page(Model model, AccountView account, BrandView view, BrandForm form, FormErrors errors) {
        model.addAttribute("account", account);
        model.addAttribute("view", view);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("previewPrimary", form.previewPrimary(view));
        model.addAttribute("previewAccent", form.previewAccent(view));
        if (!model.containsAttribute("logoErrors")) {
            model.addAttribute("logoErrors", new FormErrors(List.of("logo")));
        }
        if (!model.containsAttribute("fallbackErrors")) {
            model.addAttribute("fallbackErrors", new FormErrors(List.of("fallback")));
        }
        model.addAttribute("tab", "brand");
        return "panel/brand";
    }

    private static String ifMatch(String version) {
        return version == null || version.isBlank() ? null : Etags.of(Long.parseLong(version.strip()));
    }

    /** The logo's media type: what the browser says, else what its name ends with. */
    private static String mediaType(MultipartFile logo) {
        String type = logo.getContentType();
        if ("image/png".equalsIgnoreCase(type) || "image/svg+xml".equalsIgnoreCase(type)) {
            return type.toLowerCase();
        }
        String name = logo.getOriginalFilename() == null ? "" : logo.getOriginalFilename().toLowerCase();
        return name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png" : type;
    }
}
