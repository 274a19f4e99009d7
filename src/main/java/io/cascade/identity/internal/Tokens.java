package io.cascade.identity.internal;

import io.cascade.accounts.api.Licences;
import io.cascade.identity.api.TokenView;
import io.cascade.shared.Caller;
import io.cascade.shared.UserKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API tokens, invitations and password-reset links, all stored as SHA-256 digests only. */
@Repository
public class Tokens {
    private static final RowMapper<TokenView> TOKEN = (rs, n) -> new TokenView(rs.getObject("id", UUID.class),
            rs.getObject("user_id", UUID.class), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

    private final JdbcClient jdbc;

    Tokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record OwnedToken(TokenView token, UUID accountId, String accountPath) {
    }

    void insert(UUID id, UUID userId, byte[] hash, String name, Instant now, Instant expiresAt, boolean panelSession) {
        int inserted = jdbc.sql("""
                        INSERT INTO api_token (id, user_id, token_hash, name, created_at, expires_at, panel_session,
                                               account_path)
                        SELECT :id, u.id, :hash, :name, :now, :expires, :panel, a.path
                        FROM app_user u JOIN account_tree a ON a.id = u.account_id WHERE u.id = :user""")
                .param("id", id).param("user", userId).param("hash", hash).param("name", name)
                .param("panel", panelSession)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt)).update();
        if (inserted != 1) {
            throw new IllegalStateException("No user " + userId + " to issue a token to");
        }
    }

    /** A bearer token's caller, and whether its account holds {@code API_ACCESS} today (ADR 0038). */
    record Authenticated(Caller caller, boolean apiAccess) {
    }

    /**
     * The caller behind a bearer token, in one query: the token must be unrevoked and unexpired, its user active and
     * the user's account active (a suspension of any account above sets this account SUSPENDED too). The user's kind
     * decides its scope (ADR 0009); a customer user's scope roots are the paths of its customers, read in the same
     * query; and so are the {@code API_ACCESS} licences along the account's path (accounts' view
     * {@code account_licence_terms}), whose end is compared with the day of {@code now} (ADR 0041). The privileges
     * of several roles may repeat; the set they are read into drops the repeats (no hash aggregate per request).
     */
    Optional<Authenticated> authenticate(byte[] hash, Instant now, String requestId) {
        return jdbc.sql("""
                        SELECT t.id AS token_id, u.id AS user_id, u.email, a.id AS account_id, a.path AS account_path,
                               ARRAY(SELECT p FROM user_role ur JOIN role r ON r.id = ur.role_id
                                     CROSS JOIN LATERAL unnest(r.privileges) AS p WHERE ur.user_id = u.id)
                                   AS privileges,
                               u.kind,
                               CASE WHEN u.kind = 'CUSTOMER_USER' THEN
                                   ARRAY(SELECT c.path FROM customer_user_customer cu
                                         JOIN account_tree c ON c.id = cu.customer_id WHERE cu.user_id = u.id)
                               END AS scope_roots,
                               api.complete AS api_access_complete, api.ends_on AS api_access_ends_on
                        FROM api_token t
                        JOIN app_user u ON u.id = t.user_id
                        JOIN account_tree a ON a.id = u.account_id
                        LEFT JOIN LATERAL (SELECT lt.complete, lt.ends_on FROM account_licence_terms lt
                                           WHERE lt.account_id = a.id AND lt.feature = 'API_ACCESS') api ON true
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
                          AND u.status = 'ACTIVE' AND a.status = 'ACTIVE'""")
                .param("hash", hash).param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    java.sql.Array roots = rs.getArray("scope_roots");
                    Caller caller = new Caller(rs.getObject("user_id", UUID.class), rs.getString("email"),
                            rs.getObject("account_id", UUID.class), rs.getString("account_path"),
                            UserKind.valueOf(rs.getString("kind")),
                            roots == null ? null : List.of((String[]) roots.getArray()),
                            Staff.privileges(rs.getArray("privileges")), requestId,
                            rs.getObject("token_id", UUID.class), null);
                    java.sql.Date endsOn = rs.getDate("api_access_ends_on");
                    return new Authenticated(caller, Licences.heldOn(rs.getBoolean("api_access_complete"),
                            endsOn == null ? null : endsOn.toLocalDate(), LocalDate.ofInstant(now, ZoneOffset.UTC)));
                })
                .optional();
    }

    /**
     * The live API keys (unrevoked, unexpired tokens that are not panel sessions) of the users of a subtree: the seats
     * of {@code API_ACCESS} (ADR 0038).
     */
    long liveApiKeys(io.cascade.accounts.api.Subtree subtree, Instant now) {
        var within = subtree.within("t.account_path");
        return within.bind(jdbc.sql("""
                        SELECT count(*) FROM api_token t
                        WHERE t.revoked_at IS NULL AND t.expires_at > :now AND NOT t.panel_session AND """
                        + within.sql()))
                .param("now", Timestamp.from(now)).query(Long.class).single();
    }

    /**
     * A customer user or service user as its own login would be the caller (kind, account, scope roots, privileges),
     * while it and its account are active; for a staff member above that acts as it.
     */
    public Optional<Caller> asUser(UUID userId, String requestId) {
        return jdbc.sql("""
                        SELECT u.id AS user_id, u.email, a.id AS account_id, a.path AS account_path,
                               ARRAY(SELECT DISTINCT p FROM user_role ur JOIN role r ON r.id = ur.role_id
                                     CROSS JOIN LATERAL unnest(r.privileges) AS p WHERE ur.user_id = u.id)
                                   AS privileges,
                               u.kind,
                               CASE WHEN u.kind = 'CUSTOMER_USER' THEN
                                   ARRAY(SELECT c.path FROM customer_user_customer cu
                                         JOIN account_tree c ON c.id = cu.customer_id WHERE cu.user_id = u.id)
                               END AS scope_roots
                        FROM app_user u
                        JOIN account_tree a ON a.id = u.account_id
                        WHERE u.id = :user AND u.kind IN ('CUSTOMER_USER', 'SERVICE_USER')
                          AND u.status = 'ACTIVE' AND a.status = 'ACTIVE'""")
                .param("user", userId)
                .query((rs, n) -> new Caller(rs.getObject("user_id", UUID.class), rs.getString("email"),
                        rs.getObject("account_id", UUID.class), rs.getString("account_path"),
                        UserKind.valueOf(rs.getString("kind")),
                        rs.getArray("scope_roots") == null ? null
                                : List.of((String[]) rs.getArray("scope_roots").getArray()),
                        Staff.privileges(rs.getArray("privileges")), requestId, null, null))
                .optional();
    }

    List<TokenView> forUser(UUID userId) {
        return jdbc.sql("""
                        SELECT id, user_id, name, created_at, expires_at, revoked_at FROM api_token
                        WHERE user_id = :user ORDER BY created_at DESC, id LIMIT 500""")
                .param("user", userId).query(TOKEN).list();
    }

    Optional<OwnedToken> find(UUID tokenId) {
        return jdbc.sql("""
                        SELECT t.id, t.user_id, t.name, t.created_at, t.expires_at, t.revoked_at, a.id AS account_id,
                               a.path AS account_path
                        FROM api_token t JOIN app_user u ON u.id = t.user_id JOIN account_tree a ON a.id = u.account_id
                        WHERE t.id = :id""")
                .param("id", tokenId)
                .query((rs, n) -> new OwnedToken(TOKEN.mapRow(rs, n), rs.getObject("account_id", UUID.class),
                        rs.getString("account_path")))
                .optional();
    }

    void revoke(UUID tokenId, Instant now) {
        jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", Timestamp.from(now)).param("id", tokenId).update();
    }

    void revokeAllOf(UUID userId, Instant now) {
        jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .param("now", Timestamp.from(now)).param("user", userId).update();
    }

    /** Revokes every live token of the user except {@code keep} (may be null); answers how many it revoked. */
    int revokeAllOfExcept(UUID userId, UUID keep, Instant now) {
        return jdbc.sql("""
                        UPDATE api_token SET revoked_at = :now
                        WHERE user_id = :user AND revoked_at IS NULL AND (CAST(:keep AS uuid) IS NULL OR id <> :keep)""")
                .param("now", Timestamp.from(now)).param("user", userId).param("keep", keep).update();
    }

    void insertInvitation(UUID userId, byte[] hash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO invitation (id, user_id, token_hash, created_at, expires_at)
                        VALUES (:id, :user, :hash, :now, :expires)""")
                .param("id", UUID.randomUUID()).param("user", userId).param("hash", hash)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt)).update();
    }

    void dropInvitations(UUID userId, Instant now) {
        jdbc.sql("UPDATE invitation SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
                .param("now", Timestamp.from(now)).param("user", userId).update();
    }

    /** Marks a valid invitation used and answers its user; empty when unknown, used or expired. */
    Optional<UUID> redeemInvitation(byte[] hash, Instant now) {
        return jdbc.sql("""
                        UPDATE invitation SET used_at = :now
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now RETURNING user_id""")
                .param("hash", hash).param("now", Timestamp.from(now)).query(UUID.class).optional();
    }

    /** Who a one-time link is for while it works: its user's e-mail and account name. */
    public record LinkHolder(UUID userId, String email, String companyName, String accountPath) {
    }

    /** The holder of a valid (unused, unexpired) invitation whose user is still INVITED. */
    Optional<LinkHolder> invitationHolder(byte[] hash, Instant now) {
        return holder("invitation", "INVITED", hash, now);
    }

    /** The holder of a valid (unused, unexpired) password-reset link whose user is ACTIVE. */
    Optional<LinkHolder> passwordResetHolder(byte[] hash, Instant now) {
        return holder("password_reset", "ACTIVE", hash, now);
    }

    private Optional<LinkHolder> holder(String table, String status, byte[] hash, Instant now) {
        return jdbc.sql("SELECT u.id, u.email, a.company_name, a.path FROM " + table + " l "
                        + "JOIN app_user u ON u.id = l.user_id JOIN account_tree a ON a.id = u.account_id "
                        + "WHERE l.token_hash = :hash AND l.used_at IS NULL AND l.expires_at > :now "
                        + "AND u.status = :status")
                .param("hash", hash).param("now", Timestamp.from(now)).param("status", status)
                .query((rs, n) -> new LinkHolder(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("company_name"), rs.getString("path")))
                .optional();
    }

    void insertPasswordReset(UUID userId, byte[] hash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO password_reset (id, user_id, token_hash, created_at, expires_at)
                        VALUES (:id, :user, :hash, :now, :expires)""")
                .param("id", UUID.randomUUID()).param("user", userId).param("hash", hash)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt)).update();
    }

    /** Marks a valid password-reset link used and answers its user; empty when unknown, used or expired. */
    Optional<UUID> redeemPasswordReset(byte[] hash, Instant now) {
        return jdbc.sql("""
                        UPDATE password_reset SET used_at = :now
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now RETURNING user_id""")
                .param("hash", hash).param("now", Timestamp.from(now)).query(UUID.class).optional();
    }

    /** Voids every open password-reset link of the user (a new password is set, or the user is disabled). */
    void dropPasswordResets(UUID userId, Instant now) {
        jdbc.sql("UPDATE password_reset SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
                .param("now", Timestamp.from(now)).param("user", userId).update();
    }
}
