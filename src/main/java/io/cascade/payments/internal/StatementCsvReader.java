package io.cascade.payments.internal;

import io.cascade.payments.api.BankStatementFormat;
import io.cascade.payments.api.StatementEntryDirection;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bank statement in the plain CSV of docs/billing.md "Bank statements" (Apache Commons CSV, RFC 4180 quoting):
 * a header row naming the columns {@code booking_date, amount, currency, counterparty_name, counterparty_iban,
 * remittance, bank_reference} in any order (case and spaces do not matter; more columns are allowed and skipped), then
 * one line per booked entry: the date as {@code YYYY-MM-DD}, the amount with a decimal point, positive for money in
 * (a credit) and negative for money out (a debit). Every bad field of every line is named at once
 * ({@code line 3.amount}: line numbers as an editor shows them, the header is line 1).
 */
final class StatementCsvReader {
    static final List<String> COLUMNS = List.of("booking_date", "amount", "currency", "counterparty_name",
            "counterparty_iban", "remittance", "bank_reference");
    private static final Set<String> REQUIRED = Set.of("booking_date", "amount", "currency");

    private StatementCsvReader() {
    }

    static StatementFile read(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(new StringReader(text))) {
            records = parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("file", "is not CSV that can be read: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new InvalidInputException("file", "is empty; a CSV statement starts with the header row "
                    + String.join(",", COLUMNS));
        }
        Map<String, Integer> index = header(records.get(0));
        List<FieldProblem> problems = new ArrayList<>();
        List<StatementLine> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord record = records.get(r);
            String line = "line " + (record.getRecordNumber());
            if (record.size() != records.get(0).size()) {
                problems.add(new FieldProblem(line, "has " + record.size() + " fields; the header has "
                        + records.get(0).size()));
            } else {
                StatementLine read = line(record, index, line, lines.size() + 1, problems);
                if (read != null) {
                    lines.add(read);
                }
            }
            if (problems.size() >= BankStatementReader.MAX_PROBLEMS) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "has a header but no entries");
        }
        return new StatementFile(BankStatementFormat.CSV, null, null, null, lines);
    }

    private static Map<String, Integer> header(CSVRecord header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (COLUMNS.contains(name)) {
                index.put(name, i);
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("file", "has no column " + String.join(", ", missing)
                    + "; the header row names " + String.join(",", COLUMNS));
        }
        return index;
    }

    private static StatementLine line(CSVRecord record, Map<String, Integer> index, String line, int position,
                                      List<FieldProblem> problems) {
        int before = problems.size();
        LocalDate day = null;
        try {
            day = LocalDate.parse(value(record, index, "booking_date"));
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new FieldProblem(line + ".booking_date", "must be a date (YYYY-MM-DD)"));
        }
        BigDecimal amount = null;
        String amountText = value(record, index, "amount");
        try {
            amount = new BigDecimal(amountText);
            if (amount.signum() == 0 || amount.scale() > 5 || amount.precision() - amount.scale() > 15) {
                problems.add(new FieldProblem(line + ".amount",
                        "must not be zero, with at most 15 digits before and 5 after the point"));
            }
        } catch (NumberFormatException | NullPointerException e) {
            problems.add(new FieldProblem(line + ".amount", "must be an amount with a decimal point, e.g. 19.90 "
                    + "(negative for a debit)"));
        }
        String currency = value(record, index, "currency");
        if (currency == null || !currency.matches("[A-Z]{3}") || !known(currency)) {
            problems.add(new FieldProblem(line + ".currency", "must be an ISO 4217 code, e.g. EUR"));
        }
        if (problems.size() > before) {
            return null;
        }
        String remittance = value(record, index, "remittance");
        return new StatementLine(position, day, amount.abs(), currency,
                amount.signum() > 0 ? StatementEntryDirection.CREDIT : StatementEntryDirection.DEBIT, true,
                value(record, index, "counterparty_name"), value(record, index, "counterparty_iban"), remittance,
                List.of(), value(record, index, "bank_reference"));
    }

    static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String value(CSVRecord record, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null) {
            return null;
        }
        String value = record.get(i).strip();
        return value.isEmpty() ? null : value;
    }
}
