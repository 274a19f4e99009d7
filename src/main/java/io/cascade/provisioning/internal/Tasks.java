package io.cascade.provisioning.internal;

import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.TaskStatus;
import org.springframework.jdbc.core.RowMapper;
import io.cascade.accounts.api.Subtree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The provisioning_task table. */
@Repository
public class Tasks {
    static final String COLUMNS = """
            id, account_id, service_id, adapter, operation, subject_type, subject_id, subscription_id, status,
            attempts, max_attempts, last_error, next_attempt_at, awaiting_callback, external_ref, payload::text AS payload,
            created_at, updated_at, finished_at, node_id, node_wait, awaiting_staff, account_path, version, lease_token""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<Row> rowMapper;

    Tasks(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        // a task with its lease token, from a row of COLUMNS (or the claim's RETURNING list, the same columns)
        this.rowMapper = (rs, n) -> new Row(new ProvisioningTaskView(rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class), rs.getObject("service_id", UUID.class),
                rs.getString("adapter"), Operation.valueOf(rs.getString("operation")), rs.getString("subject_type"),
                rs.getObject("subject_id", UUID.class), rs.getObject("subscription_id", UUID.class),
                TaskStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                rs.getString("last_error"), instant(rs.getTimestamp("next_attempt_at")),
                rs.getBoolean("awaiting_callback"), rs.getString("external_ref"), map(rs.getString("payload")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("finished_at")), rs.getObject("node_id", UUID.class),
                rs.getBoolean("node_wait"), rs.getBoolean("awaiting_staff"), rs.getString("account_path"),
                rs.getLong("version")),
                rs.getObject("lease_token", UUID.class));
    }

    /** A task with the lease token of its current claim (null when not claimed). */
    public record Row(ProvisioningTaskView task, UUID leaseToken) {
    }

    /** One task to insert. */
    record Insert(UUID id, UUID accountId, String accountPath, UUID serviceId, String adapter, Operation operation,
                  String subjectType, UUID subjectId, UUID subscriptionId, Map<String, Object> payload,
                  TaskStatus status, int attempts, int maxAttempts, String lastError, UUID requestedBy,
                  UUID nodeId, boolean awaitingStaff) {
    }

    /** Inserts tasks as one batch (a suspension cascade may ask for many). */
    void insertAll(List<Insert> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        int size = tasks.size();
        UUID[] ids = new UUID[size], accounts = new UUID[size], services = new UUID[size], subjects = new UUID[size],
                subscriptions = new UUID[size], requestedBy = new UUID[size], nodes = new UUID[size];
        String[] paths = new String[size], adapters = new String[size], operations = new String[size],
                subjectTypes = new String[size], payloads = new String[size], statuses = new String[size],
                errors = new String[size];
        Integer[] attempts = new Integer[size], maxAttempts = new Integer[size];
        Boolean[] byHand = new Boolean[size];
        for (int i = 0; i < size; i++) {
            Insert t = tasks.get(i);
            ids[i] = t.id();
            accounts[i] = t.accountId();
            paths[i] = t.accountPath();
            services[i] = t.serviceId();
            adapters[i] = t.adapter();
            operations[i] = t.operation().name();
            subjectTypes[i] = t.subjectType();
            subjects[i] = t.subjectId();
            subscriptions[i] = t.subscriptionId();
            payloads[i] = json.writeValueAsString(t.payload());
            statuses[i] = t.status().name();
            attempts[i] = t.attempts();
            maxAttempts[i] = t.maxAttempts();
            errors[i] = t.lastError();
            requestedBy[i] = t.requestedBy();
            nodes[i] = t.nodeId();
            byHand[i] = t.awaitingStaff();
        }
        jdbc.sql("""
                        INSERT INTO provisioning_task (id, account_id, account_path, service_id, adapter, operation,
                               subject_type, subject_id, subscription_id, payload, status, attempts, max_attempts,
                               last_error, next_attempt_at, requested_by, created_at, updated_at, finished_at,
                               node_id, awaiting_staff)
                        SELECT t.id, t.account, t.path, t.service, t.adapter, t.operation, t.subject_type, t.subject,
                               t.subscription, CAST(t.payload AS jsonb), t.status, t.attempts, t.max_attempts,
                               t.error, :now, t.requested_by, :now, :now,
                               CASE WHEN t.status IN ('DONE', 'FAILED') THEN CAST(:now AS timestamptz) END, t.node,
                               t.by_hand
                        FROM unnest(:ids, :accounts, :paths, :services, :adapters, :operations, :subjectTypes,
                                    :subjects, :subscriptions, :payloads, :statuses, :attempts, :maxAttempts,
                                    :errors, :requestedBy, :nodes, :byHand)
                             AS t(id, account, path, service, adapter, operation, subject_type, subject,
                                  subscription, payload, status, attempts, max_attempts, error, requested_by, node,
                                  by_hand)""")
                .param("ids", ids).param("accounts", accounts).param("paths", paths).param("services", services)
                .param("adapters", adapters).param("operations", operations).param("subjectTypes", subjectTypes)
                .param("subjects", subjects).param("subscriptions", subscriptions).param("payloads", payloads)
                .param("statuses", statuses).param("attempts", attempts).param("maxAttempts", maxAttempts)
                .param("errors", errors).param("requestedBy", requestedBy).param("nodes", nodes)
                .param("byHand", byHand).param("now", at)
                .update();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provisioning_task WHERE id = :id").param("id", id)
                .query(rowMapper).optional();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provisioning_task WHERE id = :id FOR UPDATE").param("id", id)
                .query(rowMapper).optional();
    }

    /** An account's tasks, newest first, keyset-paged on (created_at, id). */
    public List<Row> ofAccount(UUID accountId, TaskStatus status, UUID subscriptionId, Instant beforeAt, UUID beforeId,
                        int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM provisioning_task WHERE account_id = :account
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:subscription AS uuid) IS NULL OR subscription_id = :subscription)
                          AND (CAST(:beforeAt AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid)))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("account", accountId).param("status", status == null ? null : status.name())
                .param("subscription", subscriptionId)
                .param("beforeAt", beforeAt == null ? null : Timestamp.from(beforeAt)).param("beforeId", beforeId)
                .param("limit", limit).query(rowMapper).list();
    }

    /**
     * The tasks of a status in the subtree, newest first, keyset-paged on (created_at, id). One query over the partial
     * index of that status.
     */
    public List<Row> inSubtree(Subtree subtree, TaskStatus status, Instant beforeAt, UUID beforeId, int limit) {
        if (subtree.empty()) {
            return List.of();
        }
        Subtree.Condition scoped = subtree.within("account_path");
        return scoped.bind(jdbc.sql("SELECT " + COLUMNS + " FROM provisioning_task WHERE status = :status AND "
                        + scoped.sql() + """
                         AND (CAST(:beforeAt AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid)))
                        ORDER BY created_at DESC, id DESC LIMIT :limit"""))
                .param("status", status.name())
                .param("beforeAt", beforeAt == null ? null : Timestamp.from(beforeAt)).param("beforeId", beforeId)
                .param("limit", limit).query(rowMapper).list();
    }

    /**
     * Starts an attempt of a task whose job fires: a PENDING task, or a RUNNING one (the node running its attempt died,
     * or the remote system never called back), unless an earlier task of the same subject is still open, so that a
     * subject's operations run in order. A to-do left to the vendor's staff (another service's stop in a bundle) holds
     * up nothing. Sets RUNNING, counts the attempt and writes a new lease token, which the
     * attempt's outcome must carry. Empty when the task is not to run now.
     */
    Optional<Row> start(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE provisioning_task t
                        SET status = 'RUNNING', attempts = t.attempts + 1, lease_token = gen_random_uuid(),
                            awaiting_callback = false, node_wait = false, updated_at = :now, version = t.version + 1,
                            last_error = CASE WHEN t.status = 'RUNNING' THEN
                                CASE WHEN t.awaiting_callback THEN 'No completion callback arrived in time.'
                                     ELSE 'The node running this attempt stopped before it finished.' END
                                ELSE t.last_error END
                        WHERE t.id = :id AND t.status IN ('PENDING', 'RUNNING')
                          AND NOT EXISTS (SELECT 1 FROM provisioning_task e
                                          WHERE e.subject_id = t.subject_id AND e.seq < t.seq
                                            AND e.status IN ('PENDING', 'RUNNING') AND NOT e.awaiting_staff)
                        RETURNING t.id, t.account_id, t.service_id, t.adapter, t.operation, t.subject_type,
                                  t.subject_id, t.subscription_id, t.status, t.attempts, t.max_attempts, t.last_error,
                                  t.next_attempt_at, t.awaiting_callback, t.external_ref, t.payload::text AS payload,
                                  t.created_at, t.updated_at, t.finished_at, t.node_id, t.node_wait, t.awaiting_staff,
                                  t.account_path, t.version, t.lease_token""")
                .param("now", Timestamp.from(now)).param("id", id).query(rowMapper).optional();
    }

    /** The next task of a subject still waiting for its first attempt, after {@code after} ended. */
    Optional<UUID> nextOfSubject(UUID subjectId, UUID after) {
        if (subjectId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id FROM provisioning_task
                        WHERE subject_id = :subject AND id <> :after AND status = 'PENDING' AND attempts = 0
                        ORDER BY seq LIMIT 1""")
                .param("subject", subjectId).param("after", after).query(UUID.class).optional();
    }

    /** Ends a started attempt; false when the attempt is no longer current (a later one started, or a callback ended it). */
    boolean finish(UUID id, UUID leaseToken, TaskStatus status, String error, String externalRef, Instant now) {
        return jdbc.sql("""
                        UPDATE provisioning_task SET status = :status, last_error = COALESCE(:error, last_error),
                               external_ref = COALESCE(:ref, external_ref), lease_token = NULL,
                               awaiting_callback = false, finished_at = :now, updated_at = :now,
                               version = version + 1
                        WHERE id = :id AND lease_token = :lease AND status = 'RUNNING'""")
                .param("status", status.name()).param("error", error).param("ref", externalRef)
                .param("now", Timestamp.from(now)).param("id", id).param("lease", leaseToken).update() == 1;
    }

    /** A task left to a person is done: its staff marked it so. False when it is not (or no longer) waiting for them. */
    boolean completeByHand(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE provisioning_task SET status = 'DONE', awaiting_staff = false, attempts = 1,
                               finished_at = :now, updated_at = :now, version = version + 1
                        WHERE id = :id AND status = 'RUNNING' AND awaiting_staff""")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    /** A transient failure: PENDING again from {@code nextAttempt}. */
    boolean retryLater(UUID id, UUID leaseToken, String error, Instant nextAttempt, Instant now) {
        return jdbc.sql("""
                        UPDATE provisioning_task SET status = 'PENDING', last_error = :error,
                               next_attempt_at = :next, lease_token = NULL,
                               awaiting_callback = false, updated_at = :now, version = version + 1
                        WHERE id = :id AND lease_token = :lease AND status = 'RUNNING'""")
                .param("error", error).param("next", Timestamp.from(nextAttempt)).param("now", Timestamp.from(now))
                .param("id", id).param("lease", leaseToken).update() == 1;
    }

    /** The remote accepted: the task waits for its callback (its job fires again after the callback timeout). */
    boolean awaitCallback(UUID id, UUID leaseToken, String externalRef, Instant now) {
        return jdbc.sql("""
                        UPDATE provisioning_task SET awaiting_callback = true,
                               external_ref = COALESCE(:ref, external_ref), updated_at = :now, version = version + 1
                        WHERE id = :id AND lease_token = :lease AND status = 'RUNNING'""")
                .param("ref", externalRef).param("now", Timestamp.from(now))
                .param("id", id).param("lease", leaseToken).update() == 1;
    }

    /** A FAILED task (or a PENDING one waiting for its back-off) to run as soon as possible, with fresh attempts. */
    void requeue(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE provisioning_task SET status = 'PENDING', attempts = 0, next_attempt_at = :now,
                               finished_at = NULL, updated_at = :now, version = version + 1
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /**
     * Ends a FAILED or PENDING task as CANCELLED (a MOVE the provider's staff gave up, ADR 0040); false when it is in
     * another status by now. Its job, if one is scheduled, finds it ended and stops.
     */
    boolean cancel(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE provisioning_task SET status = 'CANCELLED', node_wait = false, lease_token = NULL,
                               finished_at = :now, updated_at = :now, version = version + 1
                        WHERE id = :id AND status IN ('PENDING', 'FAILED')""")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    /** A PENDING task waits for its node to come back from DOWN (shown on the task; no attempt is used). */
    void waitForNode(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE provisioning_task SET node_wait = true, updated_at = :now, version = version + 1
                        WHERE id = :id AND status = 'PENDING' AND NOT node_wait""")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** The PENDING tasks of a node, to wake when it is back. */
    List<UUID> pendingOnNode(UUID nodeId) {
        return jdbc.sql("SELECT id FROM provisioning_task WHERE node_id = :node AND status = 'PENDING' ORDER BY seq")
                .param("node", nodeId).query(UUID.class).list();
    }

    /** True when every PROVISION task of the subscription is DONE (and there is at least one). */
    public boolean provisioned(UUID subscriptionId) {
        return jdbc.sql("""
                        SELECT count(*) > 0 AND bool_and(status = 'DONE') FROM provisioning_task
                        WHERE subscription_id = :id AND subject_type = 'SUBSCRIPTION' AND operation = 'PROVISION'""")
                .param("id", subscriptionId).query(Boolean.class).single();
    }

    private Map<String, Object> map(String text) {
        return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, Object>>() {
        });
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
