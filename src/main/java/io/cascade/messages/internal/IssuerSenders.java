package io.cascade.messages.internal;

import io.cascade.messages.api.MailSender;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issuers' own sender addresses: table {@code mail_sender}. A row without an e-mail is no sender (kept after a
 * reset, so that its version only counts up).
 */
@Repository
class IssuerSenders {
    /** An issuer's row: its sender (null: none configured) and version. */
    record Row(MailSender sender, long version) {
    }

    private final JdbcClient jdbc;

    IssuerSenders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(UUID accountId) {
        return jdbc.sql("SELECT email, name, version FROM mail_sender WHERE account_id = :id")
                .param("id", accountId)
                .query((rs, n) -> new Row(rs.getString("email") == null ? null
                        : new MailSender(rs.getString("email"), rs.getString("name")), rs.getLong("version")))
                .optional();
    }

    /** Locks the issuer's row (creating an empty one when missing) until the transaction ends; returns its version. */
    long lock(UUID accountId, Instant now) {
        jdbc.sql("INSERT INTO mail_sender (account_id, updated_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
                .param("id", accountId).param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT version FROM mail_sender WHERE account_id = :id FOR UPDATE")
                .param("id", accountId).query(Long.class).single();
    }

    /** Sets the sender (null: none) and counts the version up; the row must be {@link #lock}ed. */
    long write(UUID accountId, MailSender sender, Instant now) {
        return jdbc.sql("""
                        UPDATE mail_sender SET email = :email, name = :name, updated_at = :now, version = version + 1
                        WHERE account_id = :id RETURNING version""")
                .param("email", sender == null ? null : sender.email())
                .param("name", sender == null ? null : sender.name())
                .param("now", Timestamp.from(now)).param("id", accountId)
                .query(Long.class).single();
    }
}
