package io.cascade.brands.internal;

import io.cascade.brands.api.Brand;
import io.cascade.brands.api.BrandDraft;
import io.cascade.brands.api.Brands;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Vendors' own brands ({@code brand}), their settings ({@code brand_setting}: the version of the brand resource and
 * the fallback choice) and the provider's policy ({@code brand_policy}). A change first {@link #lock}s the vendor's
 * setting row, which serialises changes of one brand and carries its version.
 */
@Repository
class OwnBrands {
    /** A vendor's setting: whether it shows its own name without a brand, and its brand resource's version. */
    record Setting(boolean ownName, long version) {
    }

    private final JdbcClient jdbc;

    OwnBrands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The vendor's own brand, if it has one. */
    Optional<Brand> find(UUID accountId) {
        return jdbc.sql("SELECT " + BrandResolver.COLUMNS + " FROM brand WHERE account_id = :id")
                .param("id", accountId).query(BrandResolver.BRAND).optional();
    }

    Setting setting(UUID accountId) {
        return jdbc.sql("SELECT own_name, version FROM brand_setting WHERE account_id = :id")
                .param("id", accountId)
                .query((rs, n) -> new Setting(rs.getBoolean("own_name"), rs.getLong("version")))
                .optional().orElse(new Setting(false, 0));
    }

    /** Locks the vendor's setting row (creating it when missing) until the transaction ends. */
    Setting lock(UUID accountId, String accountPath, Instant now) {
        jdbc.sql("""
                        INSERT INTO brand_setting (account_id, account_path, updated_at) VALUES (:id, :path, :now)
                        ON CONFLICT DO NOTHING""")
                .param("id", accountId).param("path", accountPath).param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT own_name, version FROM brand_setting WHERE account_id = :id FOR UPDATE")
                .param("id", accountId)
                .query((rs, n) -> new Setting(rs.getBoolean("own_name"), rs.getLong("version")))
                .single();
    }

    /** Counts the brand resource's version up (the setting row must be locked); answers the new version. */
    long touch(UUID accountId, Instant now) {
        long version = jdbc.sql("""
                        UPDATE brand_setting SET version = version + 1, updated_at = :now WHERE account_id = :id
                        RETURNING version""")
                .param("id", accountId).param("now", Timestamp.from(now)).query(Long.class).single();
        jdbc.sql("UPDATE brand SET version = :version WHERE account_id = :id")
                .param("version", version).param("id", accountId).update();
        return version;
    }

    /** Writes the vendor's own brand (the fields of a checked draft); the logo stays. */
    void write(UUID accountId, String accountPath, BrandDraft draft, Instant now) {
        jdbc.sql("""
                        INSERT INTO brand (account_id, account_path, display_name, primary_colour, accent_colour,
                                           support_email, support_phone, support_url, legal_footer, sender_name,
                                           sender_address, updated_at)
                        VALUES (:id, :path, :name, :primary, :accent, :email, :phone, :url, :footer, :senderName,
                                :senderAddress, :now)
                        ON CONFLICT (account_id) DO UPDATE SET display_name = excluded.display_name,
                            primary_colour = excluded.primary_colour, accent_colour = excluded.accent_colour,
                            support_email = excluded.support_email, support_phone = excluded.support_phone,
                            support_url = excluded.support_url, legal_footer = excluded.legal_footer,
                            sender_name = excluded.sender_name, sender_address = excluded.sender_address,
                            updated_at = excluded.updated_at""")
                .param("id", accountId).param("path", accountPath).param("name", draft.displayName())
                .param("primary", draft.primaryColour()).param("accent", draft.accentColour())
                .param("email", draft.supportEmail()).param("phone", draft.supportPhone())
                .param("url", draft.supportUrl()).param("footer", draft.legalFooter())
                .param("senderName", draft.senderName()).param("senderAddress", draft.senderAddress())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Removes the vendor's own brand with its logo; answers whether there was one. */
    boolean delete(UUID accountId) {
        return jdbc.sql("DELETE FROM brand WHERE account_id = :id").param("id", accountId).update() == 1;
    }

    /** Sets (or with null, removes) the logo of the vendor's own brand. */
    void logo(UUID accountId, Brands.Logo logo, String sha256, Instant now) {
        jdbc.sql("""
                        UPDATE brand SET logo_type = :type, logo = :bytes, logo_sha256 = :sha, updated_at = :now
                        WHERE account_id = :id""")
                .param("type", logo == null ? null : logo.type())
                .param("bytes", logo == null ? null : logo.bytes())
                .param("sha", sha256).param("now", Timestamp.from(now)).param("id", accountId)
                .update();
    }

    /** The vendor's fallback choice (the setting row must be locked). */
    void ownName(UUID accountId, boolean ownName) {
        jdbc.sql("UPDATE brand_setting SET own_name = :ownName WHERE account_id = :id")
                .param("ownName", ownName).param("id", accountId).update();
    }

    /** A logo by its public name: its SHA-256 and media type. */
    Optional<byte[]> logoBytes(String sha256, String type) {
        return jdbc.sql("SELECT logo FROM brand WHERE logo_sha256 = :sha AND logo_type = :type LIMIT 1")
                .param("sha", sha256).param("type", type)
                .query((rs, n) -> rs.getBytes("logo"))
                .optional();
    }

    record Policy(boolean vendorsMayShowOwnName, long version) {
    }

    Policy policy(boolean forUpdate) {
        return jdbc.sql("SELECT vendors_may_show_own_name, version FROM brand_policy"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .query((rs, n) -> new Policy(rs.getBoolean("vendors_may_show_own_name"), rs.getLong("version")))
                .single();
    }

    Policy updatePolicy(boolean vendorsMayShowOwnName, Instant now) {
        return jdbc.sql("""
                        UPDATE brand_policy SET vendors_may_show_own_name = :value, version = version + 1,
                               updated_at = :now
                        RETURNING vendors_may_show_own_name, version""")
                .param("value", vendorsMayShowOwnName).param("now", Timestamp.from(now))
                .query((rs, n) -> new Policy(rs.getBoolean("vendors_may_show_own_name"), rs.getLong("version")))
                .single();
    }
}
