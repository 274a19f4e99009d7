package io.cascade.billing.internal;

import io.cascade.billing.api.RunStatus;
import io.cascade.billing.api.RunTrigger;
import io.cascade.billing.api.RunView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * billing_run, billing_run_chunk and billing_run_failure: the run's buyers in chunks, each chunk one work item claimed
 * by the node whose job engine runs it ({@link RunChunks}). A chunk row names its buyers in the run's order and how
 * many of them are finished; a buyer whose billing failed is a failure row. A node that dies leaves its chunk CLAIMED;
 * the engine runs the chunk again elsewhere, and that node takes it over from its first unfinished buyer. A node
 * commits a chunk's invoices only while it still holds the claim (see {@link #confirm}).
 */
@Repository
public class RunStore {
    /** Chunks per insert: 10,000 buyers' ids as one array parameter, well under a megabyte of text. */
    private static final int CHUNK_SLICE = 10;

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A buyer of a run: its position in the run ({@code seq}, from 1) and its account. */
    public record Item(int seq, UUID buyerId) {
    }

    /**
     * Creates the run with its buyers in chunks of {@code chunkSize}; false when a scheduled run for that day exists
     * already.
     */
    public boolean create(UUID id, LocalDate asOf, RunTrigger trigger, UUID requestedBy, List<UUID> buyers,
                          int chunkSize, Instant now) {
        int created = jdbc.sql("""
                        INSERT INTO billing_run (id, as_of, trigger, status, buyers_total, requested_by, created_at)
                        VALUES (:id, :asOf, :trigger, 'RUNNING', :total, :by, :now) ON CONFLICT DO NOTHING""")
                .param("id", id).param("asOf", Date.valueOf(asOf)).param("trigger", trigger.name())
                .param("total", buyers.size()).param("by", requestedBy).param("now", Timestamp.from(now)).update();
        if (created == 0) {
            return false;
        }
        // CHUNK_SLICE chunks per statement, so that a million buyers never travel as one array parameter
        int slice = CHUNK_SLICE * chunkSize;
        for (int from = 0; from < buyers.size(); from += slice) {
            List<UUID> part = buyers.subList(from, Math.min(buyers.size(), from + slice));
            jdbc.sql("""
                            INSERT INTO billing_run_chunk (run_id, first_seq, buyers)
                            SELECT :run, :offset + (g - 1) * :size + 1,
                                   b.ids[(g - 1) * :size + 1 : LEAST(g * :size, cardinality(b.ids))]
                            FROM (SELECT CAST(:buyers AS uuid[]) AS ids) b,
                                 generate_series(1, (cardinality(b.ids) + :size - 1) / :size) AS g""")
                    .param("run", id).param("offset", from).param("size", chunkSize)
                    .param("buyers", part.toArray(UUID[]::new)).update();
        }
        return true;
    }

    /**
     * The first day of cancellations a run as of {@code asOf} looks at: the horizon, or — when billing paused longer
     * than that — the day of the last completed run up to {@code asOf}, so that a subscription cancelled during the
     * pause is still billed its last periods.
     */
    public LocalDate cancelledSince(LocalDate asOf) {
        LocalDate horizon = ChargeRules.horizon(asOf);
        Date last = jdbc.sql("SELECT max(as_of) FROM billing_run WHERE status = 'COMPLETED' AND as_of <= :asOf")
                .param("asOf", Date.valueOf(asOf)).query(Date.class).optional().orElse(null);
        return last != null && last.toLocalDate().isBefore(horizon) ? last.toLocalDate() : horizon;
    }

