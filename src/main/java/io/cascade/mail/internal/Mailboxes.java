package io.cascade.mail.internal;

import io.cascade.identity.api.UserStatus;
import io.cascade.mail.api.MailboxState;
import io.cascade.mail.api.ServiceUserView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The mailbox table, read together with the service user's login it belongs to (identity's view). */
@Repository
public class Mailboxes {
    /** The mailbox's aliases, by address (as the column {@code aliases} of a query on {@code mailbox m}). */
    private static final String ALIASES = """
            ARRAY(SELECT al.address FROM mailbox_alias al WHERE al.mailbox_id = m.id
                  ORDER BY lower(al.address)) AS aliases""";
    private static final String SELECT = """
            SELECT u.id, m.account_id, u.name, u.email, u.status, m.address, m.quota_mb, m.state, m.subscription_id,
                   m.service_id, m.created_at, m.removed_at, m.account_path, m.version, m.forward_to, m.keep_copy,
                   """ + ALIASES + """

            FROM mailbox m JOIN identity_service_users u ON u.id = m.id""";
    /**
     * A row of {@code address, quota_mb, state, subscription_id, service_id, aliases, forward_to, keep_copy} of the
     * mailbox table.
     */
    private static final RowMapper<ServiceUserView.Mailbox> MAILBOX = (rs, n) -> new ServiceUserView.Mailbox(
            rs.getString("address"), rs.getInt("quota_mb"), MailboxState.valueOf(rs.getString("state")),
            rs.getObject("subscription_id", UUID.class), rs.getObject("service_id", UUID.class),
            texts(rs.getArray("aliases")), texts(rs.getArray("forward_to")), rs.getBoolean("keep_copy"));
    private static final RowMapper<ServiceUserView> VIEW = (rs, n) -> new ServiceUserView(
            rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("name"),
            rs.getString("email"), UserStatus.valueOf(rs.getString("status")), MAILBOX.mapRow(rs, n),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("removed_at") == null ? null : rs.getTimestamp("removed_at").toInstant(),
            rs.getString("account_path"), rs.getLong("version"), null);

    private final JdbcClient jdbc;

    Mailboxes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's active own-use subscription to a service of the {@code mail} adapter (the oldest one). */
    public record MailSubscription(UUID subscriptionId, UUID serviceId, String mailboxResourceType) {
    }

    public Optional<MailSubscription> activeMailSubscription(UUID accountId) {
        return jdbc.sql("""
                        SELECT s.id AS subscription_id, rt.service_id,
                               rt.service_config ->> 'mailboxResourceType' AS mailbox_resource_type
                        FROM subscriptions_facts s
                        JOIN catalog_plan_resources pr ON pr.plan_id = s.plan_id
                        JOIN catalog_resource_types rt ON rt.id = pr.resource_type_id
                        WHERE s.account_id = :account AND s.purpose = 'OWN_USE' AND s.status = 'ACTIVE'
                          AND rt.service_adapter = 'mail' AND rt.code = rt.service_config ->> 'mailboxResourceType'
                        ORDER BY s.created_at, s.id LIMIT 1""")
                .param("account", accountId)
                .query(MailSubscription.class)
                .optional();
    }

    /** Live mailboxes counted against a subscription; call it under the subscription's row lock. */
    public long liveOn(UUID subscriptionId) {
        return jdbc.sql("SELECT count(*) FROM mailbox WHERE subscription_id = :id AND state <> 'REMOVED'")
                .param("id", subscriptionId).query(Long.class).single();
    }

    public boolean addressTaken(String address) {
        return !addressesTaken(List.of(address), null).isEmpty();
    }

