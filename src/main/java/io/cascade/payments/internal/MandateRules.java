package io.cascade.payments.internal;

import io.cascade.payments.api.MandateRequest;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.iban4j.BicFormatException;
import org.iban4j.BicUtil;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mandate's fields checked and put in their stored form (ADR 0030): the reference in SEPA's character set, the
 * signature day not in the future, the IBAN (ISO 13616 with its check digits) and BIC (ISO 9362) by iban4j as in the
 * issuer's payment settings (ADR 0028), upper case without spaces.
 */
public final class MandateRules {
    /** The characters SEPA allows in a mandate reference (EPC: Latin letters, digits and a few signs). */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9/?:().,'+ -]{1,35}");

    private MandateRules() {
    }

    /** The checked fields in their stored form. */
    public record Checked(String reference, LocalDate signedOn, String debtorName, String iban, String bic) {
    }

    /** The request in its stored form, or every problem with it at once. */
    public static Checked checked(MandateRequest request, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        String reference = request.reference().strip();
        if (!REFERENCE.matcher(reference).matches() || reference.startsWith("/") || reference.contains("//")) {
            problems.add(new FieldProblem("reference", "may contain letters, digits, spaces and / - ? : ( ) . , ' + "
                    + "(SEPA's characters), at most 35, not starting with / nor containing //"));
        }
        if (request.signedOn().isAfter(today)) {
            problems.add(new FieldProblem("signedOn", "must not lie in the future"));
        }
        String name = request.debtorName().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("debtorName", "must not be blank"));
        }
        String iban = compact(request.iban());
        try {
            IbanUtil.validate(iban);
        } catch (InvalidCheckDigitException e) {
            problems.add(new FieldProblem("iban", "has wrong check digits; check the IBAN for a typing error"));
        } catch (UnsupportedCountryException e) {
            problems.add(new FieldProblem("iban", "names a country that has no IBAN"));
        } catch (IbanFormatException e) {
            problems.add(new FieldProblem("iban", "is not an IBAN: a country code, 2 check digits and the account's "
                    + "number in its country's form, e.g. DE89370400440532013000"));
        }
        String bic = request.bic() == null || request.bic().isBlank() ? null : compact(request.bic());
        if (bic != null) {
            try {
                BicUtil.validate(bic);
            } catch (BicFormatException | UnsupportedCountryException e) {
                problems.add(new FieldProblem("bic", "is not a BIC: 8 or 11 letters and digits (bank, country, "
                        + "location, optional branch), e.g. DEUTDEFF"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(reference, request.signedOn(), name, iban, bic);
    }

    private static String compact(String value) {
        return value == null ? "" : value.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
