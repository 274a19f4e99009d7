package io.cascade.assets.internal;

import io.cascade.assets.api.ImportReport.BadRow;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a CSV of SIMs before anything is written, the same for a pasted import and an uploaded file: every row's
 * formats and numbers repeated in the file ({@link SimCsv}), then numbers already registered anywhere on the platform
 * (one query per column). Answers the good rows and every problem with its line.
 */
@Component
public class SimImportCheck {
    private final Assets assets;

    SimImportCheck(Assets assets) {
        this.assets = assets;
    }

    /** {@code rows}: the SIM rows read; {@code good}: those to write; {@code bad}: every problem, by line. */
    public record Checked(int rows, List<SimCsv.Row> good, List<BadRow> bad) {
    }

    public Checked check(String csv) {
        SimCsv.Parsed parsed = SimCsv.parse(csv);
        List<BadRow> bad = new ArrayList<>(parsed.bad());
        List<SimCsv.Row> candidates = parsed.good();
        Set<Integer> badLines = new HashSet<>();
        alreadyRegistered(candidates, "iccid", SimCsv.Row::iccid, bad, badLines);
        alreadyRegistered(candidates, "imsi", SimCsv.Row::imsi, bad, badLines);
        alreadyRegistered(candidates, "msisdn", SimCsv.Row::msisdn, bad, badLines);
        List<SimCsv.Row> good = candidates.stream().filter(r -> !badLines.contains(r.line())).toList();
        bad.sort(Comparator.comparingInt(BadRow::line));
        return new Checked(parsed.rows(), good, bad);
    }

    /** What the audit event {@code asset.imported} records (the SIMs' numbers are in the inventory, not in the log). */
    public static Map<String, Object> audited(String mode, int rows, int imported, int rejected,
                                              List<SimCsv.Row> good) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("mode", mode);
        after.put("rows", rows);
        after.put("imported", imported);
        after.put("rejected", rejected);
        after.put("firstIccid", good.get(0).iccid());
        after.put("lastIccid", good.get(good.size() - 1).iccid());
        return after;
    }

    private void alreadyRegistered(List<SimCsv.Row> rows, String column, Function<SimCsv.Row, String> value,
                                   List<BadRow> bad, Set<Integer> badLines) {
        List<String> values = rows.stream().map(value).filter(v -> v != null).toList();
        Set<String> taken = new HashSet<>(assets.taken(column, values));
        if (taken.isEmpty()) {
            return;
        }
        for (SimCsv.Row row : rows) {
            if (taken.contains(value.apply(row))) {
                bad.add(new BadRow(row.line(), column, "is already registered"));
                badLines.add(row.line());
            }
        }
    }
}
