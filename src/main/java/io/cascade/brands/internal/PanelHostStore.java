package io.cascade.brands.internal;

import io.cascade.brands.api.PanelHostView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code panel_host}. */
@Repository
class PanelHostStore {
    private static final String COLUMNS = """
            host, account_id, account_path, verification_token, verified_at, verification_method, verified_by,
            created_at""";

    /** A row with what the service needs beyond the view: the owner's path. */
    record Row(String host, UUID accountId, String accountPath, String token, Instant verifiedAt, String method,
               Instant createdAt) {
        PanelHostView view() {
            return new PanelHostView(host, accountId,
                    verifiedAt == null ? PanelHostView.State.UNVERIFIED : PanelHostView.State.VERIFIED,
                    new PanelHostView.TxtRecord(HostVerifier.recordName(host), "TXT", token),
                    method == null ? null : PanelHostView.Method.valueOf(method), verifiedAt, createdAt);
        }
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getString("host"),
            rs.getObject("account_id", UUID.class), rs.getString("account_path"), rs.getString("verification_token"),
            instant(rs.getTimestamp("verified_at")), rs.getString("verification_method"),
            instant(rs.getTimestamp("created_at")));

    private final JdbcClient jdbc;

    PanelHostStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM panel_host WHERE host = :host").param("host", host)
                .query(ROW).optional();
    }

    /** An account's hosts in name order, after {@code after} (exclusive), at most {@code limit}. */
    List<Row> ofAccount(UUID accountId, String after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM panel_host WHERE account_id = :account"
                        + (after == null ? "" : " AND host > :after") + " ORDER BY host COLLATE \"C\" LIMIT :limit")
                .param("account", accountId).param("after", after).param("limit", limit)
                .query(ROW).list();
    }

    /** The panel hosts of every vendor in the subtree: the seats of WHITE_LABEL (ADR 0038). */
    long countWithin(io.cascade.accounts.api.Subtree subtree) {
        var within = subtree.within("account_path");
        return within.bind(jdbc.sql("SELECT count(*) FROM panel_host WHERE " + within.sql()))
                .query(Long.class).single();
    }

    int countOf(UUID accountId) {
        return jdbc.sql("SELECT count(*) FROM panel_host WHERE account_id = :account").param("account", accountId)
                .query(Integer.class).single();
    }

    /** Inserts the host unless any vendor has it; false when it was taken. */
    boolean insert(String host, UUID accountId, String accountPath, String token, Instant now) {
        return jdbc.sql("""
                        INSERT INTO panel_host (host, account_id, account_path, verification_token, created_at)
                        VALUES (:host, :account, :path, :token, :now) ON CONFLICT (host) DO NOTHING""")
                .param("host", host).param("account", accountId).param("path", accountPath).param("token", token)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    void markVerified(String host, String method, UUID userId, Instant now) {
        jdbc.sql("""
                        UPDATE panel_host SET verified_at = :now, verification_method = :method, verified_by = :user
                        WHERE host = :host""")
                .param("host", host).param("method", method).param("user", userId).param("now", Timestamp.from(now))
                .update();
    }

    void delete(String host) {
        jdbc.sql("DELETE FROM panel_host WHERE host = :host").param("host", host).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
