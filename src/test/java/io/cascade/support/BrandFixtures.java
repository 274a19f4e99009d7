package io.cascade.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * A vendor's brand written straight into the brands module's table {@code brand}, for the tests of what carries a
 * brand (documents, mail, panel pages): {@code BrandFixtures.brand("Northwind").support("help@nw.test", null, null)
 * .applyTo(jdbc, resellerId)}. Colours are valid {@code #rrggbb}; a logo is stored as given (tests give a real PNG or
 * an already clean SVG). {@link #remove} takes a brand away again, so that a test that brands the provider — whose
 * brand every vendor without one inherits — leaves the shared context as it found it.
 */
public final class BrandFixtures {
    private final String displayName;
    private String primary = "#0a3d62";
    private String accent = "#b33939";
    private String logoType;
    private byte[] logo;
    private String supportEmail;
    private String supportPhone;
    private String supportUrl;
    private String legalFooter;
    private String senderName;
    private String senderAddress;

    private BrandFixtures(String displayName) {
        this.displayName = displayName;
    }

    public static BrandFixtures brand(String displayName) {
        return new BrandFixtures(displayName);
    }

    public BrandFixtures colours(String primaryColour, String accentColour) {
        primary = primaryColour;
        accent = accentColour;
        return this;
    }

    public BrandFixtures logo(String type, byte[] bytes) {
        logoType = type;
        logo = bytes;
        return this;
    }

    public BrandFixtures support(String email, String phone, String url) {
        supportEmail = email;
        supportPhone = phone;
        supportUrl = url;
        return this;
    }

    public BrandFixtures legalFooter(String text) {
        legalFooter = text;
        return this;
    }

    public BrandFixtures sender(String name, String address) {
        senderName = name;
        senderAddress = address;
        return this;
    }

    /** Gives the account (a vendor) this brand, replacing the one it had. */
    public void applyTo(JdbcClient jdbc, String accountId) {
        UUID id = UUID.fromString(accountId);
        String path = jdbc.sql("SELECT path FROM account WHERE id = :id").param("id", id).query(String.class).single();
        jdbc.sql("""
                        INSERT INTO brand (account_id, account_path, display_name, primary_colour, accent_colour,
                                           logo_type, logo, logo_sha256, support_email, support_phone, support_url,
                                           legal_footer, sender_name, sender_address, updated_at)
                        VALUES (:id, :path, :name, :primary, :accent, :logoType, :logo, :sha256, :email, :phone, :url,
                                :footer, :senderName, :senderAddress, :now)
                        ON CONFLICT (account_id) DO UPDATE SET display_name = EXCLUDED.display_name,
                            primary_colour = EXCLUDED.primary_colour, accent_colour = EXCLUDED.accent_colour,
                            logo_type = EXCLUDED.logo_type, logo = EXCLUDED.logo, logo_sha256 = EXCLUDED.logo_sha256,
                            support_email = EXCLUDED.support_email, support_phone = EXCLUDED.support_phone,
                            support_url = EXCLUDED.support_url, legal_footer = EXCLUDED.legal_footer,
                            sender_name = EXCLUDED.sender_name, sender_address = EXCLUDED.sender_address,
                            version = brand.version + 1, updated_at = EXCLUDED.updated_at""")
                .param("id", id).param("path", path).param("name", displayName).param("primary", primary)
                .param("accent", accent).param("logoType", logoType).param("logo", logo)
                .param("sha256", logo == null ? null : sha256(logo))
                .param("email", supportEmail).param("phone", supportPhone).param("url", supportUrl)
                .param("footer", legalFooter).param("senderName", senderName).param("senderAddress", senderAddress)
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the account's brand away (it inherits again). */
    public static void remove(JdbcClient jdbc, String accountId) {
        jdbc.sql("DELETE FROM brand WHERE account_id = :id").param("id", UUID.fromString(accountId)).update();
    }
}
