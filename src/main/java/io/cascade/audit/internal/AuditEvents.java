package io.cascade.audit.internal;

import io.cascade.accounts.api.Subtree;
import io.cascade.audit.api.AuditEvent;
import io.cascade.audit.api.AuditLog;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit_event table: insert-only (a trigger refuses updates and deletes). Read through {@link AuditLog}. */
@Repository
public class AuditEvents implements AuditTrail {
    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final Clock clock;

    AuditEvents(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate, JsonMapper json,
                Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void record(AuditRecord r) {
        jdbc.sql("""
                        INSERT INTO audit_event (occurred_at, actor_user_id, actor_account_id, on_behalf_of_account_id,
                                                 target_account_id, target_path, action, before, after, request_id,
                                                 on_behalf_of_user_id)
                        VALUES (:at, :user, :account, :onBehalfOf, :target, :path, :action, CAST(:before AS jsonb),
                                CAST(:after AS jsonb), :request, :onBehalfOfUser)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("user", r.caller().userId())
                .param("account", r.caller().userId() == null ? null : r.caller().homeAccountId())
                .param("onBehalfOf", r.caller().actingOnBehalf() ? r.caller().accountId() : null)
                .param("target", r.targetAccountId()).param("path", r.targetPath())
                .param("action", r.action())
                .param("before", r.before() == null ? null : json.writeValueAsString(r.before()))
                .param("after", r.after() == null ? null : json.writeValueAsString(r.after()))
                .param("request", r.caller().requestId())
                .param("onBehalfOfUser", r.caller().onBehalfOfUserId())
                .update();
    }

    @Override
    public void recordAll(List<AuditRecord> records) {
        if (records.size() < 2) {
            records.forEach(this::record);
            return;
        }
        Timestamp at = Timestamp.from(clock.instant());
        jdbcTemplate.batchUpdate("""
                        INSERT INTO audit_event (occurred_at, actor_user_id, actor_account_id, on_behalf_of_account_id,
                                                 target_account_id, target_path, action, before, after, request_id,
                                                 on_behalf_of_user_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?)""", records, 1000,
                (ps, r) -> {
                    ps.setTimestamp(1, at);
                    ps.setObject(2, r.caller().userId());
                    ps.setObject(3, r.caller().userId() == null ? null : r.caller().homeAccountId());
                    ps.setObject(4, r.caller().actingOnBehalf() ? r.caller().accountId() : null);
                    ps.setObject(5, r.targetAccountId());
                    ps.setString(6, r.targetPath());
                    ps.setString(7, r.action());
                    ps.setString(8, r.before() == null ? null : json.writeValueAsString(r.before()));
                    ps.setString(9, r.after() == null ? null : json.writeValueAsString(r.after()));
                    ps.setString(10, r.caller().requestId());
                    ps.setObject(11, r.caller().onBehalfOfUserId());
                });
    }

    /** Newest first, within the subtree; {@code beforeId} is the cursor. */
    public List<AuditEvent> list(Subtree subtree, String action, UUID userId, Instant from, Instant to, Long beforeId,
                                 int limit) {
        Subtree.Condition scoped = subtree.within("target_path");
        StringBuilder sql = new StringBuilder("""
                SELECT id, occurred_at, actor_user_id, actor_account_id, on_behalf_of_account_id, target_account_id,
                       action, before::text AS before, after::text AS after, request_id, on_behalf_of_user_id
                FROM audit_event WHERE """).append(scoped.sql());
        Map<String, Object> params = new HashMap<>(scoped.parameters());
        if (action != null) {
            sql.append(" AND action = :action");
            params.put("action", action);
        }
        if (userId != null) {
            sql.append(" AND actor_user_id = :user");
            params.put("user", userId);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= :since");
            params.put("since", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < :until");
            params.put("until", Timestamp.from(to));
        }
        if (beforeId != null) {
            sql.append(" AND id < :beforeId");
            params.put("beforeId", beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new AuditEvent(
                Long.toString(rs.getLong("id")), rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_user_id", UUID.class), rs.getObject("actor_account_id", UUID.class),
                rs.getObject("on_behalf_of_account_id", UUID.class), rs.getObject("target_account_id", UUID.class),
                rs.getString("action"), rs.getString("before") == null ? null : json.readTree(rs.getString("before")),
                rs.getString("after") == null ? null : json.readTree(rs.getString("after")),
                rs.getString("request_id"), rs.getObject("on_behalf_of_user_id", UUID.class))).list();
    }
}
