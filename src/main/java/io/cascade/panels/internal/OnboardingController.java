package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountUpdate;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.accounts.api.PlatformSettings;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Onboarding a reseller or customer (personal details, company profile, department signatures, billable or simple,
 * reseller profile, first administrator) with {@code AccountManagement.create}, and changing an account's profile
 * with {@code AccountManagement.update}. Whatever the service refuses is shown at the field it names.
 */
@Controller
class OnboardingController {
    private final AccountManagement accounts;
    private final PlatformSettings platformSettings;

    private final io.cascade.accounts.api.Licences licences;

    OnboardingController(AccountManagement accounts, PlatformSettings platformSettings,
                         io.cascade.accounts.api.Licences licences) {
        this.licences = licences;
        this.accounts = accounts;
        this.platformSettings = platformSettings;
    }

    @GetMapping("/panel/accounts/new")
    String newAccount(Viewer viewer, @RequestParam(defaultValue = "CUSTOMER") String type,
                      @RequestParam(required = false) UUID vendor, Model model) {
        AccountType accountType = "RESELLER".equals(type) ? AccountType.RESELLER : AccountType.CUSTOMER;
        AccountView vendorView = load(viewer.caller(), vendor != null ? vendor : viewer.account().id());
        if (accountType == AccountType.RESELLER) {
            // resellers below need the vendor's RESELLER licence (ADR 0038): the form is not offered without it
            licences.requireAt(vendorView.path(), io.cascade.accounts.api.Feature.RESELLER);
        }
        Set<ResellerModel> enabled = platformSettings.resellerSettings().settings().enabledResellerModels();
        AccountForm form = AccountForm.blank(accountType, vendorView.id(), vendorView.currency(),
                enabled.stream().sorted().findFirst().orElse(null));
        return formPage(model, form, vendorView, null, new FormErrors(AccountForm.FIELDS));
    }

    @PostMapping("/panel/accounts/new")
    String create(Viewer viewer, AccountForm form, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        FormErrors errors = new FormErrors(AccountForm.FIELDS);
        try {
            AccountDraft draft = form.draft();
            AccountView created = accounts.create(caller, draft);
            if (created.admin() != null && created.admin().invitationToken() != null) {
                // shown once, on this answer only: never put in the session (it is stored in the database)
                model.addAttribute("account", created);
                return "panel/account-created";
            }
            redirect.addFlashAttribute("notice", "Created " + created.companyName() + " ("
                    + created.customerNumber() + "); " + created.admin().email() + " can sign in now.");
            return "redirect:/panel/accounts/" + created.id();
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        AccountView vendorView = vendorFor(caller, form);
        return formPage(model, form.withoutPassword(), vendorView, null, errors);
    }

    @GetMapping("/panel/accounts/{accountId}/edit")
    String edit(Viewer viewer, @PathVariable UUID accountId, Model model) {
        AccountView account = load(viewer.caller(), accountId);
        return formPage(model, AccountForm.of(account), null, account, new FormErrors(AccountForm.FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/edit")
    String update(Viewer viewer, @PathVariable UUID accountId, AccountForm form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        FormErrors errors = new FormErrors(AccountForm.FIELDS);
        try {
            AccountUpdate changed = form.update(account.type());
            String ifMatch = form.version() == null ? null : Etags.of(parseVersion(form.version()));
            AccountView after = accounts.update(caller, accountId, ifMatch, current -> changed);
            redirect.addFlashAttribute("notice", "Saved the profile of " + after.companyName() + ".");
            return "redirect:/panel/accounts/" + accountId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException e) {
            response.setStatus(412);
            errors.general("Someone else changed this account while you were editing it. Your changes are below; "
                    + "open the account again to see theirs.");
        }
        return formPage(model, form, null, account, errors);
    }

    private String formPage(Model model, AccountForm form, AccountView vendor, AccountView account,
                            FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("vendor", vendor);
        model.addAttribute("account", account);
        model.addAttribute("errors", errors);
        // the enabled models, and the one an existing reseller has even if it was disabled since
        Set<ResellerModel> models = EnumSet.noneOf(ResellerModel.class);
        models.addAll(platformSettings.resellerSettings().settings().enabledResellerModels());
        if (form.resellerProfile().model() != null) {
            Arrays.stream(ResellerModel.values()).filter(m -> m.name().equals(form.resellerProfile().model()))
                    .forEach(models::add);
        }
        model.addAttribute("models", models);
        model.addAttribute("formats", InvoiceFormat.values());
        model.addAttribute("countries", COUNTRIES);
        model.addAttribute("tab", "profile");
        return "panel/account-form";
    }

    /** ISO 3166 codes with their English names, sorted by name, for the country list. */
    private static final List<Country> COUNTRIES = Arrays.stream(Locale.getISOCountries())
            .map(code -> new Country(code,
                    new Locale.Builder().setRegion(code).build().getDisplayCountry(Locale.ENGLISH)))
            .collect(java.util.stream.Collectors.toMap(Country::name, c -> c, (a, b) -> a, TreeMap::new))
            .values().stream().toList();

    public record Country(String code, String name) {
    }

    private AccountView vendorFor(Caller caller, AccountForm form) {
        try {
            return load(caller, form.vendorId() == null ? caller.accountId() : UUID.fromString(form.vendorId()));
        } catch (IllegalArgumentException | NotFoundException e) {
            return accounts.own(caller);
        }
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version.strip());
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException();
        }
    }
}