    public boolean anyRunning() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM billing_run WHERE status = 'RUNNING')").query(Boolean.class)
                .single();
    }

    /** The day a run bills up to, while it is RUNNING. */
    public Optional<LocalDate> runningAsOf(UUID runId) {
        return jdbc.sql("SELECT as_of FROM billing_run WHERE id = :id AND status = 'RUNNING'").param("id", runId)
                .query((rs, n) -> rs.getDate("as_of").toLocalDate()).optional();
    }

    /**
     * Claims the chunk that starts at {@code from} for {@code node} and answers its unfinished buyers, in order: a
     * pending chunk, or a claimed one — the engine runs a chunk on one node at a time, so a claim it finds is a dead
     * executor's, which is taken over from its first unfinished buyer. A chunk locked by a confirmation still in
     * progress is skipped (its buyers are finished once it commits); a finished chunk answers nothing.
     */
    public List<Item> claim(UUID runId, String node, int from) {
        List<Item> items = new ArrayList<>();
        jdbc.sql("""
                        WITH c AS (SELECT run_id, first_seq FROM billing_run_chunk
                                   WHERE run_id = :run AND first_seq = :from AND state IN ('PENDING', 'CLAIMED')
                                   FOR UPDATE SKIP LOCKED)
                        UPDATE billing_run_chunk k SET state = 'CLAIMED', node = :node, attempts = k.attempts + 1
                        FROM c WHERE k.run_id = c.run_id AND k.first_seq = c.first_seq
                        RETURNING k.first_seq, k.finished, k.buyers""")
                .param("node", node).param("run", runId).param("from", from)
                .query(rs -> {
                    int first = rs.getInt("first_seq");
                    int finished = rs.getInt("finished");
                    UUID[] buyers = (UUID[]) rs.getArray("buyers").getArray();
                    for (int i = finished; i < buyers.length; i++) {
                        items.add(new Item(first + i, buyers[i]));
                    }
                });
        return items;
    }

    /** Whether the chunk that starts at {@code from} has buyers not finished yet. */
    public boolean anyOpen(UUID runId, int from) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM billing_run_chunk WHERE run_id = :run AND first_seq = :from
                                         AND state IN ('PENDING', 'CLAIMED'))""")
                .param("run", runId).param("from", from).query(Boolean.class).single();
    }

    /**
     * Marks the buyers of the chunk that starts at {@code chunkFrom} finished up to and including position
     * {@code lastSeq} of the run — but only while {@code node} holds the chunk and its buyers before {@code firstSeq}
     * are exactly those finished so far: true when confirmed. The chunk is DONE once its last buyer is finished. Run in
     * the transaction that writes those buyers' invoices, it locks the chunk until commit, so a node taking it over
     * waits, and then goes on after them.
     */
    public boolean confirm(UUID runId, String node, int chunkFrom, int firstSeq, int lastSeq) {
        return jdbc.sql("""
                        UPDATE billing_run_chunk
                        SET finished = :last - first_seq + 1,
                            state = CASE WHEN :last - first_seq + 1 >= cardinality(buyers) THEN 'DONE' ELSE state END
                        WHERE run_id = :run AND first_seq = :chunk AND node = :node AND state = 'CLAIMED'
                          AND finished = :first - first_seq""")
                .param("last", lastSeq).param("first", firstSeq).param("run", runId).param("chunk", chunkFrom)
                .param("node", node).update() == 1;
    }

    /** Records the buyers whose billing failed (in the transaction that confirms them). */
    public void failed(UUID runId, List<Item> buyers, List<String> errors) {
        if (buyers.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO billing_run_failure (run_id, seq, buyer_id, error)
                        SELECT :run, u.seq, u.buyer, u.error
                        FROM unnest(CAST(:seqs AS int[]), CAST(:buyers AS uuid[]), CAST(:errors AS text[]))
                             AS u(seq, buyer, error)""")
                .param("run", runId).param("seqs", buyers.stream().map(Item::seq).toArray(Integer[]::new))
                .param("buyers", buyers.stream().map(Item::buyerId).toArray(UUID[]::new))
                .param("errors", errors.toArray(String[]::new)).update();
    }

    /** Adds a chunk's outcome to the run's counters (in the chunk's transaction). */
    public void count(UUID runId, int done, int failed, int invoices) {
        if (done + failed + invoices > 0) {
            jdbc.sql("""
                            UPDATE billing_run SET buyers_done = buyers_done + :done,
                                   buyers_failed = buyers_failed + :failed, invoices = invoices + :n
                            WHERE id = :id""")
                    .param("done", done).param("failed", failed).param("n", invoices).param("id", runId).update();
        }
    }

    /** Completes the run when no item is open any more; true for the one caller that completed it. */
    public boolean complete(UUID runId, Instant now) {
        return jdbc.sql("""
                        UPDATE billing_run SET status = 'COMPLETED', finished_at = :now
                        WHERE id = :id AND status = 'RUNNING'
                          AND NOT EXISTS (SELECT 1 FROM billing_run_chunk
                                          WHERE run_id = :id AND state IN ('PENDING', 'CLAIMED'))""")
                .param("now", Timestamp.from(now)).param("id", runId).update() == 1;
    }

    public Optional<RunView> find(UUID runId) {
        return jdbc.sql("""
                        SELECT r.id, r.as_of, r.trigger, r.status, r.buyers_total, r.invoices, r.created_at,
                               r.finished_at, r.buyers_done, r.buyers_failed
                        FROM billing_run r WHERE r.id = :id""")
                .param("id", runId)
                .query((rs, n) -> new RunView(rs.getObject("id", UUID.class), rs.getDate("as_of").toLocalDate(),
                        RunTrigger.valueOf(rs.getString("trigger")), RunStatus.valueOf(rs.getString("status")),
                        RunHistory.progress(rs), errors(runId), rs.getTimestamp("created_at").toInstant(),
                        RunHistory.instant(rs.getTimestamp("finished_at"))))
                .optional();
    }

    private List<RunView.BuyerError> errors(UUID runId) {
        return jdbc.sql("""
                        SELECT buyer_id, error FROM billing_run_failure WHERE run_id = :id
                        ORDER BY seq LIMIT 100""")
                .param("id", runId)
                .query((rs, n) -> new RunView.BuyerError(rs.getObject("buyer_id", UUID.class),
                        rs.getString("error"))).list();
    }
}
