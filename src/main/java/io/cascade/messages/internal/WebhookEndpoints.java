package io.cascade.messages.internal;

import io.cascade.messages.api.NewWebhookEndpoint;
import io.cascade.messages.api.WebhookEndpointUpdate;
import io.cascade.messages.api.WebhookEndpointView;
import io.cascade.accounts.api.ScopedAccount;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The table {@code webhook_endpoint}: integrators' endpoints, their secrets and their health. */
@Repository
class WebhookEndpoints {
    private static final String COLUMNS = """
            id, account_id, account_path, url, description, event_types, enabled, disabled_reason, disabled_at,
            failing_since, created_at, updated_at, version""";
    private static final RowMapper<WebhookEndpointView> VIEW = (rs, n) -> new WebhookEndpointView(
            rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("url"),
            rs.getString("description"), List.of((String[]) rs.getArray("event_types").getArray()),
            rs.getBoolean("enabled"), rs.getString("disabled_reason"), instant(rs.getTimestamp("disabled_at")),
            instant(rs.getTimestamp("failing_since")), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(), rs.getString("account_path"), rs.getLong("version"), null);

    /** What a delivery needs: where to, the signing keys, whether it still takes deliveries. */
    record Target(UUID id, UUID accountId, String url, String secret, String previousSecret,
                  Instant previousSecretUntil, boolean enabled, Instant failingSince) {
    }

