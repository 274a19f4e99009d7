package io.cascade.assets.internal;

import io.cascade.assets.api.ImportReport.BadRow;
import io.cascade.assets.api.SimNumbers;
import io.cascade.shared.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV of SIM cards (a header row naming {@code iccid}, {@code imsi}, {@code msisdn} in any order, then one
 * SIM per line) and checks every row, without touching the database: the numbers' formats (ICCID with its Luhn
 * digit), and numbers that appear twice in the file. Lines are numbered as an editor shows them (the header is
 * line 1); empty lines are skipped; a field may be quoted. Pure: a unit test covers it.
 */
public final class SimCsv {
    public static final int MAX_ROWS = 100_000;
    private static final List<String> COLUMNS = List.of("iccid", "imsi", "msisdn");

    private SimCsv() {
    }

    /** A row that passed every check in the file, with its line. */
    public record Row(int line, String iccid, String imsi, String msisdn) {
    }

    /** The rows read, those that passed, and every problem with its line. */
    public record Parsed(int rows, List<Row> good, List<BadRow> bad) {
    }

    public static Parsed parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidInputException("body", "must be CSV with a header row iccid,imsi,msisdn");
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String[] lines = text.split("\n", -1);
        int[] index = header(lines[0]);
        List<Row> good = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        Map<String, Integer> iccids = new HashMap<>();
        Map<String, Integer> imsis = new HashMap<>();
        Map<String, Integer> msisdns = new HashMap<>();
        int rows = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = strip(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            if (++rows > MAX_ROWS) {
                throw new InvalidInputException("body", "at most " + MAX_ROWS + " SIMs per import");
            }
            int number = i + 1;
            List<String> fields = fields(line);
            if (fields.size() != COLUMNS.size()) {
                bad.add(new BadRow(number, null, "has " + fields.size() + " fields; the header has " + COLUMNS.size()));
                continue;
            }
            String iccid = fields.get(index[0]).strip();
            String imsi = fields.get(index[1]).strip();
            String msisdnText = fields.get(index[2]).strip();
            int before = bad.size();
            SimNumbers.iccidProblem(iccid).ifPresent(p -> bad.add(new BadRow(number, "iccid", p)));
            SimNumbers.imsiProblem(imsi).ifPresent(p -> bad.add(new BadRow(number, "imsi", p)));
            SimNumbers.msisdnProblem(msisdnText).ifPresent(p -> bad.add(new BadRow(number, "msisdn", p)));
            String msisdn = SimNumbers.normalizeMsisdn(msisdnText);
            duplicate(iccids, iccid, number, "iccid", bad);
            duplicate(imsis, imsi, number, "imsi", bad);
            if (msisdn != null) {
                duplicate(msisdns, msisdn, number, "msisdn", bad);
            }
            if (bad.size() == before) {
                good.add(new Row(number, iccid, imsi, msisdn));
            }
        }
        if (rows == 0) {
            throw new InvalidInputException("body", "has a header but no SIMs");
        }
        return new Parsed(rows, good, bad);
    }

    /** The position of iccid, imsi and msisdn in the header. */
    private static int[] header(String line) {
        List<String> names = fields(strip(line)).stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        if (names.size() != COLUMNS.size() || !names.containsAll(COLUMNS)) {
            throw new InvalidInputException("header", "must name the columns iccid, imsi and msisdn (in any order)");
        }
        return COLUMNS.stream().mapToInt(names::indexOf).toArray();
    }

    private static void duplicate(Map<String, Integer> seen, String value, int line, String field, List<BadRow> bad) {
        if (value.isEmpty()) {
            return;
        }
        Integer first = seen.putIfAbsent(value, line);
        if (first != null) {
            bad.add(new BadRow(line, field, "repeats line " + first));
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The fields of one line; a field in double quotes may contain commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
