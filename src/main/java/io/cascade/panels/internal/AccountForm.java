package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountUpdate;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Address;
import io.cascade.accounts.api.Contact;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.accounts.api.NewAdministrator;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ResellerProfile;
import io.cascade.accounts.api.Signatures;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * The onboarding form of a reseller or customer (seeds 001 and 004) and the profile form of an existing account, as
 * the browser sends it: every value a string, named like the REST API's fields ({@code address.city},
 * {@code resellerProfile.model}), so that the problems the application service reports land on the right input.
 * Turning the strings into the service's documents only parses (numbers, yes/no, codes); every rule is the
 * service's.
 */
public record AccountForm(String type, String vendorId, String version, String companyName, String customerNumber,
                          ContactForm contact, String billingEmail, AddressForm address, String phone, String homepage,
                          MoneyForm estimatedAnnualRevenue, String taxId, SignaturesForm signatures, String billable,
                          String currency, String locale, String timeZone, String billCycleDay,
                          ProfileForm resellerProfile, AdminForm admin) {

    /** The inputs in the order the form shows them (where field problems are placed). */
    static final List<String> FIELDS = List.of("companyName", "customerNumber", "contact.name", "contact.email",
            "contact.phone", "billingEmail", "address.street", "address.postalCode", "address.city", "address.country", "phone",
            "homepage", "estimatedAnnualRevenue.amount", "estimatedAnnualRevenue.currency", "taxId",
            "signatures.billing", "signatures.support", "signatures.sales", "billable", "currency", "billCycleDay",
            "locale", "timeZone", "resellerProfile.model", "resellerProfile.customerInvoicing",
            "resellerProfile.customerInvoiceFormat", "resellerProfile.customerBillCycleDay", "admin.email",
            "admin.name", "admin.password");

    public AccountForm {
        contact = contact != null ? contact : new ContactForm(null, null, null);
        address = address != null ? address : new AddressForm(null, null, null, null);
        estimatedAnnualRevenue = estimatedAnnualRevenue != null ? estimatedAnnualRevenue : new MoneyForm(null, null);
        signatures = signatures != null ? signatures : new SignaturesForm(null, null, null);
        resellerProfile = resellerProfile != null ? resellerProfile : new ProfileForm(null, null, null, null);
        admin = admin != null ? admin : new AdminForm(null, null, null);
    }

    public record ContactForm(String name, String email, String phone) {
    }

    public record AddressForm(String street, String postalCode, String city, String country) {
    }

    public record MoneyForm(String amount, String currency) {
    }

    public record SignaturesForm(String billing, String support, String sales) {
    }

    public record ProfileForm(String model, String customerInvoicing, String customerInvoiceFormat,
                              String customerBillCycleDay) {
    }

    public record AdminForm(String email, String name, String password) {
    }

    /** An empty onboarding form below a vendor: reseller profile defaults as the service would set them. */
    static AccountForm blank(AccountType type, UUID vendorId, String vendorCurrency, ResellerModel model) {
        ProfileForm profile = type == AccountType.RESELLER
                ? new ProfileForm(model == null ? null : model.name(), "true", InvoiceFormat.PDF.name(), "1") : null;
        return new AccountForm(type.name(), vendorId.toString(), null, null, null, null, null, null, null, null,
                new MoneyForm(null, vendorCurrency), null, null, type == AccountType.CUSTOMER ? "true" : null, null,
                null, null, null, profile, null);
    }

    /** The profile form of an existing account, filled with its current values. */
    static AccountForm of(AccountView a) {
        Contact c = a.contact() != null ? a.contact() : new Contact(null, null, null);
        Address ad = a.address() != null ? a.address() : new Address(null, null, null, null);
        Signatures s = a.signatures() != null ? a.signatures() : new Signatures(null, null, null);
        ResellerProfile p = a.resellerProfile();
        Money revenue = a.estimatedAnnualRevenue();
        return new AccountForm(a.type().name(), a.vendorId() == null ? null : a.vendorId().toString(),
                Long.toString(a.version()), a.companyName(), a.customerNumber(),
                new ContactForm(c.name(), c.email(), c.phone()), a.billingEmail(),
                new AddressForm(ad.street(), ad.postalCode(), ad.city(), ad.country()), a.phone(), a.homepage(),
                new MoneyForm(revenue == null ? null : revenue.amount().toPlainString(),
                        revenue == null ? a.currency() : revenue.currency().getCurrencyCode()),
                a.taxId(), new SignaturesForm(s.billing(), s.support(), s.sales()),
                a.billable() == null ? null : a.billable().toString(), a.currency(), a.locale(), a.timeZone(),
                Integer.toString(a.billCycleDay()),
                p == null ? null : new ProfileForm(p.model() == null ? null : p.model().name(),
                        p.customerInvoicing() == null ? null : p.customerInvoicing().toString(),
                        p.customerInvoiceFormat() == null ? null : p.customerInvoiceFormat().name(),
                        p.customerBillCycleDay() == null ? null : p.customerBillCycleDay().toString()),
                null);
    }

    /** This form with the password left out (a form shown again never carries a password back). */
    AccountForm withoutPassword() {
        return new AccountForm(type, vendorId, version, companyName, customerNumber, contact, billingEmail, address, phone,
                homepage, estimatedAnnualRevenue, taxId, signatures, billable, currency, locale, timeZone,
                billCycleDay, resellerProfile, new AdminForm(admin.email(), admin.name(), null));
    }

    AccountType accountType() {
        try {
            return type == null ? null : AccountType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The new account for {@code AccountManagement.create}; what cannot even be parsed is reported here. */
    AccountDraft draft() {
        Parser parse = new Parser();
        AccountType accountType = parse.enumValue("type", type, AccountType.class);
        UUID vendor = parse.uuid("vendorId", vendorId);
        AccountDraft draft = new AccountDraft(accountType, vendor, text(companyName), text(customerNumber),
                toAddress(), text(phone), text(homepage), parse.money(estimatedAnnualRevenue, text(currency)),
                text(taxId), toContact(), text(billingEmail), toSignatures(), text(currency), text(locale), text(timeZone),
                parse.integer("billCycleDay", billCycleDay),
                accountType == AccountType.CUSTOMER ? parse.yesNo("billable", billable) : null,
                accountType == AccountType.RESELLER ? profile(parse) : null,
                new NewAdministrator(text(admin.email()), text(admin.name()), text(admin.password())));
        parse.throwIfAny();
        return draft;
    }

    /** The changed profile for {@code AccountManagement.update} of an account of this type. */
    AccountUpdate update(AccountType accountType) {
        Parser parse = new Parser();
        AccountUpdate update = new AccountUpdate(text(companyName), text(customerNumber), toAddress(), text(phone),
                text(homepage), parse.money(estimatedAnnualRevenue, text(currency)), text(taxId), toContact(),
                text(billingEmail), toSignatures(), text(currency), text(locale), text(timeZone),
                parse.integer("billCycleDay", billCycleDay),
                accountType == AccountType.CUSTOMER ? parse.yesNo("billable", billable) : null,
                accountType == AccountType.RESELLER ? profile(parse) : null);
        parse.throwIfAny();
        return update;
    }

    private Address toAddress() {
        return allBlank(address.street(), address.postalCode(), address.city(), address.country()) ? null
                : new Address(text(address.street()), text(address.city()), text(address.postalCode()),
                text(address.country()));
    }

    private Contact toContact() {
        return allBlank(contact.name(), contact.email(), contact.phone()) ? null
                : new Contact(text(contact.name()), text(contact.email()), text(contact.phone()));
    }

    private Signatures toSignatures() {
        return allBlank(signatures.billing(), signatures.support(), signatures.sales()) ? null
                : new Signatures(text(signatures.billing()), text(signatures.support()), text(signatures.sales()));
    }

    private ResellerProfile profile(Parser parse) {
        return new ResellerProfile(parse.enumValue("resellerProfile.model", resellerProfile.model(),
                ResellerModel.class),
                parse.yesNo("resellerProfile.customerInvoicing", resellerProfile.customerInvoicing()),
                parse.enumValue("resellerProfile.customerInvoiceFormat", resellerProfile.customerInvoiceFormat(),
                        InvoiceFormat.class),
                parse.integer("resellerProfile.customerBillCycleDay", resellerProfile.customerBillCycleDay()));
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean allBlank(String... values) {
        return Arrays.stream(values).allMatch(v -> text(v) == null);
    }

    /** Parses strings, collecting what does not parse. */
    private static final class Parser {
        private final List<FieldProblem> problems = new ArrayList<>();

        Integer integer(String field, String value) {
            String v = text(value);
            if (v == null) {
                return null;
            }
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(field, "must be a whole number"));
                return null;
            }
        }

        Boolean yesNo(String field, String value) {
            String v = text(value);
            if (v == null) {
                return null;
            }
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
            problems.add(new FieldProblem(field, "must be yes or no"));
            return null;
        }

        <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
            String v = text(value);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
                return null;
            }
        }

        UUID uuid(String field, String value) {
            String v = text(value);
            if (v == null) {
                return null;
            }
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field, "is not an account id"));
                return null;
            }
        }

        /** The amount in the given currency (default: the account's currency). */
        Money money(MoneyForm form, String accountCurrency) {
            String amount = text(form.amount());
            if (amount == null) {
                return null;
            }
            String code = text(form.currency()) != null ? text(form.currency()) : accountCurrency;
            BigDecimal value;
            try {
                value = new BigDecimal(amount);
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("estimatedAnnualRevenue.amount", "must be a number, e.g. 250000.00"));
                return null;
            }
            Currency currency;
            try {
                currency = code == null ? null : Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("estimatedAnnualRevenue.currency",
                        "must be an ISO 4217 currency code, e.g. EUR"));
                return null;
            }
            try {
                return new Money(value, currency);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(
                        new FieldProblem("estimatedAnnualRevenue." + p.field(), p.message())));
                return null;
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
    }
}