    /**
     * Which of these addresses (lower case) are a live mailbox's address or any mailbox's alias, other than the
     * aliases of {@code except} (a mailbox keeping its own aliases). Call it under {@link #lockAddresses}.
     */
    public List<String> addressesTaken(List<String> addresses, UUID except) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        String[] wanted = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return jdbc.sql("""
                        SELECT lower(address) FROM mailbox
                        WHERE lower(address) = ANY(CAST(:wanted AS text[])) AND state <> 'REMOVED'
                        UNION
                        SELECT lower(address) FROM mailbox_alias
                        WHERE lower(address) = ANY(CAST(:wanted AS text[]))
                          AND (CAST(:except AS uuid) IS NULL OR mailbox_id <> CAST(:except AS uuid))""")
                .param("wanted", wanted).param("except", except).query(String.class).list();
    }

    /** Serializes the taking of mail addresses (new mailboxes, new aliases) for the rest of the transaction. */
    public void lockAddresses() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('mail-addresses', 4242019))")
                .query(Object.class).single();
    }

    /** The mail domains of an account: the domains of its live mailboxes' addresses, in lower case. */
    public List<String> domainsOf(UUID accountId) {
        return jdbc.sql("""
                        SELECT DISTINCT lower(split_part(address, '@', 2)) FROM mailbox
                        WHERE account_id = :account AND state <> 'REMOVED' AND removed_at IS NULL""")
                .param("account", accountId).query(String.class).list();
    }

    /** Replaces what was asked for a mailbox: quota, aliases, forwarding; answers false when it changed meanwhile. */
    public boolean updateSettings(UUID mailboxId, UUID accountId, long version, int quotaMb, List<String> aliases,
                                  List<String> forwardTo, boolean keepCopy, Instant now) {
        int changed = jdbc.sql("""
                        UPDATE mailbox SET quota_mb = :quota, forward_to = CAST(:forward AS text[]),
                               keep_copy = :keep, version = version + 1, updated_at = :now
                        WHERE id = :id AND version = :version""")
                .param("quota", quotaMb).param("forward", forwardTo.toArray(String[]::new)).param("keep", keepCopy)
                .param("now", Timestamp.from(now)).param("id", mailboxId).param("version", version).update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM mailbox_alias WHERE mailbox_id = :id").param("id", mailboxId).update();
        if (!aliases.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO mailbox_alias (mailbox_id, account_id, address)
                            SELECT :id, :account, a FROM unnest(CAST(:aliases AS text[])) AS a""")
                    .param("id", mailboxId).param("account", accountId)
                    .param("aliases", aliases.toArray(String[]::new)).update();
        }
        return true;
    }

    public void insert(UUID userId, UUID accountId, String accountPath, MailSubscription subscription, String address,
                       int quotaMb, Instant now) {
        jdbc.sql("""
                        INSERT INTO mailbox (id, account_id, account_path, subscription_id, service_id, address,
                                             quota_mb, directory_quota_mb, state, created_at, updated_at)
                        VALUES (:id, :account, :path, :subscription, :service, :address, :quota, :quota, 'PENDING',
                                :now, :now)""")
                .param("id", userId).param("account", accountId).param("path", accountPath)
                .param("subscription", subscription.subscriptionId()).param("service", subscription.serviceId())
                .param("address", address).param("quota", quotaMb).param("now", Timestamp.from(now)).update();
    }

    /** Records the removal (the mailbox's state follows when the mail adapter deprovisions it). */
    public void markRemoved(UUID userId, Instant now) {
        jdbc.sql("UPDATE mailbox SET removed_at = :now, version = version + 1, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", userId).update();
        // its aliases are free again; the mail server stops routing them when the mailbox is REMOVED
        jdbc.sql("DELETE FROM mailbox_alias WHERE mailbox_id = :id").param("id", userId).update();
    }

    public Optional<ServiceUserView> find(UUID userId) {
        return jdbc.sql(SELECT + " WHERE m.id = :id").param("id", userId).query(VIEW).optional();
    }

    public List<ServiceUserView> ofAccount(UUID accountId, String afterEmail, int limit) {
        return jdbc.sql(SELECT + """
                         WHERE m.account_id = :account
                          AND (CAST(:after AS text) IS NULL OR lower(u.email) > CAST(:after AS text))
                        ORDER BY lower(u.email) LIMIT :limit""")
                .param("account", accountId).param("after", afterEmail).param("limit", limit).query(VIEW).list();
    }

    // ------------------------------------------------------------------ what the mail adapter does

    /** A new mailbox goes live, or straight to SUSPENDED/REMOVED when its subscription already is. */
    int activate(UUID mailboxId) {
        return jdbc.sql("""
                        UPDATE mailbox m SET state = CASE s.status WHEN 'SUSPENDED' THEN 'SUSPENDED'
                                                                   WHEN 'CANCELLED' THEN 'REMOVED' ELSE 'ACTIVE' END,
                               version = m.version + 1, updated_at = now()
                        FROM subscriptions_facts s
                        WHERE m.id = :id AND s.id = m.subscription_id AND m.state = 'PENDING'""")
                .param("id", mailboxId).update();
    }

    /**
     * Writes what the mail server reads for a mailbox, as its CHANGE task says: its quota and its routes (each alias to
     * the mailbox; the mailbox to each forwarding target, and to itself when it keeps a copy). Idempotent: the routes
     * are replaced as a whole, in one transaction with the quota (the mail server never reads half of it).
     */
    @org.springframework.transaction.annotation.Transactional
    public void applyDirectory(UUID mailboxId, int quotaMb, List<String> aliases, List<String> forwardTo, boolean keepCopy) {
        List<String> sources = new java.util.ArrayList<>();
        List<String> destinations = new java.util.ArrayList<>();
        String address = jdbc.sql("""
                        UPDATE mailbox SET directory_quota_mb = :quota WHERE id = :id AND state <> 'REMOVED'
                        RETURNING address""")
                .param("quota", quotaMb).param("id", mailboxId).query(String.class).optional().orElse(null);
        jdbc.sql("DELETE FROM mail_route WHERE mailbox_id = :id").param("id", mailboxId).update();
        if (address == null) {
            return;
        }
        aliases.forEach(alias -> {
            sources.add(alias);
            destinations.add(address);
        });
        forwardTo.forEach(target -> {
            sources.add(address);
            destinations.add(target);
        });
        if (!forwardTo.isEmpty() && keepCopy) {
            sources.add(address);
            destinations.add(address);
        }
        if (!sources.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO mail_route (mailbox_id, account_id, source, destination)
                            SELECT m.id, m.account_id, r.source, r.destination
                            FROM mailbox m, unnest(CAST(:sources AS text[]), CAST(:destinations AS text[]))
                                 AS r (source, destination)
                            WHERE m.id = :id
                            ON CONFLICT DO NOTHING""")
                    .param("id", mailboxId).param("sources", sources.toArray(String[]::new))
                    .param("destinations", destinations.toArray(String[]::new)).update();
        }
    }

    private static List<String> texts(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** Moves the mailbox (or all of a subscription's) from one state to another; answers how many moved. */
    int move(String column, UUID id, List<MailboxState> from, MailboxState to) {
        return jdbc.sql("UPDATE mailbox SET state = :to, version = version + 1, updated_at = now() WHERE "
                        + ("subscription_id".equals(column) ? "subscription_id" : "id")
                        + " = :id AND state = ANY(:from)")
                .param("to", to.name()).param("id", id)
                .param("from", from.stream().map(MailboxState::name).toArray(String[]::new)).update();
    }

    /**
     * Stops a subscription's mailboxes from receiving because its usage of the resource type reached a HARD limit
     * (ADR 0039): its addresses are refused by {@code mail_recipient_access} and route nothing in {@code mail_aliases},
     * and {@code mail_directory.receiving} is false. Idempotent: a second stop of the same resource type changes nothing.
     */
    int stopReceiving(UUID subscriptionId, UUID accountId, String resourceType, Instant now) {
        return jdbc.sql("""
                        INSERT INTO mail_limit_stop (subscription_id, account_id, resource_type, stopped_at)
                        VALUES (:subscription, :account, :type, :now)
                        ON CONFLICT DO NOTHING""")
                .param("subscription", subscriptionId).param("account", accountId).param("type", resourceType)
                .param("now", Timestamp.from(now)).update();
    }

    /**
     * Lifts one resource type's stop ({@code resourceType}), or every stop of the subscription (null: it was
     * cancelled); its mailboxes receive again once no stop is left. Idempotent.
     */
    int resumeReceiving(UUID subscriptionId, String resourceType) {
        return jdbc.sql("""
                        DELETE FROM mail_limit_stop WHERE subscription_id = :subscription
                          AND (CAST(:type AS text) IS NULL OR resource_type = :type)""")
                .param("subscription", subscriptionId).param("type", resourceType).update();
    }

    /** The mailboxes of one user (for /api/v1/me). */
    public List<ServiceUserView.Mailbox> ofUser(UUID userId) {
        return jdbc.sql("""
                        SELECT address, quota_mb, state, subscription_id, service_id, forward_to, keep_copy,
                               """ + ALIASES + """

                        FROM mailbox m WHERE id = :id AND state <> 'REMOVED'""")
                .param("id", userId)
                .query(MAILBOX)
                .list();
    }
}
