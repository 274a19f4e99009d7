package io.cascade.nodes.internal;

import io.cascade.nodes.api.ProbeView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The node_probe table: each node's last {@link #KEPT} probes. */
@Repository
public class Probes {
    /** How many probes of a node the history keeps; older ones are deleted as new ones arrive. */
    static final int KEPT = 100;

    private final JdbcClient jdbc;

    Probes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID nodeId, boolean ok, int durationMs, String detail, Instant at) {
        jdbc.sql("""
                        INSERT INTO node_probe (node_id, probed_at, ok, duration_ms, detail)
                        VALUES (:node, :at, :ok, :duration, :detail)""")
                .param("node", nodeId).param("at", Timestamp.from(at)).param("ok", ok).param("duration", durationMs)
                .param("detail", detail == null ? null : detail.length() > 300 ? detail.substring(0, 299) + "…" : detail)
                .update();
        jdbc.sql("""
                        DELETE FROM node_probe WHERE node_id = :node AND id < (
                            SELECT min(id) FROM (SELECT id FROM node_probe WHERE node_id = :node
                                                 ORDER BY id DESC LIMIT :kept) last)""")
                .param("node", nodeId).param("kept", KEPT).update();
    }

    /** A node's probes, newest first, before the probe {@code before} (keyset paging). */
    public List<ProbeView> of(UUID nodeId, Long before, int limit) {
        return jdbc.sql("""
                        SELECT id, probed_at, ok, duration_ms, detail FROM node_probe
                        WHERE node_id = :node AND (CAST(:before AS bigint) IS NULL OR id < :before)
                        ORDER BY id DESC LIMIT :limit""")
                .param("node", nodeId).param("before", before).param("limit", limit)
                .query((rs, n) -> new ProbeView(rs.getLong("id"), rs.getTimestamp("probed_at").toInstant(),
                        rs.getBoolean("ok"), rs.getInt("duration_ms"), rs.getString("detail"))).list();
    }
}
