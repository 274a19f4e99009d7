package io.cascade.billing.internal;

import io.cascade.billing.api.RunStatus;
import io.cascade.billing.api.RunSummary;
import io.cascade.billing.api.RunTrigger;
import io.cascade.billing.api.RunView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads billing_run as a list, newest first (index billing_run_created); the run's writers are elsewhere. */
@Repository
public class RunHistory {
    /** A run as listed, from a row of billing_run's columns under their own names. */
    private static final RowMapper<RunSummary> SUMMARY = (rs, n) -> new RunSummary(rs.getObject("id", UUID.class),
            rs.getDate("as_of").toLocalDate(), RunTrigger.valueOf(rs.getString("trigger")),
            RunStatus.valueOf(rs.getString("status")), progress(rs), rs.getTimestamp("created_at").toInstant(),
            instant(rs.getTimestamp("finished_at")));

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
                .query(SUMMARY).list();
    }

    /** A run's progress, from a row with billing_run's counter columns under their own names. */
    static RunView.Progress progress(ResultSet rs) throws SQLException {
        return new RunView.Progress(rs.getInt("buyers_total"), rs.getInt("buyers_done"), rs.getInt("buyers_failed"),
                rs.getInt("invoices"));
    }

    static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
