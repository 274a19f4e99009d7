package io.cascade.messages.internal;

import io.cascade.messages.api.WebhookDeliveryView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An endpoint's deliveries: the outbox's WEBHOOK messages whose target is the endpoint (the log), and a person's
 * redelivery of one of them.
 */
@Repository
class WebhookDeliveries {
    private static final String COLUMNS = """
            id, seq, target_id, kind, status, attempts, last_status_code, last_error, created_at, next_attempt_at,
            sent_at""";
    private static final RowMapper<WebhookDeliveryView> VIEW = (rs, n) -> new WebhookDeliveryView(
            rs.getObject("id", UUID.class), rs.getObject("target_id", UUID.class), rs.getString("kind"),
            rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("last_status_code"),
            rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
            instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("sent_at")));

    /** A delivery with its place in the log ({@code seq}, the cursor). */
    record Row(long seq, WebhookDeliveryView view) {
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The endpoint's deliveries, newest first, before the cursor's {@code seq}. */
    List<Row> of(UUID endpointId, Long beforeSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM outbox_message
                        WHERE channel = 'WEBHOOK' AND target_id = :endpoint
                          AND (CAST(:before AS bigint) IS NULL OR seq < :before)
                        ORDER BY seq DESC LIMIT :limit""")
                .param("endpoint", endpointId).param("before", beforeSeq).param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong("seq"), VIEW.mapRow(rs, n))).list();
    }

    Optional<WebhookDeliveryView> find(UUID endpointId, UUID deliveryId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM outbox_message WHERE id = :id AND channel = 'WEBHOOK' AND target_id = :endpoint")
                .param("id", deliveryId).param("endpoint", endpointId).query(VIEW).optional();
    }

    /**
     * Sends a delivery again, with the same {@code webhook-id} (receivers drop what they already handled): a
     * delivered or failed one is queued anew with a fresh count of attempts, a waiting one is due now; one being
     * sent right now is left to finish.
     */
    Optional<WebhookDeliveryView> redeliver(UUID endpointId, UUID deliveryId, Instant now) {
        return jdbc.sql("""
                        UPDATE outbox_message SET status = 'PENDING', attempts = 0, next_attempt_at = :now,
                               lease_until = NULL, sent_at = NULL
                        WHERE id = :id AND channel = 'WEBHOOK' AND target_id = :endpoint
                          AND status IN ('PENDING', 'SENT', 'FAILED', 'HELD')
                        RETURNING\s""" + COLUMNS)
                .param("id", deliveryId).param("endpoint", endpointId).param("now", Timestamp.from(now))
                .query(VIEW).optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
