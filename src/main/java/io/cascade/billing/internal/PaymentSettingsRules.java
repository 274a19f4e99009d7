package io.cascade.billing.internal;

import io.cascade.billing.api.BillingSettings;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.iban4j.BicFormatException;
import org.iban4j.BicUtil;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An issuer's payment settings checked and put in their stored form: IBAN (ISO 13616, with its check digits) and BIC
 * (ISO 9362) by iban4j (ADR 0028), upper case and without spaces; holder and IBAN together, the BIC only with them.
 */
public final class PaymentSettingsRules {
    private PaymentSettingsRules() {
    }

    /** The settings in their stored form, or every problem with them at once. */
    public static BillingSettings.Payment checked(BillingSettings.Payment p) {
        List<FieldProblem> problems = new ArrayList<>();
        String holder = p.accountHolder() == null || p.accountHolder().isBlank() ? null : p.accountHolder().strip();
        String iban = compact(p.iban());
        String bic = compact(p.bic());
        if (iban != null) {
            try {
                IbanUtil.validate(iban);
            } catch (InvalidCheckDigitException e) {
                problems.add(new FieldProblem("payment.iban", "has wrong check digits; check the IBAN for a typing "
                        + "error"));
            } catch (UnsupportedCountryException e) {
                problems.add(new FieldProblem("payment.iban", "names a country that has no IBAN"));
            } catch (IbanFormatException e) {
                problems.add(new FieldProblem("payment.iban", "is not an IBAN: a country code, 2 check digits and "
                        + "the account's number in its country's form, e.g. DE89370400440532013000"));
            }
        }
        if (bic != null) {
            try {
                BicUtil.validate(bic);
            } catch (BicFormatException | UnsupportedCountryException e) {
                problems.add(new FieldProblem("payment.bic", "is not a BIC: 8 or 11 letters and digits (bank, "
                        + "country, location, optional branch), e.g. DEUTDEFF"));
            }
        }
        if (iban != null && holder == null) {
            problems.add(new FieldProblem("payment.accountHolder", "is required with an IBAN"));
        }
        if (iban == null && holder != null) {
            problems.add(new FieldProblem("payment.iban", "is required with an account holder"));
        }
        if (iban == null && bic != null) {
            problems.add(new FieldProblem("payment.iban", "is required with a BIC"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Set<io.cascade.billing.api.PaymentMethod> methods = new TreeSet<>();
        if (p.acceptedMethods() != null) {
            methods.addAll(p.acceptedMethods());
        }
        return new BillingSettings.Payment(holder, iban, bic, methods);
    }

    private static String compact(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
