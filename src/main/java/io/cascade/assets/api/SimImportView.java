package io.cascade.assets.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A SIM import from a file as it runs: {@code RUNNING} while its rows are checked ({@code totalRows} 0) and then
 * written ({@code writtenRows} of {@code toWrite}), then {@code DONE} ({@code imported} SIMs, and with mode
 * {@code GOOD_ROWS} the rows left out), {@code REJECTED} (bad rows in mode {@code ALL}, or no usable file: nothing
 * imported, {@code rejected} names each line) or {@code FAILED} ({@code message} says why; nothing imported).
 */
public record SimImportView(UUID id, UUID ownerId, String fileName, String mode, Status status, int totalRows,
                            int toWrite, int writtenRows, int imported, List<ImportReport.BadRow> rejected,
                            String message, Instant createdAt, Instant finishedAt, @JsonIgnore String ownerPath) {

    public enum Status { RUNNING, DONE, REJECTED, FAILED }

    /** How far it is, 0–100: checking counts as the first tenth. */
    public int percent() {
        if (status != Status.RUNNING) {
            return 100;
        }
        if (totalRows == 0) {
            return 0;
        }
        return toWrite == 0 ? 10 : 10 + (int) (90L * writtenRows / toWrite);
    }

    public boolean running() {
        return status == Status.RUNNING;
    }
}
