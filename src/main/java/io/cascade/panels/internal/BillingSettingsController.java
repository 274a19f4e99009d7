package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.PaymentMethod;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vendor's invoicing settings (number prefix, payment term, tax rates): the same {@code InvoiceManagement} call as
 * {@code PUT /api/v1/accounts/{id}/billing-settings} — the same validation, the same audit, the same version check
 * (the form carries the version it showed).
 */
@Controller
class BillingSettingsController {
    /** Empty rows below the rates, for new ones (more after saving). */
    private static final int SPARE_ROWS = 2;
    private static final Pattern RATE_FIELD = Pattern.compile("taxRates\\[(\\d+)](.*)");

    private final InvoiceManagement invoices;
    private final AccountManagement accounts;

    BillingSettingsController(InvoiceManagement invoices, AccountManagement accounts) {
        this.invoices = invoices;
        this.accounts = accounts;
    }

    /** One tax rate row as typed: country empty for the default rate. */
    record RateRow(String country, String rate) {
    }

    record SettingsForm(String numberPrefix, String paymentTermDays, List<RateRow> rates, String version,
                        String accountHolder, String iban, String bic, Set<String> methods) {
    }

    @GetMapping("/panel/accounts/{accountId}/billing-settings")
    String page(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        InvoiceManagement.VersionedSettings current = invoices.versionedSettings(caller, accountId);
        BillingSettings s = current.settings();
        List<RateRow> rows = new ArrayList<>();
        if (s.taxRates() != null) {
            s.taxRates().forEach(r -> rows.add(new RateRow(r.country(), r.rate().stripTrailingZeros()
                    .toPlainString())));
        }
        BillingSettings.Payment pay = s.payment();
        SettingsForm form = new SettingsForm(s.numberPrefix(), s.paymentTermDays() == null ? null
                : s.paymentTermDays().toString(), rows, Long.toString(current.version()), pay.accountHolder(),
                pay.iban(), pay.bic(), pay.acceptedMethods().stream().map(Enum::name).collect(Collectors.toSet()));
        return page(model, account, form, errors(rows.size() + SPARE_ROWS));
    }

    @PostMapping("/panel/accounts/{accountId}/billing-settings")
    String save(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        SettingsForm form = form(params);
        FormErrors errors = errors(form.rates().size());
        try {
            List<FieldProblem> problems = new ArrayList<>();
            Integer days = null;
            String daysText = AccountForm.text(form.paymentTermDays());
            if (daysText == null) {
                problems.add(new FieldProblem("paymentTermDays", "must not be empty"));
            } else {
                try {
                    days = Integer.valueOf(daysText);
                } catch (NumberFormatException e) {
                    problems.add(new FieldProblem("paymentTermDays", "must be a whole number of days, e.g. 14"));
                }
            }
            // rows left empty are no rate; the rates sent keep the order of their rows
            List<BillingSettings.TaxRate> rates = new ArrayList<>();
            List<Integer> rowOf = new ArrayList<>();
            for (int i = 0; i < form.rates().size(); i++) {
                RateRow row = form.rates().get(i);
                String country = AccountForm.text(row.country());
                String rate = AccountForm.text(row.rate());
                if (country == null && rate == null) {
                    continue;
                }
                BigDecimal value = null;
                if (rate == null) {
                    problems.add(new FieldProblem("taxRates[" + i + "].rate", "must not be empty"));
                } else {
                    try {
                        value = new BigDecimal(rate);
                    } catch (NumberFormatException e) {
                        problems.add(new FieldProblem("taxRates[" + i + "].rate", "must be a percentage, e.g. 19"));
                    }
                }
                rates.add(new BillingSettings.TaxRate(country, value));
                rowOf.add(i);
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            String prefix = form.numberPrefix() == null ? "" : form.numberPrefix().strip();
            String ifMatch = form.version() == null ? null : Etags.of(Long.parseLong(form.version()));
            try {
                invoices.updateSettings(caller, accountId, ifMatch, new BillingSettings(prefix, days, rates,
                        new BillingSettings.Payment(form.accountHolder(), form.iban(), form.bic(), form.methods()
                                .stream().map(PaymentMethod::valueOf).collect(Collectors.toSet()))));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.problems().stream().map(p -> atRow(p, rowOf)).toList());
            }
            redirect.addFlashAttribute("notice", "The invoicing settings have been saved.");
            return "redirect:/panel/accounts/" + accountId + "/billing-settings";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The settings were changed meanwhile (or the form was altered); reload the page.");
        }
        return page(model, account, form, errors);
    }

    /** A problem with the n-th rate sent belongs to the row it came from. */
    private static FieldProblem atRow(FieldProblem problem, List<Integer> rowOf) {
        Matcher m = problem.field() == null ? null : RATE_FIELD.matcher(problem.field());
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) >= rowOf.size()) {
            return problem;
        }
        return new FieldProblem("taxRates[" + rowOf.get(Integer.parseInt(m.group(1))) + "]" + m.group(2),
                problem.message());
    }

    private static SettingsForm form(Map<String, String> params) {
        List<RateRow> rows = new ArrayList<>();
        for (int i = 0; i < 300 && (params.containsKey("taxRates[" + i + "].country")
                || params.containsKey("taxRates[" + i + "].rate")); i++) {
            rows.add(new RateRow(params.get("taxRates[" + i + "].country"), params.get("taxRates[" + i + "].rate")));
        }
        Set<String> methods = new TreeSet<>();
        for (PaymentMethod m : PaymentMethod.values()) {
            if (params.containsKey("payment.method." + m.name())) {
                methods.add(m.name());
            }
        }
        return new SettingsForm(params.get("numberPrefix"), params.get("paymentTermDays"), rows,
                params.get("version"), params.get("payment.accountHolder"), params.get("payment.iban"),
                params.get("payment.bic"), methods);
    }

    private String page(Model model, AccountView account, SettingsForm form, FormErrors errors) {
        List<RateRow> rows = new ArrayList<>(form.rates());
        while (rows.size() < form.rates().size() + SPARE_ROWS) {
            rows.add(new RateRow(null, null));
        }
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("rows", rows);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "invoices");
        model.addAttribute("paymentMethods", PaymentMethod.values());
        return "panel/billing-settings";
    }

    private static FormErrors errors(int rows) {
        List<String> fields = new ArrayList<>(List.of("numberPrefix", "paymentTermDays", "payment.accountHolder",
                "payment.iban", "payment.bic"));
        for (int i = 0; i < rows + SPARE_ROWS; i++) {
            fields.add("taxRates[" + i + "].country");
            fields.add("taxRates[" + i + "].rate");
        }
        return new FormErrors(fields);
    }
}