    /** An enabled endpoint listening to an event of {@code subjectAccountId} (its own account or one above). */
    record Listener(UUID endpointId, UUID endpointAccountId, UUID subjectAccountId) {
    }

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, ScopedAccount account, NewWebhookEndpoint request, List<String> eventTypes, String secret,
                Instant now) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoint (id, account_id, account_path, url, description, event_types,
                                                      secret, enabled, created_at, updated_at)
                        VALUES (:id, :account, :path, :url, :description, :types, :secret, :enabled, :now, :now)""")
                .param("id", id).param("account", account.id()).param("path", account.path())
                .param("url", request.url()).param("description", request.description())
                .param("types", eventTypes.toArray(String[]::new)).param("secret", secret)
                .param("enabled", !Boolean.FALSE.equals(request.enabled())).param("now", Timestamp.from(now))
                .update();
    }

    Optional<WebhookEndpointView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id").param("id", id)
                .query(VIEW).optional();
    }

    /** An account's endpoints in creation order, after the cursor {@code (createdAt, id)}. */
    List<WebhookEndpointView> ofAccount(UUID accountId, Instant afterCreatedAt, UUID afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM webhook_endpoint WHERE account_id = :account
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) > (:afterAt, CAST(:afterId AS uuid)))
                        ORDER BY created_at, id LIMIT :limit""")
                .param("account", accountId)
                .param("afterAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
                .param("afterId", afterId).param("limit", limit)
                .query(VIEW).list();
    }

    /** Applies a change if the version still matches; enabling clears the reason and the failure window. */
    boolean update(UUID id, long version, WebhookEndpointUpdate changed, List<String> eventTypes, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_endpoint SET url = :url, description = :description, event_types = :types,
                               disabled_reason = CASE WHEN :enabled THEN NULL
                                                      WHEN enabled THEN 'Disabled by a person.' ELSE disabled_reason END,
                               disabled_at = CASE WHEN :enabled THEN NULL WHEN enabled THEN :now ELSE disabled_at END,
                               failing_since = CASE WHEN :enabled AND NOT enabled THEN NULL ELSE failing_since END,
                               enabled = :enabled, version = version + 1, updated_at = :now
                        WHERE id = :id AND version = :version""")
                .param("id", id).param("version", version).param("url", changed.url())
                .param("description", changed.description()).param("types", eventTypes.toArray(String[]::new))
                .param("enabled", changed.enabled()).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** A new secret; the old one keeps signing alongside until {@code previousUntil}. */
    void rotate(UUID id, String secret, Instant previousUntil, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_endpoint SET previous_secret = secret, previous_secret_until = :until,
                               secret = :secret, version = version + 1, updated_at = :now
                        WHERE id = :id""")
                .param("id", id).param("secret", secret).param("until", Timestamp.from(previousUntil))
                .param("now", Timestamp.from(now)).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM webhook_endpoint WHERE id = :id").param("id", id).update();
    }

    /**
     * The enabled endpoints that listen to {@code eventType} and see events of these accounts: those of each
     * account and of every account above it (by the owner's path, a range condition per endpoint). One statement.
     */
    List<Listener> listening(String eventType, Collection<UUID> subjectAccounts) {
        if (subjectAccounts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT e.id AS endpoint_id, e.account_id AS endpoint_account_id, a.id AS subject_account_id
                        FROM webhook_endpoint e
                        JOIN account_tree a ON a.id = ANY(:accounts)
                             AND a.path >= e.account_path AND a.path < e.account_path || '~'
                        WHERE e.enabled AND e.event_types @> ARRAY[CAST(:type AS text)]
                        ORDER BY e.id""")
                .param("accounts", subjectAccounts.stream().distinct().toArray(UUID[]::new))
                .param("type", eventType)
                .query((rs, n) -> new Listener(rs.getObject("endpoint_id", UUID.class),
                        rs.getObject("endpoint_account_id", UUID.class),
                        rs.getObject("subject_account_id", UUID.class)))
                .list();
    }

    /** Whether any enabled endpoint listens to one of these types at all (the cheap first check of a bulk event). */
    boolean anyListening(Collection<String> eventTypes) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM webhook_endpoint
                                       WHERE enabled AND event_types && CAST(:types AS text[]))""")
                .param("types", eventTypes.toArray(String[]::new))
                .query(Boolean.class).single();
    }

    Map<UUID, Target> targets(Collection<UUID> ids) {
        Map<UUID, Target> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT id, account_id, url, secret, previous_secret, previous_secret_until, enabled,
                               failing_since
                        FROM webhook_endpoint WHERE id = ANY(:ids)""")
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    result.put(id, new Target(id, rs.getObject("account_id", UUID.class), rs.getString("url"),
                            rs.getString("secret"), rs.getString("previous_secret"),
                            instant(rs.getTimestamp("previous_secret_until")), rs.getBoolean("enabled"),
                            instant(rs.getTimestamp("failing_since"))));
                });
        return result;
    }

    /** A delivery reached these endpoints: their failure window closes. */
    void succeeded(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ANY(:ids) AND failing_since IS NOT NULL")
                    .param("ids", ids.stream().distinct().toArray(UUID[]::new)).update();
        }
    }

    /** A delivery failed at these endpoints: their failure window opens now unless it is open already. */
    void failed(Collection<UUID> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE webhook_endpoint SET failing_since = :now WHERE id = ANY(:ids) AND failing_since IS NULL")
                    .param("ids", ids.stream().distinct().toArray(UUID[]::new)).param("now", Timestamp.from(now))
                    .update();
        }
    }

    /**
     * Disables the enabled endpoints among these whose failure window opened at or before {@code openedBefore};
     * answers those it disabled (each exactly once, even when two nodes try at the same time).
     */
    List<WebhookEndpointView> disableFailing(Collection<UUID> ids, Instant openedBefore, String reason, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE webhook_endpoint SET enabled = false, disabled_reason = :reason, disabled_at = :now,
                               version = version + 1, updated_at = :now
                        WHERE id = ANY(:ids) AND enabled AND failing_since <= :openedBefore
                        RETURNING\s""" + COLUMNS)
                .param("ids", ids.stream().distinct().toArray(UUID[]::new)).param("reason", reason)
                .param("openedBefore", Timestamp.from(openedBefore)).param("now", Timestamp.from(now))
                .query(VIEW).list();
    }

    /** Disables one endpoint now (its URL answered 410 Gone); true when it was enabled. */
    Optional<WebhookEndpointView> disable(UUID id, String reason, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_endpoint SET enabled = false, disabled_reason = :reason, disabled_at = :now,
                               version = version + 1, updated_at = :now
                        WHERE id = :id AND enabled
                        RETURNING\s""" + COLUMNS)
                .param("id", id).param("reason", reason).param("now", Timestamp.from(now))
                .query(VIEW).optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
