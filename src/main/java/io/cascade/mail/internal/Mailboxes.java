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
import java.util.Optional;
import java.util.UUID;

/** The mailbox table, read together with the service user's login it belongs to (identity's view). */
@Repository
public class Mailboxes {
    private static final String SELECT = """
            SELECT u.id, m.account_id, u.name, u.email, u.status, m.address, m.quota_mb, m.state, m.subscription_id,
                   m.service_id, m.created_at, m.removed_at, m.account_path, m.version
            FROM mailbox m JOIN identity_service_users u ON u.id = m.id""";
    /** A row of {@code address, quota_mb, state, subscription_id, service_id} of the mailbox table. */
    private static final RowMapper<ServiceUserView.Mailbox> MAILBOX = (rs, n) -> new ServiceUserView.Mailbox(
            rs.getString("address"), rs.getInt("quota_mb"), MailboxState.valueOf(rs.getString("state")),
            rs.getObject("subscription_id", UUID.class), rs.getObject("service_id", UUID.class));
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
        return jdbc.sql("SELECT count(*) FROM mailbox WHERE lower(address) = lower(:address) AND state <> 'REMOVED'")
                .param("address", address).query(Long.class).single() > 0;
    }

    public void insert(UUID userId, UUID accountId, String accountPath, MailSubscription subscription, String address,
                       int quotaMb, Instant now) {
        jdbc.sql("""
                        INSERT INTO mailbox (id, account_id, account_path, subscription_id, service_id, address,
                                             quota_mb, state, created_at, updated_at)
                        VALUES (:id, :account, :path, :subscription, :service, :address, :quota, 'PENDING', :now,
                                :now)""")
                .param("id", userId).param("account", accountId).param("path", accountPath)
                .param("subscription", subscription.subscriptionId()).param("service", subscription.serviceId())
                .param("address", address).param("quota", quotaMb).param("now", Timestamp.from(now)).update();
    }

    /** Records the removal (the mailbox's state follows when the mail adapter deprovisions it). */
    public void markRemoved(UUID userId, Instant now) {
        jdbc.sql("UPDATE mailbox SET removed_at = :now, version = version + 1, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", userId).update();
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

    /** Moves the mailbox (or all of a subscription's) from one state to another; answers how many moved. */
    int move(String column, UUID id, List<MailboxState> from, MailboxState to) {
        return jdbc.sql("UPDATE mailbox SET state = :to, version = version + 1, updated_at = now() WHERE "
                        + ("subscription_id".equals(column) ? "subscription_id" : "id")
                        + " = :id AND state = ANY(:from)")
                .param("to", to.name()).param("id", id)
                .param("from", from.stream().map(MailboxState::name).toArray(String[]::new)).update();
    }

    /** The mailboxes of one user (for /api/v1/me). */
    public List<ServiceUserView.Mailbox> ofUser(UUID userId) {
        return jdbc.sql("""
                        SELECT address, quota_mb, state, subscription_id, service_id FROM mailbox
                        WHERE id = :id AND state <> 'REMOVED'""")
                .param("id", userId)
                .query(MAILBOX)
                .list();
    }
}
