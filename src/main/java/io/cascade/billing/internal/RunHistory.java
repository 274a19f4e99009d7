package io.cascade.billing.internal;

import io.cascade.billing.api.RunStatus;
import io.cascade.billing.api.RunSummary;
import io.cascade.billing.api.RunTrigger;
import io.cascade.billing.api.RunView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads billing_run as a list, newest first (index billing_run_created); the run's writers are elsewhere. */
@Repository
public class RunHistory {
    private final JdbcClient jdbc;

    RunHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs created before ({@code beforeAt}, {@code beforeId}) (all when null), newest first. */
    public List<RunSummary> newestFirst(Instant beforeAt, UUID beforeId, int limit) {
        return jdbc.sql("""
                        SELECT id, as_of, trigger, status, buyers_total, buyers_done, buyers_failed, invoices,
                               created_at, finished_at
                        FROM billing_run
                        WHERE CAST(:beforeAt AS timestamptz) IS NULL
                           OR (created_at, id) < (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("beforeAt", beforeAt == null ? null : Timestamp.from(beforeAt)).param("beforeId", beforeId)
                .param("limit", limit)
                .query((rs, n) -> new RunSummary(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        RunTrigger.valueOf(rs.getString(3)), RunStatus.valueOf(rs.getString(4)),
                        new RunView.Progress(rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getInt(8)), rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .list();
    }
}
