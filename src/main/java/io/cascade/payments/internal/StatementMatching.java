package io.cascade.payments.internal;

import io.cascade.billing.api.OpenInvoice;
import io.cascade.payments.api.StatementMatchRule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Matches the credits of one import against the issuer's open invoices, read once (docs/billing.md "Bank
 * statements"). In file order, each credit:
 * <ol>
 *     <li>names invoices in its remittance text or structured references: an invoice number (compared without case,
 *     spaces and punctuation: {@code inv 2026-000123} names {@code INV-2026-000123}; a number split over two or three
 *     words only when no single word names one), or its payment reference, the ISO 11649 creditor reference
 *     {@code RF..} of the number ({@link #creditorReference}). The named open invoices of the credit's currency that
 *     still have something due, all of one buyer, are paid in the order named, each up to what is due; the rest is the
 *     buyer's credit. Invoices of more than one buyer: unmatched.</li>
 *     <li>names none: matched by amount only when exactly one open invoice of the issuer has exactly that amount due
 *     in that currency.</li>
 * </ol>
 * What an earlier credit of the same import paid is no longer due for the next. Pure: no database; a unit test
 * covers it.
 */
public final class StatementMatching {
    private static final Pattern WORDS = Pattern.compile("[^\\p{Alnum}\\-._]+");

    /** An invoice with what is still due on it in this import. */
    private static final class Open {
        final OpenInvoice invoice;
        BigDecimal due;

        Open(OpenInvoice invoice) {
            this.invoice = invoice;
            this.due = invoice.amountDue().amount();
        }
    }

    /** So much of the credit to this invoice. */
    public record Allocation(UUID invoiceId, String number, BigDecimal amount) {
    }

    /**
     * The outcome for one credit: matched ({@code buyerId} not null, the allocations to record, in order) or not
     * ({@code note} says why).
     */
    public record Match(StatementMatchRule rule, UUID buyerId, List<Allocation> allocations, String note) {
        public boolean matched() {
            return buyerId != null;
        }

        public List<UUID> invoiceIds() {
            return allocations.stream().map(Allocation::invoiceId).toList();
        }
    }

    private final Map<String, List<Open>> byNumber = new HashMap<>();
    private final Map<String, Set<Open>> byAmount = new HashMap<>();

    public StatementMatching(List<OpenInvoice> openInvoices) {
        for (OpenInvoice invoice : openInvoices) {
            Open open = new Open(invoice);
            byNumber.computeIfAbsent(normalize(invoice.number()), k -> new ArrayList<>(1)).add(open);
            byAmount.computeIfAbsent(amountKey(invoice.amountDue().currency().getCurrencyCode(), open.due),
                    k -> new LinkedHashSet<>()).add(open);
        }
    }

    public Match match(String text, BigDecimal amount, String currency) {
        Named named = named(text);
        if (!named.invoices().isEmpty()) {
            return byText(named, amount, currency);
        }
        Set<Open> same = byAmount.getOrDefault(amountKey(currency, amount), Set.of());
        if (same.size() == 1) {
            Open only = same.iterator().next();
            return allocate(StatementMatchRule.AMOUNT, only.invoice.buyerAccountId(), List.of(only), amount);
        }
        if (same.isEmpty()) {
            return new Match(null, null, List.of(), "The text names no open invoice, and no open invoice has "
                    + amount.stripTrailingZeros().toPlainString() + " " + currency + " due.");
        }
        return new Match(null, null, List.of(), "The text names no open invoice, and " + same.size()
                + " open invoices have " + amount.stripTrailingZeros().toPlainString() + " " + currency + " due.");
    }

    private Match byText(Named named, BigDecimal amount, String currency) {
        List<Open> payable = new ArrayList<>();
        for (Open open : named.invoices()) {
            if (open.invoice.amountDue().currency().getCurrencyCode().equals(currency) && open.due.signum() > 0) {
                payable.add(open);
            }
        }
        String numbers = String.join(", ", named.invoices().stream().map(o -> o.invoice.number()).toList());
        if (payable.isEmpty()) {
            return new Match(null, null, List.of(), "The text names " + numbers + ", but nothing is due on "
                    + (named.invoices().size() == 1 ? "it" : "them") + " in " + currency + ".");
        }
        Set<UUID> buyers = new LinkedHashSet<>();
        payable.forEach(o -> buyers.add(o.invoice.buyerAccountId()));
        if (buyers.size() > 1) {
            return new Match(null, null, List.of(), "The text names invoices of " + buyers.size()
                    + " buyers: " + numbers + ".");
        }
        return allocate(named.rule(), buyers.iterator().next(), payable, amount);
    }

    private Match allocate(StatementMatchRule rule, UUID buyer, List<Open> invoices, BigDecimal amount) {
        BigDecimal left = amount;
        List<Allocation> allocations = new ArrayList<>();
        for (Open open : invoices) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal part = left.min(open.due);
            if (part.signum() > 0) {
                allocations.add(new Allocation(open.invoice.invoiceId(), open.invoice.number(), part));
                reduce(open, part);
                left = left.subtract(part);
            }
        }
        return new Match(rule, buyer, List.copyOf(allocations), null);
    }

    private void reduce(Open open, BigDecimal part) {
        String currency = open.invoice.amountDue().currency().getCurrencyCode();
        Set<Open> before = byAmount.get(amountKey(currency, open.due));
        if (before != null) {
            before.remove(open);
        }
        open.due = open.due.subtract(part);
        if (open.due.signum() > 0) {
            byAmount.computeIfAbsent(amountKey(currency, open.due), k -> new LinkedHashSet<>()).add(open);
        }
    }

    private record Named(List<Open> invoices, StatementMatchRule rule) {
    }

    /** The open invoices the text names, in the order named, and whether by number or by reference. */
    private Named named(String text) {
        if (text == null || text.isBlank()) {
            return new Named(List.of(), null);
        }
        List<String> words = new ArrayList<>();
        for (String word : WORDS.split(text)) {
            String normalized = normalize(word);
            if (!normalized.isEmpty()) {
                words.add(normalized);
            }
        }
        Map<Open, StatementMatchRule> found = new LinkedHashMap<>();
        for (String word : words) {
            look(word, found);
        }
        if (found.isEmpty()) {
            for (int i = 0; i < words.size(); i++) {
                StringBuilder joined = new StringBuilder(words.get(i));
                for (int j = i + 1; j < Math.min(words.size(), i + 3); j++) {
                    joined.append(words.get(j));
                    look(joined.toString(), found);
                }
            }
        }
        boolean byReference = !found.isEmpty() && found.values().stream()
                .allMatch(r -> r == StatementMatchRule.REFERENCE);
        return new Named(List.copyOf(found.keySet()),
                byReference ? StatementMatchRule.REFERENCE : StatementMatchRule.NUMBER);
    }

    private void look(String word, Map<Open, StatementMatchRule> found) {
        List<Open> numbered = byNumber.get(word);
        if (numbered != null && numbered.size() == 1) {
            found.putIfAbsent(numbered.get(0), StatementMatchRule.NUMBER);
            return;
        }
        if (word.startsWith("RF") && word.length() >= 5 && word.length() <= 25 && validCreditorReference(word)) {
            List<Open> referenced = byNumber.get(word.substring(4));
            if (referenced != null && referenced.size() == 1) {
                found.putIfAbsent(referenced.get(0), StatementMatchRule.REFERENCE);
            }
        }
    }

    /** Upper case, letters and digits only: how numbers and words are compared. */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                out.append(c);
            } else if (c >= 'a' && c <= 'z') {
                out.append((char) (c - 'a' + 'A'));
            }
        }
        return out.toString();
    }

    private static String amountKey(String currency, BigDecimal amount) {
        return currency + ":" + amount.stripTrailingZeros().toPlainString();
    }

    /**
     * The payment reference of an invoice: the ISO 11649 structured creditor reference of its number
     * ({@code RF} + two check digits + the number's letters and digits, at most 21 of them), or null when the number
     * has more than 21.
     */
    public static String creditorReference(String invoiceNumber) {
        String body = normalize(invoiceNumber);
        if (body.isEmpty() || body.length() > 21) {
            return null;
        }
        int check = 98 - mod97(body + "RF00");
        return "RF" + (check < 10 ? "0" : "") + check + body;
    }

    static boolean validCreditorReference(String reference) {
        String r = normalize(reference);
        if (!r.startsWith("RF") || r.length() < 5 || r.length() > 25
                || !Character.isDigit(r.charAt(2)) || !Character.isDigit(r.charAt(3))) {
            return false;
        }
        return mod97(r.substring(4) + r.substring(0, 4)) == 1;
    }

    private static int mod97(String alphanumeric) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < alphanumeric.length(); i++) {
            char c = alphanumeric.charAt(i);
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    }
}
