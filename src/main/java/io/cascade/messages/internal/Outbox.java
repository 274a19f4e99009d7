package io.cascade.messages.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The write side of the outbox: queues e-mails and webhook deliveries on the caller's connection, so that they exist
 * exactly when the change that caused them commits (ADR 0025). After the commit it wakes this node's dispatchers; the
 * other nodes find the rows within their poll interval.
 */
@Component
class Outbox {
    private static final String INSERT = """
            INSERT INTO outbox_message (id, channel, kind, account_id, target_id, ordering_key, data, status,
                                        hold_key, next_attempt_at, created_at)
            SELECT id, channel, kind, account_id, target_id, ordering_key, data::jsonb, :status, :hold, :now, :now
              FROM unnest(:ids::uuid[], :channels::text[], :kinds::text[], :accounts::uuid[], :targets::uuid[],
                          :keys::text[], :datas::text[])
                   AS m(id, channel, kind, account_id, target_id, ordering_key, data)
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxWake wake;
    private final Clock clock;

    Outbox(JdbcClient jdbc, JsonMapper json, OutboxWake wake, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.wake = wake;
        this.clock = clock;
    }

    /** Queues one e-mail of the given kind; its composer builds it when it is dispatched. */
    UUID mail(String kind, UUID accountId, Map<String, ?> data) {
        MailDraft draft = new MailDraft(kind, accountId, data);
        return insert(List.of(row(draft))).get(0);
    }

    /** Queues many e-mails in one statement. */
    void mails(List<MailDraft> drafts) {
        mails(drafts, null);
    }

    /**
     * Queues many e-mails in one statement that wait ({@code WAITING}) until {@link OutboxStore#release} releases
     * {@code holdKey} (null: none, they are due at once). A billing run's invoice mails wait for the run's end, so
     * that composing them (each with its PDF) does not take the CPUs the run is using.
     */
    void mails(List<MailDraft> drafts, String holdKey) {
        if (!drafts.isEmpty()) {
            insert(drafts.stream().map(this::row).toList(), holdKey);
        }
    }

    UUID webhook(WebhookDraft draft) {
        return insert(List.of(row(draft))).get(0);
    }

    void webhooks(List<WebhookDraft> drafts) {
        if (!drafts.isEmpty()) {
            insert(drafts.stream().map(this::row).toList());
        }
    }

    private Row row(MailDraft draft) {
        return new Row(UUID.randomUUID(), Channel.MAIL, draft.kind(), draft.accountId(), null, null,
                json.writeValueAsString(draft.data() == null ? Map.of() : draft.data()));
    }

    private Row row(WebhookDraft draft) {
        return new Row(UUID.randomUUID(), Channel.WEBHOOK, draft.eventType(), draft.accountId(),
                draft.endpointId(), draft.orderingKey(), json.writeValueAsString(Map.of("body", draft.body())));
    }

    private List<UUID> insert(List<Row> rows) {
        return insert(rows, null);
    }

    private List<UUID> insert(List<Row> rows, String holdKey) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] channels = new String[n];
        String[] kinds = new String[n];
        UUID[] accounts = new UUID[n];
        UUID[] targets = new UUID[n];
        String[] keys = new String[n];
        String[] datas = new String[n];
        List<UUID> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ids[i] = row.id();
            channels[i] = row.channel().name();
            kinds[i] = row.kind();
            accounts[i] = row.accountId();
            targets[i] = row.targetId();
            keys[i] = row.orderingKey();
            datas[i] = row.data();
            result.add(row.id());
        }
        jdbc.sql(INSERT)
                .param("ids", ids).param("channels", channels).param("kinds", kinds).param("accounts", accounts)
                .param("targets", targets).param("keys", keys).param("datas", datas)
                .param("now", Timestamp.from(clock.instant()))
                .param("status", holdKey == null ? "PENDING" : "WAITING").param("hold", holdKey)
                .update();
        if (holdKey == null) {
            wakeAfterCommit();
        }
        return result;
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

    private record Row(UUID id, Channel channel, String kind, UUID accountId, UUID targetId, String orderingKey,
                       String data) {
    }
}
