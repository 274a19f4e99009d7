package io.cascade.accounts.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountUpdate;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ResellerSettings;
import io.cascade.accounts.api.VatIds;
import io.cascade.shared.FieldProblem;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Field rules that Bean Validation cannot express: codes that must exist, and type-dependent fields. */
public final class AccountRules {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private AccountRules() {
    }

    /**
     * @param type       the account's type
     * @param vendorType its vendor's type: only a seller (the provider or a reseller) has billable customers; a
     *                   standard account's customers are simple (seed 004, ADR 0037)
     */
    public static List<FieldProblem> problems(AccountUpdate f, AccountType type, AccountType vendorType,
                                              ResellerSettings settings) {
        List<FieldProblem> problems = new ArrayList<>();
        if (f.currency() != null && !isCurrency(f.currency())) {
            problems.add(new FieldProblem("currency", "must be an ISO 4217 currency code, e.g. EUR"));
        }
        if (f.locale() != null && !isLocale(f.locale())) {
            problems.add(new FieldProblem("locale", "must be a BCP 47 language tag, e.g. en-GB"));
        }
        if (f.timeZone() != null && !isZone(f.timeZone())) {
            problems.add(new FieldProblem("timeZone", "must be an IANA time zone, e.g. Europe/Berlin"));
        }
        if (f.address() != null && f.address().country() != null && !COUNTRIES.contains(f.address().country())) {
            problems.add(new FieldProblem("address.country", "is not an ISO 3166 country code"));
        }
        if (VatIds.problem(f.taxId()) != null) {
            problems.add(new FieldProblem("taxId", VatIds.problem(f.taxId())));
        }
        if (type != null && type != AccountType.CUSTOMER && f.billable() != null) {
            problems.add(new FieldProblem("billable", "applies to customer accounts only"));
        }
        if (type == AccountType.CUSTOMER && f.billable() == null) {
            problems.add(new FieldProblem("billable", "is required for customers (true or false)"));
        }
        if (f.estimatedAnnualRevenue() != null && f.estimatedAnnualRevenue().isNegative()) {
            problems.add(new FieldProblem("estimatedAnnualRevenue.amount", "must not be negative"));
        }
        if (type == AccountType.CUSTOMER && Boolean.TRUE.equals(f.billable()) && vendorType == AccountType.CUSTOMER) {
            problems.add(new FieldProblem("billable", "must be false: a standard account's customers are simple; "
                    + "only resellers and the provider have billable customers"));
        }
        if (type == AccountType.RESELLER) {
            checkProfile(f, settings, problems);
        } else if (f.resellerProfile() != null && type != null) {
            problems.add(new FieldProblem("resellerProfile", "applies to reseller accounts only"));
        }
        return problems;
    }

    private static void checkProfile(AccountUpdate f, ResellerSettings settings, List<FieldProblem> problems) {
        if (f.resellerProfile() == null) {
            problems.add(new FieldProblem("resellerProfile", "is required for reseller accounts"));
            return;
        }
        ResellerModel model = f.resellerProfile().model();
        if (model == null) {
            problems.add(new FieldProblem("resellerProfile.model", "is required"));
        } else if (!settings.enabledResellerModels().contains(model)) {
            problems.add(new FieldProblem("resellerProfile.model",
                    "is not enabled on this platform; enabled: " + settings.enabledResellerModels()));
        }
        if (f.resellerProfile().customerInvoicing() == null) {
            problems.add(new FieldProblem("resellerProfile.customerInvoicing", "is required"));
        }
        if (f.resellerProfile().customerInvoiceFormat() == null) {
            problems.add(new FieldProblem("resellerProfile.customerInvoiceFormat", "is required"));
        }
        if (f.resellerProfile().customerBillCycleDay() == null) {
            problems.add(new FieldProblem("resellerProfile.customerBillCycleDay", "is required"));
        }
    }

    public static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isLocale(String tag) {
        try {
            new Locale.Builder().setLanguageTag(tag);
            return !tag.isBlank();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
