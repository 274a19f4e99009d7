package io.cascade.payments.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SEPA creditor identifiers (EPC 262-08): a country code, two check digits, a three-character creditor business code
 * (any letters or digits, not part of the check) and the national identifier, at most 35 characters in all. The check
 * digits are ISO 7064 MOD 97-10 over the national identifier followed by the country code and "00", letters counting
 * A = 10 … Z = 35, as in an IBAN: valid when the identifier, the country code and the check digits give 1 modulo 97.
 */
public final class DirectDebitCreditorIds {
    private static final Pattern FORM = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}");

    private DirectDebitCreditorIds() {
    }

    /** The identifier upper case without spaces, or null when blank. */
    public static String compact(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** What is wrong with the (compacted) identifier, or null when it is a valid creditor identifier. */
    public static String problem(String id) {
        if (id == null) {
            return "is required";
        }
        if (!FORM.matcher(id).matches()) {
            return "is not a SEPA creditor identifier: a country code, 2 check digits, a 3-character business code "
                    + "and the national identifier, at most 35 letters and digits, e.g. DE98ZZZ09999999999";
        }
        String digits = toDigits(id.substring(7) + id.substring(0, 4));
        if (new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue() != 1) {
            return "has wrong check digits; check the creditor identifier for a typing error";
        }
        return null;
    }

    public static boolean valid(String id) {
        return problem(compact(id)) == null;
    }

    private static String toDigits(String text) {
        StringBuilder digits = new StringBuilder();
        for (char c : text.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return digits.toString();
    }
}
