package io.cascade.messages.internal;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The dispatch side of the outbox: claims due messages under a lease, and records what became of them. A message is
 * due when it is PENDING and its time has come, or SENDING with an expired lease (its dispatcher's node died); and
 * only when no earlier message with the same ordering key is still open, so that a resource's deliveries leave one
 * after the other. {@code FOR UPDATE SKIP LOCKED} gives every row to one dispatcher, whichever node it runs on.
 */
@Component
class OutboxStore {
    /**
     * The due rows are locked in a CTE, which PostgreSQL evaluates once: as {@code WHERE id IN (SELECT … LIMIT n FOR
     * UPDATE SKIP LOCKED)} a nested-loop plan (chosen when the table's statistics are stale, as after a bulk insert)
     * rescans the subquery for every row, skips the rows the statement itself has just updated, and so claims far more
     * than {@code n} rows.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT o.id FROM outbox_message o
                 WHERE ((o.status = 'PENDING' AND o.next_attempt_at <= :now)
                        OR (o.status = 'SENDING' AND o.lease_until < :now))
                   AND (o.ordering_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM outbox_message p
                         WHERE p.ordering_key = o.ordering_key AND p.seq < o.seq
                           AND p.status IN ('PENDING', 'SENDING')))
                 ORDER BY o.seq
                 LIMIT :limit
                   FOR UPDATE SKIP LOCKED)
            UPDATE outbox_message m
               SET status = 'SENDING', attempts = m.attempts + 1, lease_until = :leaseUntil
              FROM due
             WHERE m.id = due.id
            RETURNING m.id, m.seq, m.channel, m.kind, m.account_id, m.target_id, m.ordering_key, m.data::text AS data,
                      m.attempts, m.created_at
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final MessagesSettings settings;
    private final Clock clock;

    OutboxStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, PlatformTransactionManager transactionManager,
                JsonMapper json, MessagesSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due messages for this dispatcher, oldest first.
     *
     * <p>The claim is planned for each execution, never from a cached generic plan (issue 20, P9 at full size). A
     * dispatcher claims on every poll, so its connection soon holds a generic plan, made while the outbox was quiet:
     * a scan of the whole table, sorted, that looks for an earlier open message of the same ordering key by reading
     * the table again for each row. For a burst of 100,000 webhook deliveries written in one statement, that plan
     * read the table 100,000 times over: both dispatchers were still in their first claim after eight minutes. A
     * plan made at the claim sees the table's current size and probes the open messages' index for each row.
     */
    List<OutboxMessage> claim(int limit) {
        return transactions.execute(tx -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return claimPlanned(limit);
        });
    }

    private List<OutboxMessage> claimPlanned(int limit) {
        Instant now = clock.instant();
        List<OutboxMessage> claimed = new ArrayList<>(jdbc.sql(CLAIM)
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(now.plus(settings.lease)))
                .param("limit", limit)
                .query((rs, i) -> new OutboxMessage(rs.getObject("id", UUID.class), rs.getLong("seq"),
                        Channel.valueOf(rs.getString("channel")), rs.getString("kind"),
                        rs.getObject("account_id", UUID.class), rs.getObject("target_id", UUID.class),
                        rs.getString("ordering_key"), json.readTree(rs.getString("data")), rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
        claimed.sort(java.util.Comparator.comparingLong(OutboxMessage::seq));
        return claimed;
    }

    /**
     * Records the outcomes of one batch: delivered ones SENT, the others back to PENDING after the back-off or FAILED.
     * A sent mail's secret facts ({@link Secrets}) are dropped from its {@code data}: nobody composes it again.
     */
    void record(List<OutboxMessage> batch, List<OutboxChannel.Delivery> deliveries) {
        Instant now = clock.instant();
        java.util.Map<UUID, OutboxMessage> byId = new java.util.HashMap<>();
        batch.forEach(m -> byId.put(m.id(), m));
        List<UUID> sent = new ArrayList<>();
        List<Integer> sentCodes = new ArrayList<>();
        for (OutboxChannel.Delivery delivery : deliveries) {
            OutboxMessage message = byId.get(delivery.messageId());
            if (message == null) {
                continue;
            }
            if (delivery.delivered()) {
                sent.add(delivery.messageId());
                sentCodes.add(delivery.statusCode());
            } else if (MailChannel.HELD.equals(delivery.error())) {
                jdbc.sql("""
                        UPDATE outbox_message SET status = 'HELD', attempts = attempts - 1, lease_until = NULL,
                               last_error = NULL
                         WHERE id = :id AND status = 'SENDING'
                        """).param("id", message.id()).update();
            } else {
                boolean retry = delivery.retry() && message.attempts() < settings.maxAttempts;
                jdbc.sql("""
                        UPDATE outbox_message SET status = :status, lease_until = NULL, next_attempt_at = :next,
                               last_error = :error, last_status_code = :code
                         WHERE id = :id AND status = 'SENDING'
                        """)
                        .param("status", retry ? "PENDING" : "FAILED")
                        .param("next", Timestamp.from(retry ? now.plus(settings.backoffAfter(message.attempts())) : now))
                        .param("error", shorten(delivery.error()))
                        .param("code", delivery.statusCode())
                        .param("id", message.id())
                        .update();
            }
        }
        if (!sent.isEmpty()) {
            jdbc.sql("""
                    UPDATE outbox_message m SET status = 'SENT', sent_at = :now, lease_until = NULL, last_error = NULL,
                           last_status_code = s.code,
                           data = CASE WHEN m.channel = 'MAIL' THEN (
                                  SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
                                    FROM jsonb_each(m.data) AS e(key, value)
                                   WHERE e.key !~* :secretKeys) ELSE m.data END
                      FROM unnest(:ids::uuid[], :codes::integer[]) AS s(id, code)
                     WHERE m.id = s.id AND m.status = 'SENDING'
                    """)
                    .param("now", Timestamp.from(now))
                    .param("secretKeys", Secrets.SECRET_KEY_SQL)
                    .param("ids", sent.toArray(UUID[]::new))
                    .param("codes", sentCodes.toArray(Integer[]::new))
                    .update();
        }
    }

    /** A mail as it was composed and rendered for one attempt (what the sent-mail view shows). */
    record Rendered(UUID id, UUID issuerId, String locale, String sender, String replyTo, List<String> recipients,
                    RenderedMail mail, List<String> attachmentNames) {
    }

    /**
     * Stores the mails of a batch as they were composed and rendered for this attempt, in one round trip (a JDBC
     * batch of one {@code UPDATE} per mail).
     */
    void recordRendered(List<Rendered> rendered) {
        if (rendered.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = rendered.stream().map(r -> new MapSqlParameterSource()
                .addValue("issuer", r.issuerId()).addValue("locale", r.locale()).addValue("sender", r.sender())
                .addValue("replyTo", r.replyTo()).addValue("recipients", r.recipients().toArray(String[]::new))
                .addValue("subject", r.mail().subject()).addValue("text", r.mail().text())
                .addValue("html", r.mail().html())
                .addValue("attachments", r.attachmentNames().toArray(String[]::new)).addValue("id", r.id()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                UPDATE outbox_message SET issuer_id = :issuer, locale = :locale, sender = :sender, reply_to = :replyTo,
                       recipients = :recipients::text[], subject = :subject, text_body = :text, html_body = :html,
                       attachment_names = :attachments::text[]
                 WHERE id = :id
                """, rows);
    }

    /**
     * Makes up to {@code limit} of the messages waiting for {@code holdKey} due now, oldest first; answers how many.
     * Called in batches, each its own transaction, so that a billing run's many mails are never one long update.
     */
    int release(String holdKey, int limit) {
        return jdbc.sql("""
                UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now, hold_key = NULL
                 WHERE id IN (SELECT id FROM outbox_message WHERE status = 'WAITING' AND hold_key = :key
                               ORDER BY seq LIMIT :limit)
                """).param("now", Timestamp.from(clock.instant())).param("key", holdKey).param("limit", limit)
                .update();
    }

    /** Held mail (kept while no SMTP host was set) becomes due: called when a node starts with a host. */
    int releaseHeld() {
        return jdbc.sql("""
                UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now
                 WHERE status = 'HELD' AND channel = 'MAIL'
                """).param("now", Timestamp.from(clock.instant())).update();
    }

    private static String shorten(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
