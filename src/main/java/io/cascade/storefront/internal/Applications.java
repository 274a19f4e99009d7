package io.cascade.storefront.internal;

import io.cascade.storefront.api.ApplicationStatus;
import io.cascade.storefront.api.ApplicationView;
import io.cascade.subscriptions.api.ResourceQuantity;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code storefront_application} table: sign-ups until they are confirmed, activated or rejected. */
@Repository
public class Applications {
    private static final String COLUMNS = "id, vendor_id, vendor_path, status, company_name, country, contact_name, "
            + "email, language, plan_id, resources::text AS resources, created_at, confirmed_at, decided_at, reason, "
            + "account_id, confirm_expires_at";
    private static final TypeReference<List<ResourceQuantity>> QUANTITIES = new TypeReference<>() {
    };

    /** A new sign-up. */
    public record NewApplication(UUID id, UUID vendorId, String vendorPath, String companyName, String country,
                                 String contactName, String email, String language, UUID planId,
                                 List<ResourceQuantity> resources, String clientAddress, String tokenHash,
                                 Instant expiresAt, Instant now) {
    }

    /** An application with when its confirmation link expires. */
    public record Found(ApplicationView view, Instant confirmExpiresAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<Found> row;

    Applications(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new Found(new ApplicationView(rs.getObject("id", UUID.class),
                rs.getObject("vendor_id", UUID.class), ApplicationStatus.valueOf(rs.getString("status")),
                rs.getString("company_name"), rs.getString("country"), rs.getString("contact_name"),
                rs.getString("email"), rs.getObject("plan_id", UUID.class), null,
                this.json.readValue(rs.getString("resources"), QUANTITIES), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("decided_at")),
                rs.getString("reason"), rs.getObject("account_id", UUID.class), rs.getString("vendor_path"),
                rs.getString("language")), instant(rs.getTimestamp("confirm_expires_at")));
    }

    /** Marks this e-mail's unconfirmed sign-ups with this vendor whose link has expired as EXPIRED. */
    public void expireStale(UUID vendorId, String email, Instant now) {
        jdbc.sql("""
                        UPDATE storefront_application SET status = 'EXPIRED', version = version + 1
                        WHERE vendor_id = :vendor AND lower(email) = lower(:email) AND status = 'UNCONFIRMED'
                          AND confirm_expires_at <= :now""")
                .param("vendor", vendorId).param("email", email).param("now", Timestamp.from(now)).update();
    }

    /** Whether this e-mail has an open (unconfirmed or pending) sign-up with this vendor. */
    public boolean open(UUID vendorId, String email) {
        return jdbc.sql("""
                        SELECT count(*) FROM storefront_application
                        WHERE vendor_id = :vendor AND lower(email) = lower(:email)
                          AND status IN ('UNCONFIRMED', 'PENDING_APPROVAL')""")
                .param("vendor", vendorId).param("email", email).query(Long.class).single() > 0;
    }

    /** Inserts a sign-up; false when an open one of the same e-mail and vendor was inserted first. */
    public boolean insert(NewApplication a) {
        return jdbc.sql("""
                        INSERT INTO storefront_application (id, vendor_id, vendor_path, status, company_name, country,
                               contact_name, email, language, plan_id, resources, client_address, confirm_token_hash,
                               confirm_expires_at, created_at)
                        VALUES (:id, :vendor, :path, 'UNCONFIRMED', :company, :country, :contact, :email, :language,
                                :plan, :resources::jsonb, :address, :hash, :expires, :now)
                        ON CONFLICT DO NOTHING""")
                .param("id", a.id()).param("vendor", a.vendorId()).param("path", a.vendorPath())
                .param("company", a.companyName()).param("country", a.country()).param("contact", a.contactName())
                .param("email", a.email()).param("language", a.language()).param("plan", a.planId())
                .param("resources", json.writeValueAsString(a.resources() == null ? List.of() : a.resources()))
                .param("address", a.clientAddress()).param("hash", a.tokenHash())
                .param("expires", Timestamp.from(a.expiresAt())).param("now", Timestamp.from(a.now())).update() == 1;
    }

    public Optional<Found> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storefront_application WHERE id = :id").param("id", id)
                .query(row).optional();
    }

    /** The application a confirmation link's token hash names, locked for the confirmation. */
    public Optional<Found> lockByToken(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storefront_application WHERE confirm_token_hash = :hash "
                        + "FOR UPDATE")
                .param("hash", tokenHash).query(row).optional();
    }

    public Optional<Found> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storefront_application WHERE id = :id FOR UPDATE")
                .param("id", id).query(row).optional();
    }

    /** A vendor's applications in a status (null: any), oldest first, after the cursor (created_at|id). */
    public List<Found> ofVendor(UUID vendorId, ApplicationStatus status, String afterAt, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM storefront_application
                        WHERE vendor_id = :vendor AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:afterAt AS timestamptz) IS NULL
                               OR (created_at, id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY created_at, id LIMIT :limit""")
                .param("vendor", vendorId).param("status", status == null ? null : status.name())
                .param("afterAt", afterAt).param("afterId", afterId).param("limit", limit).query(row).list();
    }

    public void confirmed(UUID id, ApplicationStatus status, Instant now) {
        jdbc.sql("""
                        UPDATE storefront_application SET status = :status, confirmed_at = :now, version = version + 1
                        WHERE id = :id""")
                .param("id", id).param("status", status.name()).param("now", Timestamp.from(now)).update();
    }

    public void decided(UUID id, ApplicationStatus status, UUID decidedBy, String reason, UUID accountId,
                        Instant now) {
        jdbc.sql("""
                        UPDATE storefront_application SET status = :status, decided_at = :now, decided_by = :by,
                               reason = :reason, account_id = :account, version = version + 1
                        WHERE id = :id""")
                .param("id", id).param("status", status.name()).param("now", Timestamp.from(now))
                .param("by", decidedBy).param("reason", reason).param("account", accountId).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
