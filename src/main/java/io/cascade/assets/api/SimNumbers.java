package io.cascade.assets.api;

import java.util.Optional;

/**
 * The numbers on a SIM card, checked as the card's issuers define them: the ICCID (ITU-T E.118) has 19 or 20 digits
 * and ends in a Luhn check digit; the IMSI (ITU-T E.212) has 15 digits; the MSISDN (E.164) has up to 15 digits, given
 * with or without a leading {@code +} and stored as digits only. Pure functions: each answers the problem with a
 * value, or empty when it is good.
 */
public final class SimNumbers {
    private SimNumbers() {
    }

    public static Optional<String> iccidProblem(String iccid) {
        if (iccid == null || iccid.isEmpty()) {
            return Optional.of("is required");
        }
        if (!digits(iccid) || iccid.length() < 19 || iccid.length() > 20) {
            return Optional.of("must be 19 or 20 digits");
        }
        if (!luhn(iccid)) {
            return Optional.of("fails the Luhn check digit");
        }
        return Optional.empty();
    }

    public static Optional<String> imsiProblem(String imsi) {
        if (imsi == null || imsi.isEmpty()) {
            return Optional.of("is required");
        }
        if (!digits(imsi) || imsi.length() != 15) {
            return Optional.of("must be 15 digits");
        }
        return Optional.empty();
    }

    /** Null and empty are allowed (a data-only SIM has no number). */
    public static Optional<String> msisdnProblem(String msisdn) {
        if (msisdn == null || msisdn.isEmpty()) {
            return Optional.empty();
        }
        String number = normalizeMsisdn(msisdn);
        if (!digits(number) || number.length() < 6 || number.length() > 15) {
            return Optional.of("must be 6 to 15 digits, optionally with a leading +");
        }
        return Optional.empty();
    }

    /** The MSISDN as stored: digits only, null when empty. */
    public static String normalizeMsisdn(String msisdn) {
        if (msisdn == null || msisdn.isEmpty()) {
            return null;
        }
        return msisdn.startsWith("+") ? msisdn.substring(1) : msisdn;
    }

    /** True when the last digit is the Luhn check digit of the others. */
    public static boolean luhn(String number) {
        int sum = 0;
        boolean twice = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int d = number.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The Luhn check digit to append to these digits. */
    public static char luhnDigit(String payload) {
        for (char c = '0'; c <= '9'; c++) {
            if (luhn(payload + c)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not digits: " + payload);
    }

    public static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
