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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * billing_run and billing_run_item: the run's buyers as work items, claimed a chunk at a time by the node whose job
 * engine runs the chunk ({@link RunChunks}). A node that dies leaves its chunk CLAIMED; the engine runs the chunk again
 * elsewhere, and that node takes the items over. A node commits a chunk only while it still holds the claim (see
 * {@link #confirm}).
 */
@Repository
public class RunStore {
    private static final int ITEM_SLICE = 50_000;

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Item(int seq, UUID buyerId) {
    }

    /** Creates the run with one item per buyer; false when a scheduled run for that day exists already. */
    public boolean create(UUID id, LocalDate asOf, RunTrigger trigger, UUID requestedBy, List<UUID> buyers, Instant now) {
        int created = jdbc.sql("""
                        INSERT INTO billing_run (id, as_of, trigger, status, buyers_total, requested_by, created_at)
                        VALUES (:id, :asOf, :trigger, 'RUNNING', :total, :by, :now) ON CONFLICT DO NOTHING""")
                .param("id", id).param("asOf", Date.valueOf(asOf)).param("trigger", trigger.name())
                .param("total", buyers.size()).param("by", requestedBy).param("now", Timestamp.from(now)).update();
        if (created == 0) {
            return false;
        }
        // in slices, so that a million buyers never travel as one array parameter
        for (int from = 0; from < buyers.size(); from += ITEM_SLICE) {
            List<UUID> slice = buyers.subList(from, Math.min(buyers.size(), from + ITEM_SLICE));
            jdbc.sql("""
                            INSERT INTO billing_run_item (run_id, seq, buyer_id)
                            SELECT :run, :offset + b.n, b.id
                            FROM unnest(CAST(:buyers AS uuid[])) WITH ORDINALITY AS b(id, n)""")
                    .param("run", id).param("offset", from).param("buyers", slice.toArray(UUID[]::new)).update();
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
     * Claims the open items of a chunk ({@code from} to {@code to}) for {@code node}, in seq order: pending ones, and
     * claimed ones — the engine runs a chunk on one node at a time, so a claim it finds is a dead executor's. Items
     * locked by a confirmation still in progress are skipped (they are DONE once it commits).
     */
    public List<Item> claim(UUID runId, String node, int from, int to) {
        return jdbc.sql("""
                        WITH claimed AS (
                            UPDATE billing_run_item i SET state = 'CLAIMED', node = :node, attempts = i.attempts + 1
                            FROM (SELECT run_id, seq FROM billing_run_item
                                  WHERE run_id = :run AND seq BETWEEN :from AND :to AND state IN ('PENDING', 'CLAIMED')
                                  FOR UPDATE SKIP LOCKED) c
                            WHERE i.run_id = c.run_id AND i.seq = c.seq
                            RETURNING i.seq, i.buyer_id)
                        SELECT seq, buyer_id FROM claimed ORDER BY seq""")
                .param("node", node).param("run", runId).param("from", from).param("to", to)
                .query((rs, n) -> new Item(rs.getInt("seq"), rs.getObject("buyer_id", UUID.class))).list();
    }

    /** Whether any item of the chunk is still PENDING or CLAIMED. */
    public boolean anyOpen(UUID runId, int from, int to) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM billing_run_item WHERE run_id = :run AND seq BETWEEN :from AND :to
                                         AND state IN ('PENDING', 'CLAIMED'))""")
                .param("run", runId).param("from", from).param("to", to).query(Boolean.class).single();
    }

    /**
     * Marks the items DONE (error null) or FAILED, but only those this node still holds: answers the seqs confirmed.
     * Run in the transaction that writes the items' invoices, it locks the items until commit, so a node taking them
     * over waits, and then finds them done.
     */
    public List<Integer> confirm(UUID runId, String node, int[] seqs, int[] invoices, String[] errors) {
        Integer[] s = new Integer[seqs.length];
        Integer[] n = new Integer[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            s[i] = seqs[i];
            n[i] = invoices[i];
        }
        return jdbc.sql("""
                        UPDATE billing_run_item i
                        SET state = CASE WHEN u.error IS NULL THEN 'DONE' ELSE 'FAILED' END, invoices = u.invoices,
                            error = u.error
                        FROM unnest(CAST(:seqs AS int[]), CAST(:invoices AS int[]), CAST(:errors AS text[]))
                             AS u(seq, invoices, error)
                        WHERE i.run_id = :run AND i.seq = u.seq AND i.node = :node AND i.state = 'CLAIMED'
                        RETURNING i.seq""")
                .param("seqs", s).param("invoices", n).param("errors", errors).param("run", runId)
                .param("node", node).query(Integer.class).list();
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
                          AND NOT EXISTS (SELECT 1 FROM billing_run_item
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
                        SELECT buyer_id, error FROM billing_run_item WHERE run_id = :id AND state = 'FAILED'
                        ORDER BY seq LIMIT 100""")
                .param("id", runId)
                .query((rs, n) -> new RunView.BuyerError(rs.getObject("buyer_id", UUID.class),
                        rs.getString("error"))).list();
    }
}
