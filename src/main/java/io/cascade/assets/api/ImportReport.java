package io.cascade.assets.api;

import java.util.List;

/**
 * What became of a CSV import: how many SIMs were added, and every bad row with its line number (the header is
 * line 1), the column and why. {@code mode} is {@code ALL} (nothing is written when a row is bad) or
 * {@code GOOD_ROWS} (the good rows are written, the bad ones reported).
 */
public record ImportReport(String mode, int rows, int imported, List<BadRow> rejected) {

    public record BadRow(int line, String field, String message) {
    }
}
