package io.cascade.storefront.internal;

import io.cascade.storefront.api.ApprovalMode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code storefront} table: one row per vendor that saved its storefront settings. */
@Repository
public class StorefrontStore {
    private static final String COLUMNS = "account_id, account_path, slug, enabled, title, intro, approval, "
            + "shown_plans, form_secret, version, updated_at";
    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("account_id", UUID.class),
            rs.getString("account_path"), rs.getString("slug"), rs.getBoolean("enabled"), rs.getString("title"),
            rs.getString("intro"), ApprovalMode.valueOf(rs.getString("approval")), uuids(rs.getArray("shown_plans")),
            rs.getBytes("form_secret"), rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A storefront row; {@code shownPlans} null: every published end-customer plan. */
    public record Row(UUID accountId, String accountPath, String slug, boolean enabled, String title, String intro,
                      ApprovalMode approval, List<UUID> shownPlans, byte[] formSecret, long version,
                      Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    StorefrontStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> find(UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storefront WHERE account_id = :id").param("id", accountId)
                .query(ROW).optional();
    }

    public Optional<Row> bySlug(String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storefront WHERE slug = :slug").param("slug", slug)
                .query(ROW).optional();
    }

    public boolean slugTaken(String slug, UUID exceptAccount) {
        return jdbc.sql("SELECT count(*) FROM storefront WHERE slug = :slug AND account_id <> :id")
                .param("slug", slug).param("id", exceptAccount).query(Long.class).single() > 0;
    }

    /** Inserts the first settings of a vendor; false when another request inserted them first. */
    public boolean insert(UUID accountId, String accountPath, String slug, boolean enabled, String title,
                          String intro, ApprovalMode approval, List<UUID> shownPlans, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return jdbc.sql("""
                        INSERT INTO storefront (account_id, account_path, slug, enabled, title, intro, approval,
                                                shown_plans, form_secret, version, updated_at)
                        VALUES (:id, :path, :slug, :enabled, :title, :intro, :approval, :shown, :secret, 1, :now)
                        ON CONFLICT (account_id) DO NOTHING""")
                .param("id", accountId).param("path", accountPath).param("slug", slug).param("enabled", enabled)
                .param("title", title).param("intro", intro).param("approval", approval.name())
                .param("shown", shownPlans == null ? null : shownPlans.toArray(UUID[]::new))
                .param("secret", secret).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Changes the settings if the version still matches. */
    public boolean update(UUID accountId, long version, String slug, boolean enabled, String title, String intro,
                          ApprovalMode approval, List<UUID> shownPlans, Instant now) {
        return jdbc.sql("""
                        UPDATE storefront SET slug = :slug, enabled = :enabled, title = :title, intro = :intro,
                               approval = :approval, shown_plans = :shown, version = version + 1, updated_at = :now
                        WHERE account_id = :id AND version = :version""")
                .param("id", accountId).param("version", version).param("slug", slug).param("enabled", enabled)
                .param("title", title).param("intro", intro).param("approval", approval.name())
                .param("shown", shownPlans == null ? null : shownPlans.toArray(UUID[]::new))
                .param("now", Timestamp.from(now)).update() == 1;
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        return Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
    }
}
