package io.cascade.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity of each credit of a statement, stable across imports (unique per issuer in bank_statement_entry): the
 * bank's own reference of the entry ({@code AcctSvcrRef}, else {@code NtryRef}; the CSV's {@code bank_reference}) with
 * the account's IBAN; without one, a SHA-256 digest of the account's IBAN, the booking day, the amount, the currency,
 * the remittance text and the entry's occurrence among the entries of that file alike in all of these (the second of
 * two equal transfers on one day is a payment of its own, and is the second again in an overlapping statement).
 */
public final class StatementEntryKeys {
    private StatementEntryKeys() {
    }

    /** The key of each line that is a payment (a booked credit), in file order. */
    public static Map<StatementLine, String> keys(StatementFile file) {
        Map<StatementLine, String> keys = new LinkedHashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        String account = file.accountIban() == null ? "" : file.accountIban().replace(" ", "");
        for (StatementLine line : file.lines()) {
            if (!line.payment()) {
                continue;
            }
            if (line.bankReference() != null) {
                keys.put(line, "ref:" + account + ":" + line.bankReference());
                continue;
            }
            String what = String.join("|", account, line.bookingDate().toString(), line.direction().name(),
                    line.amount().stripTrailingZeros().toPlainString(), line.currency(), line.matchText().strip());
            int occurrence = occurrences.merge(what, 1, Integer::sum);
            keys.put(line, "sha256:" + sha256(what + "|" + occurrence));
        }
        return keys;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
