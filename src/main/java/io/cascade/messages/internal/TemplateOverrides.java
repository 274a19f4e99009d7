package io.cascade.messages.internal;

import io.cascade.messages.api.MailTemplateParts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Issuers' overrides of the default templates: table {@code mail_template_override}, one row per issuer, kind and
 * language. A row whose parts are all null is no override (kept after a reset, so that its version only counts up).
 */
@Repository
class TemplateOverrides {
    /** An issuer's row: its parts (null: the default's) and version. */
    record Row(MailTemplateParts parts, long version) {
        boolean overrides() {
            return !parts.isEmpty();
        }
    }

    private final JdbcClient jdbc;

    TemplateOverrides(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(UUID issuerId, String kind, String language) {
        return jdbc.sql("""
                        SELECT subject, text_body, html_body, version FROM mail_template_override
                        WHERE issuer_id = :issuer AND kind = :kind AND language = :language""")
                .param("issuer", issuerId).param("kind", kind).param("language", language)
                .query((rs, n) -> new Row(new MailTemplateParts(rs.getString("subject"), rs.getString("text_body"),
                        rs.getString("html_body")), rs.getLong("version")))
                .optional();
    }

    /** The kind and language pairs ({@code kind + "/" + language}) the issuer overrides. */
    Set<String> overridden(UUID issuerId) {
        return jdbc.sql("""
                        SELECT kind, language FROM mail_template_override
                        WHERE issuer_id = :issuer
                          AND (subject IS NOT NULL OR text_body IS NOT NULL OR html_body IS NOT NULL)""")
                .param("issuer", issuerId)
                .query((rs, n) -> rs.getString("kind") + "/" + rs.getString("language"))
                .list().stream().collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Locks the issuer's row of this kind and language until the transaction ends (creating an empty one when
     * missing), so that a check of its version holds until {@link #write}; returns that version.
     */
    long lock(UUID issuerId, String kind, String language, Instant now) {
        jdbc.sql("""
                        INSERT INTO mail_template_override (issuer_id, kind, language, updated_at)
                        VALUES (:issuer, :kind, :language, :now) ON CONFLICT DO NOTHING""")
                .params(Map.of("issuer", issuerId, "kind", kind, "language", language, "now", Timestamp.from(now)))
                .update();
        return jdbc.sql("""
                        SELECT version FROM mail_template_override
                        WHERE issuer_id = :issuer AND kind = :kind AND language = :language FOR UPDATE""")
                .param("issuer", issuerId).param("kind", kind).param("language", language)
                .query(Long.class).single();
    }

    /** Replaces the parts (all null: no override) and counts the version up; the row must be {@link #lock}ed. */
    long write(UUID issuerId, String kind, String language, MailTemplateParts parts, Instant now) {
        return jdbc.sql("""
                        UPDATE mail_template_override
                        SET subject = :subject, text_body = :text, html_body = :html, updated_at = :now,
                            version = version + 1
                        WHERE issuer_id = :issuer AND kind = :kind AND language = :language
                        RETURNING version""")
                .param("subject", parts.subject()).param("text", parts.text()).param("html", parts.html())
                .param("now", Timestamp.from(now)).param("issuer", issuerId).param("kind", kind)
                .param("language", language)
                .query(Long.class).single();
    }
}
