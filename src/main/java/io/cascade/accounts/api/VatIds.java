package io.cascade.accounts.api;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * VAT identification numbers of the EU member states. An account's {@code taxId} that begins with a member state's
 * prefix (the ISO country code, {@code EL} for Greece) is that state's VAT id and must have its form; any other tax id
 * (a number outside the EU, a domestic tax number) is free text. The forms are those of the EU's VIES service, written
 * without spaces or dots.
 */
public final class VatIds {
    /** The member states of the EU (ISO 3166 codes, {@code GR} for Greece). */
    public static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "GR",
            "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    /** Per VAT prefix: the form of the number after it and how to say it. */
    private static final Map<String, Form> FORMS = Map.ofEntries(
            form("AT", "U\\d{8}", "U and 8 digits", "ATU12345678"),
            form("BE", "[01]\\d{9}", "10 digits beginning with 0 or 1", "BE0123456789"),
            form("BG", "\\d{9,10}", "9 or 10 digits", "BG123456789"),
            form("CY", "\\d{8}[A-Z]", "8 digits and a letter", "CY12345678X"),
            form("CZ", "\\d{8,10}", "8 to 10 digits", "CZ12345678"),
            form("DE", "\\d{9}", "9 digits", "DE123456789"),
            form("DK", "\\d{8}", "8 digits", "DK12345678"),
            form("EE", "\\d{9}", "9 digits", "EE123456789"),
            form("EL", "\\d{9}", "9 digits", "EL123456789"),
            form("ES", "[A-Z0-9]\\d{7}[A-Z0-9]", "a letter or digit, 7 digits and a letter or digit", "ESX1234567X"),
            form("FI", "\\d{8}", "8 digits", "FI12345678"),
            form("FR", "[A-HJ-NP-Z0-9]{2}\\d{9}", "2 letters or digits and 9 digits", "FR12345678901"),
            form("HR", "\\d{11}", "11 digits", "HR12345678901"),
            form("HU", "\\d{8}", "8 digits", "HU12345678"),
            form("IE", "\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]", "7 digits and 1 or 2 letters", "IE1234567T"),
            form("IT", "\\d{11}", "11 digits", "IT12345678901"),
            form("LT", "\\d{9}|\\d{12}", "9 or 12 digits", "LT123456789"),
            form("LU", "\\d{8}", "8 digits", "LU12345678"),
            form("LV", "\\d{11}", "11 digits", "LV12345678901"),
            form("MT", "\\d{8}", "8 digits", "MT12345678"),
            form("NL", "\\d{9}B\\d{2}", "9 digits, B and 2 digits", "NL123456789B01"),
            form("PL", "\\d{10}", "10 digits", "PL1234567890"),
            form("PT", "\\d{9}", "9 digits", "PT123456789"),
            form("RO", "\\d{2,10}", "2 to 10 digits", "RO1234567890"),
            form("SE", "\\d{10}01", "10 digits and 01", "SE123456789001"),
            form("SI", "\\d{8}", "8 digits", "SI12345678"),
            form("SK", "\\d{10}", "10 digits", "SK1234567890"));

    private VatIds() {
    }

    private record Form(Pattern pattern, String says, String example) {
    }

    private static Map.Entry<String, Form> form(String prefix, String regex, String says, String example) {
        return Map.entry(prefix, new Form(Pattern.compile(regex), says, example));
    }

    /** Whether the tax id begins with an EU member state's VAT prefix, and so must be that state's VAT id. */
    public static boolean claimsEu(String taxId) {
        return taxId != null && taxId.length() >= 2 && FORMS.containsKey(taxId.substring(0, 2));
    }

    /** The member state (ISO code, {@code GR} for {@code EL}) of a valid EU VAT id; null for any other tax id. */
    public static String memberState(String taxId) {
        if (!claimsEu(taxId) || problem(taxId) != null) {
            return null;
        }
        String prefix = taxId.substring(0, 2);
        return prefix.equals("EL") ? "GR" : prefix;
    }

    /** Why a tax id with an EU VAT prefix is not a VAT id of that state (null when it is, or claims no EU prefix). */
    public static String problem(String taxId) {
        if (!claimsEu(taxId)) {
            return null;
        }
        Form form = FORMS.get(taxId.substring(0, 2));
        if (form.pattern().matcher(taxId.substring(2)).matches()) {
            return null;
        }
        return "is not a valid " + taxId.substring(0, 2) + " VAT id: " + taxId.substring(0, 2) + " followed by "
                + form.says() + ", without spaces, e.g. " + form.example();
    }

    public static boolean inEu(String country) {
        return country != null && EU_MEMBER_STATES.contains(country);
    }
}
