package io.cascade.payments.internal;

import io.cascade.payments.api.MandateSequence;
import io.cascade.payments.api.MandateStatus;
import io.cascade.payments.api.MandateView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** direct_debit_creditor and direct_debit_mandate (ADR 0030). */
@Repository
public class MandateStore {
    private static final String COLUMNS = """
            id, issuer_id, issuer_path, buyer_id, buyer_path, reference, signed_on, debtor_name, iban, bic, sequence,
            status, created_at, revoked_at, revoke_reason""";

    private final JdbcClient jdbc;

    MandateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A mandate with the paths of its pair (for the subtree rule). */
    public record StoredMandate(MandateView view, String issuerPath, String buyerPath) {
    }

    // ------------------------------------------------------------------------------------------------ creditor

    public Optional<String> creditorId(UUID issuerId) {
        return jdbc.sql("SELECT creditor_id FROM direct_debit_creditor WHERE issuer_id = :issuer")
                .param("issuer", issuerId).query(String.class).optional();
    }

    /** The creditor identifier, its row locked until the transaction ends (one collection run per issuer at a time). */
    public Optional<String> lockCreditor(UUID issuerId) {
        return jdbc.sql("SELECT creditor_id FROM direct_debit_creditor WHERE issuer_id = :issuer FOR UPDATE")
                .param("issuer", issuerId).query(String.class).optional();
    }

    public void setCreditorId(UUID issuerId, String creditorId, UUID by, Instant now) {
        if (creditorId == null) {
            jdbc.sql("DELETE FROM direct_debit_creditor WHERE issuer_id = :issuer").param("issuer", issuerId).update();
            return;
        }
        jdbc.sql("""
                        INSERT INTO direct_debit_creditor (issuer_id, creditor_id, updated_by, updated_at)
                        VALUES (:issuer, :creditor, :by, :now)
                        ON CONFLICT (issuer_id) DO UPDATE SET creditor_id = EXCLUDED.creditor_id,
                               updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .param("issuer", issuerId).param("creditor", creditorId).param("by", by)
                .param("now", Timestamp.from(now)).update();
    }

    // ------------------------------------------------------------------------------------------------ mandates

    public boolean referenceTaken(UUID issuerId, String reference) {
        return jdbc.sql("SELECT count(*) FROM direct_debit_mandate WHERE issuer_id = :issuer AND reference = :ref")
                .param("issuer", issuerId).param("ref", reference).query(Long.class).single() > 0;
    }

    public Optional<StoredMandate> active(UUID issuerId, UUID buyerId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM direct_debit_mandate
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND status = 'ACTIVE'""")
                .param("issuer", issuerId).param("buyer", buyerId).query(MandateStore::row).optional();
    }

    public void insert(UUID id, UUID issuerId, String issuerPath, UUID buyerId, String buyerPath, String reference,
                       LocalDate signedOn, String debtorName, String iban, String bic, UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO direct_debit_mandate (id, issuer_id, issuer_path, buyer_id, buyer_path, reference,
                                                          signed_on, debtor_name, iban, bic, sequence, status,
                                                          created_by, created_at)
                        VALUES (:id, :issuer, :issuerPath, :buyer, :buyerPath, :reference, :signedOn, :debtorName,
                                :iban, :bic, 'FRST', 'ACTIVE', :by, :now)""")
                .param("id", id).param("issuer", issuerId).param("issuerPath", issuerPath).param("buyer", buyerId)
                .param("buyerPath", buyerPath).param("reference", reference).param("signedOn", Date.valueOf(signedOn))
                .param("debtorName", debtorName).param("iban", iban).param("bic", bic).param("by", by)
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<StoredMandate> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM direct_debit_mandate WHERE id = :id")
                .param("id", id).query(MandateStore::row).optional();
    }

    public Optional<StoredMandate> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM direct_debit_mandate WHERE id = :id FOR UPDATE")
                .param("id", id).query(MandateStore::row).optional();
    }

    /** The issuer's active mandates, one per buyer. */
    public List<StoredMandate> activeOf(UUID issuerId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM direct_debit_mandate WHERE issuer_id = :issuer AND status = 'ACTIVE'
                        ORDER BY buyer_id""")
                .param("issuer", issuerId).query(MandateStore::row).list();
    }

    /**
     * Mandates held by the issuer ({@code asIssuer}; of one buyer when {@code buyerId} is given) or given by the buyer,
     * newest first; {@code after}: "createdAt|id" of the last seen.
     */
    public List<StoredMandate> list(UUID accountId, boolean asIssuer, UUID buyerId, MandateStatus status,
                                    String[] after, int limit) {
        String side = asIssuer ? "issuer_id" : "buyer_id";
        return jdbc.sql("SELECT " + COLUMNS + " FROM direct_debit_mandate WHERE " + side + """
                         = :account
                          AND (CAST(:buyer AS uuid) IS NULL OR buyer_id = CAST(:buyer AS uuid))
                          AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
                          AND (CAST(:afterAt AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("account", accountId).param("buyer", buyerId)
                .param("status", status == null ? null : status.name())
                .param("afterAt", after == null ? null : Timestamp.from(Instant.parse(after[0])))
                .param("afterId", after == null ? null : UUID.fromString(after[1]))
                .param("limit", limit).query(MandateStore::row).list();
    }

    public void revoke(UUID id, String reason, UUID by, Instant now) {
        jdbc.sql("""
                        UPDATE direct_debit_mandate SET status = 'REVOKED', revoked_at = :now, revoked_by = :by,
                               revoke_reason = :reason
                        WHERE id = :id""")
                .param("id", id).param("now", Timestamp.from(now)).param("by", by).param("reason", reason).update();
    }

    /** After a confirmed collection: these mandates' next collections are recurrent. */
    public void recurrent(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE direct_debit_mandate SET sequence = 'RCUR' WHERE id = ANY(:ids) AND sequence = 'FRST'")
                .param("ids", ids.toArray(UUID[]::new)).update();
    }

    private static StoredMandate row(ResultSet rs, int n) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new StoredMandate(new MandateView(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                rs.getObject("buyer_id", UUID.class), rs.getString("reference"),
                rs.getDate("signed_on").toLocalDate(), rs.getString("debtor_name"), rs.getString("iban"),
                rs.getString("bic"), MandateSequence.valueOf(rs.getString("sequence")),
                MandateStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoke_reason")),
                rs.getString("issuer_path"), rs.getString("buyer_path"));
    }
}
