package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Subtree;
import io.cascade.messages.api.MessageChannel;
import io.cascade.messages.api.MessageLog;
import io.cascade.messages.api.MessageStatus;
import io.cascade.messages.api.MessageView;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.shared.UserKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox as people read and retry it (the REST edge and the panels' "Sent mail"). A message belongs to its
 * account's subtree: the list joins accounts' {@code account_tree} view for the path and lets the {@link Subtree} write
 * the condition; a message read by id is checked against the caller's scope (404 outside). Reading needs
 * {@link Privilege#AUDIT_READ}, retrying {@link Privilege#SETTINGS_MANAGE}.
 *
 * <p>One-time links: a mail that went out is stored redacted ({@link Secrets}). A HELD mail (no SMTP host) is stored
 * in full so that the provider's staff can hand its link on by hand; everybody else reads it redacted too.
 */
@Service
class SentMessages implements MessageLog {
    private static final String SUMMARY = """
            m.id, m.seq, m.channel, m.kind, m.account_id, m.target_id, m.status, m.attempts, m.next_attempt_at,
            m.last_error, m.last_status_code, m.created_at, m.sent_at, m.sender, m.reply_to, m.recipients,
            m.subject, m.locale, m.attachment_names, t.path
            """;
    private static final int KIND_MAX = 100;

    private final JdbcClient jdbc;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final OutboxWake wake;
    private final MailTransport transport;
    private final JsonMapper json;
    private final Clock clock;
    private volatile UUID providerId;

    SentMessages(JdbcClient jdbc, AccountScope scope, AuditTrail audit, OutboxWake wake, MailTransport transport,
                 JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.audit = audit;
        this.wake = wake;
        this.transport = transport;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Page<MessageView> list(Caller caller, UUID accountId, Query query) {
        Subtree subtree = scope.subtree(caller, accountId);
        caller.require(Privilege.AUDIT_READ);
        if (query.kind() != null && (query.kind().isBlank() || query.kind().length() > KIND_MAX)) {
            throw new InvalidInputException("kind", "must be 1 to " + KIND_MAX + " characters");
        }
        int size = Cursors.limit(query.limit());
        String after = Cursors.decode("message", query.cursor());
        Long beforeSeq;
        try {
            beforeSeq = after == null ? null : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        Subtree.Condition within = subtree.within("t.path");
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY + """
                  FROM outbox_message m JOIN account_tree t ON t.id = m.account_id
                 WHERE """).append(within.sql());
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.status() != null) {
            sql.append(" AND m.status = :status");
            params.put("status", query.status().name());
        }
        if (query.channel() != null) {
            sql.append(" AND m.channel = :channel");
            params.put("channel", query.channel().name());
        }
        if (query.kind() != null) {
            sql.append(" AND m.kind = :kind");
            params.put("kind", query.kind());
        }
        if (beforeSeq != null) {
            sql.append(" AND m.seq < :before");
            params.put("before", beforeSeq);
        }
        sql.append(" ORDER BY m.seq DESC LIMIT :limit");
        params.put("limit", size + 1);
        List<Row> rows = within.bind(jdbc.sql(sql.toString())).params(params)
                .query((rs, i) -> row(rs, false)).list();
        String next = rows.size() > size ? Cursors.encode("message", Long.toString(rows.get(size - 1).seq())) : null;
        return new Page<>(rows.stream().limit(size).map(Row::view).toList(), next);
    }

    @Override
    public MessageView get(Caller caller, UUID messageId) {
        Row row = find(messageId, false);
        caller.requireCovers(row.path());
        caller.require(Privilege.AUDIT_READ);
        return seenBy(caller, row);
    }

    @Override
    @Transactional
    public MessageView retry(Caller caller, UUID messageId) {
        Row row = find(messageId, false);
        caller.requireCovers(row.path());
        caller.require(Privilege.SETTINGS_MANAGE);
        row = find(messageId, true);
        MessageStatus status = row.view().status();
        switch (status) {
            case SENDING -> throw RuleViolationException.conflict(Problem.MESSAGE_NOT_RETRYABLE,
                    "The message is being sent right now.");
            case SENT -> throw RuleViolationException.conflict(Problem.MESSAGE_NOT_RETRYABLE,
                    "The message was sent.");
            case HELD -> throw RuleViolationException.conflict(Problem.MESSAGE_NOT_RETRYABLE,
                    "The mail is held because no SMTP host is set (CASCADE_MAIL_HOST); it goes out when a node "
                            + "starts with one.");
            case WAITING -> throw RuleViolationException.conflict(Problem.MESSAGE_NOT_RETRYABLE,
                    "The mail waits until the billing run that queued it has completed; then it is sent.");
            default -> {
            }
        }
        jdbc.sql("""
                UPDATE outbox_message
                   SET status = 'PENDING', next_attempt_at = :now, lease_until = NULL,
                       attempts = CASE WHEN status = 'FAILED' THEN 0 ELSE attempts END
                 WHERE id = :id
                """).param("now", Timestamp.from(clock.instant())).param("id", messageId).update();
        audit.record(new AuditRecord(caller, row.view().accountId(), row.path(), "message.retried",
                Map.of("messageId", messageId, "channel", row.view().channel(), "kind", row.view().kind(),
                        "status", status, "attempts", row.view().attempts()),
                Map.of("messageId", messageId, "status", MessageStatus.PENDING,
                        "attempts", status == MessageStatus.FAILED ? 0 : row.view().attempts())));
        wakeAfterCommit();
        return seenBy(caller, find(messageId, false));
    }

    @Override
    public boolean mailConfigured() {
        return transport.configured();
    }

    private Row find(UUID messageId, boolean lock) {
        return jdbc.sql("SELECT " + SUMMARY + ", m.text_body, m.html_body, m.data::text AS data"
                        + " FROM outbox_message m JOIN account_tree t ON t.id = m.account_id WHERE m.id = :id"
                        + (lock ? " FOR UPDATE OF m" : ""))
                .param("id", messageId)
                .query((rs, i) -> row(rs, true))
                .optional().orElseThrow(NotFoundException::new);
    }

    /**
     * The message as this caller may read it: a held mail's one-time links only for the provider's own staff, every
     * other stored body as it was kept (redacted once sent).
     */
    private MessageView seenBy(Caller caller, Row row) {
        MessageView view = row.view();
        List<String> secrets = Secrets.values(row.data());
        boolean hide = !(view.status() == MessageStatus.HELD && providerStaff(caller));
        String text = hide ? Secrets.redact(view.text(), secrets) : view.text();
        String html = hide ? Secrets.redact(view.html(), secrets) : view.html();
        String subject = hide ? Secrets.redact(view.subject(), secrets) : view.subject();
        boolean redacted = view.text() != null && !view.text().equals(text)
                || view.html() != null && !view.html().equals(html)
                || view.text() != null && view.text().contains(Secrets.REDACTED);
        return new MessageView(view.id(), view.channel(), view.kind(), view.accountId(), view.targetId(),
                view.status(), view.attempts(), view.nextAttemptAt(), view.lastError(), view.lastStatusCode(),
                view.createdAt(), view.sentAt(), view.sender(), view.replyTo(), view.recipients(), subject,
                view.locale(), view.attachmentNames(), text, html, redacted);
    }

    private boolean providerStaff(Caller caller) {
        if (caller.kind() != UserKind.STAFF) {
            return false;
        }
        UUID provider = providerId;
        if (provider == null) {
            provider = scope.provider().map(ScopedAccount::id).orElse(null);
            providerId = provider;
        }
        return caller.homeAccountId().equals(provider);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.signal();
                }
            });
        } else {
            wake.signal();
        }
    }

    private Row row(ResultSet rs, boolean full) throws SQLException {
        MessageView view = new MessageView(rs.getObject("id", UUID.class),
                MessageChannel.valueOf(rs.getString("channel")), rs.getString("kind"),
                rs.getObject("account_id", UUID.class), rs.getObject("target_id", UUID.class),
                MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
                (Integer) rs.getObject("last_status_code"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")), rs.getString("sender"), rs.getString("reply_to"),
                strings(rs.getArray("recipients")), rs.getString("subject"), rs.getString("locale"),
                strings(rs.getArray("attachment_names")), full ? rs.getString("text_body") : null,
                full ? rs.getString("html_body") : null, false);
        JsonNode data = full ? json.readTree(rs.getString("data")) : null;
        return new Row(rs.getLong("seq"), rs.getString("path"), view, data);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private record Row(long seq, String path, MessageView view, JsonNode data) {
    }
}
