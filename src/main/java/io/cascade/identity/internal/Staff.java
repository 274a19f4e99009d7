package io.cascade.identity.internal;

import io.cascade.accounts.api.AccountStatus;
import io.cascade.identity.api.BuiltInRole;
import io.cascade.identity.api.RoleView;
import io.cascade.identity.api.UserStatus;
import io.cascade.identity.api.UserView;
import io.cascade.shared.Privilege;
import io.cascade.shared.UserKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Users, roles and their assignments. */
@Repository
public class Staff {
    private static final String USER_COLUMNS = """
            u.id, u.account_id, u.email, u.name, u.status, u.created_at, u.updated_at, u.last_login_at, a.path,
            u.version,
            ARRAY(SELECT r.code FROM user_role ur JOIN role r ON r.id = ur.role_id
                  WHERE ur.user_id = u.id ORDER BY r.code) AS roles, u.kind""";
    private static final RowMapper<UserView> USER = (rs, n) -> new UserView(rs.getObject("id", UUID.class),
            rs.getObject("account_id", UUID.class), rs.getString("email"), rs.getString("name"),
            UserStatus.valueOf(rs.getString("status")), UserKind.valueOf(rs.getString("kind")),
            List.of((String[]) rs.getArray("roles").getArray()), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(),
            rs.getTimestamp("last_login_at") == null ? null : rs.getTimestamp("last_login_at").toInstant(),
            rs.getString("path"), rs.getLong("version"), null);
    private static final RowMapper<RoleView> ROLE = (rs, n) -> new RoleView(rs.getObject("id", UUID.class),
            rs.getObject("account_id", UUID.class), rs.getString("code"), rs.getString("name"),
            rs.getObject("account_id") == null, privileges(rs.getArray("privileges")));

    private final JdbcClient jdbc;

    Staff(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A login of an e-mail address, with its account's name, type and vendor's name (null for the provider). */
    record Credentials(UUID userId, UUID accountId, String companyName, String accountType, String vendorName,
                       String passwordHash, UserStatus userStatus, AccountStatus accountStatus, String accountPath) {
        /** Whether the login's account lies in the subtree at {@code path} (always, for a null path). */
        boolean within(String path) {
            return path == null || accountPath.startsWith(path);
        }
    }

    Optional<UserView> find(UUID userId) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user u JOIN account_tree a ON a.id = u.account_id "
                + "WHERE u.id = :id").param("id", userId).query(USER).optional();
    }

    List<UserView> list(UUID accountId, String afterEmail, int limit) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM app_user u JOIN account_tree a ON a.id = u.account_id "
                        + "WHERE u.account_id = :account AND (CAST(:after AS text) IS NULL OR lower(u.email) > :after) "
                        + "ORDER BY lower(u.email) LIMIT :limit")
                .param("account", accountId).param("after", afterEmail).param("limit", limit)
                .query(USER).list();
    }

    boolean emailTaken(UUID accountId, String email) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE account_id = :account AND lower(email) = lower(:email)")
                .param("account", accountId).param("email", email).query(Long.class).single() > 0;
    }

    /** Whether a user of any account in the subtree signs in with this e-mail (ignoring case). */
    boolean emailInSubtree(io.cascade.accounts.api.Subtree subtree, String email) {
        io.cascade.accounts.api.Subtree.Condition within = subtree.within("a.path");
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user u JOIN account_tree a ON a.id = u.account_id "
                        + "WHERE lower(u.email) = lower(:email) AND " + within.sql() + ")")
                .param("email", email).params(within.parameters()).query(Boolean.class).single();
    }

    void insertUser(UUID id, UUID accountId, UserKind kind, String email, String name, String passwordHash,
                    UserStatus status, Instant now) {
        jdbc.sql("""
                        INSERT INTO app_user (id, account_id, kind, email, name, password_hash, status, created_at,
                                              updated_at)
                        VALUES (:id, :account, :kind, :email, :name, :hash, :status, :now, :now)""")
                .param("id", id).param("account", accountId).param("kind", kind.name()).param("email", email)
                .param("name", name)
                .param("hash", passwordHash).param("status", status.name()).param("now", Timestamp.from(now)).update();
    }

    boolean updateUser(UUID id, long expectedVersion, String name, UserStatus status, Instant now) {
        return jdbc.sql("""
                        UPDATE app_user SET name = :name, status = :status, version = version + 1, updated_at = :now
                        WHERE id = :id AND version = :version""")
                .param("name", name).param("status", status.name()).param("now", Timestamp.from(now))
                .param("id", id).param("version", expectedVersion).update() == 1;
    }

    void setPassword(UUID id, String hash, Instant now) {
        jdbc.sql("""
                        UPDATE app_user SET password_hash = :hash, status = 'ACTIVE', version = version + 1,
                               updated_at = :now WHERE id = :id""")
                .param("hash", hash).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** A new password set by someone else: an invited user becomes ACTIVE, a disabled one stays disabled. */
    void resetPassword(UUID id, String hash, Instant now) {
        jdbc.sql("""
                        UPDATE app_user SET password_hash = :hash, version = version + 1, updated_at = :now,
                               status = CASE WHEN status = 'INVITED' THEN 'ACTIVE' ELSE status END
                        WHERE id = :id""")
                .param("hash", hash).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void touchLogin(UUID id, Instant now) {
        jdbc.sql("UPDATE app_user SET last_login_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    Optional<String> passwordHash(UUID userId) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id").param("id", userId)
                .query(String.class).optional();
    }

    List<Credentials> credentials(String email) {
        return jdbc.sql("""
                        SELECT u.id, u.account_id, a.company_name, a.type AS account_type,
                               v.company_name AS vendor_name, u.password_hash, u.status AS user_status,
                               a.status AS account_status, a.path AS account_path
                        FROM app_user u JOIN account_tree a ON a.id = u.account_id
                        LEFT JOIN account_tree v ON v.id = a.vendor_id
                        WHERE lower(u.email) = lower(:email) ORDER BY u.created_at""")
                .param("email", email)
                .query((rs, n) -> new Credentials(rs.getObject("id", UUID.class),
                        rs.getObject("account_id", UUID.class), rs.getString("company_name"),
                        rs.getString("account_type"), rs.getString("vendor_name"), rs.getString("password_hash"),
                        UserStatus.valueOf(rs.getString("user_status")),
                        AccountStatus.valueOf(rs.getString("account_status")), rs.getString("account_path")))
                .list();
    }

    void replaceRoles(UUID userId, List<UUID> roleIds) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = :user").param("user", userId).update();
        for (UUID roleId : roleIds) {
            jdbc.sql("INSERT INTO user_role (user_id, role_id) VALUES (:user, :role)")
                    .param("user", userId).param("role", roleId).update();
        }
    }

    /** Roles a user of this account may hold: the built-in ones and the account's own. */
    List<RoleView> rolesFor(UUID accountId) {
        return jdbc.sql("""
                        SELECT id, account_id, code, name, privileges FROM role
                        WHERE account_id IS NULL OR account_id = :account ORDER BY account_id NULLS FIRST, code""")
                .param("account", accountId).query(ROLE).list();
    }

    boolean roleCodeTaken(UUID accountId, String code) {
        return jdbc.sql("SELECT count(*) FROM role WHERE code = :code AND (account_id IS NULL OR account_id = :account)")
                .param("code", code).param("account", accountId).query(Long.class).single() > 0;
    }

    void insertRole(UUID id, UUID accountId, String code, String name, Set<Privilege> privileges, Instant now) {
        jdbc.sql("""
                        INSERT INTO role (id, account_id, code, name, privileges, created_at)
                        VALUES (:id, :account, :code, :name, :privileges, :now)""")
                .param("id", id).param("account", accountId).param("code", code).param("name", name)
                .param("privileges", privileges.stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
    }

    /** Brings the built-in roles' privileges in line with {@link BuiltInRole} (run at every start). */
    void syncBuiltInRoles(Instant now) {
        for (BuiltInRole role : BuiltInRole.values()) {
            String[] privileges = role.privileges().stream().map(Enum::name).sorted().toArray(String[]::new);
            jdbc.sql("""
                            INSERT INTO role (id, account_id, code, name, privileges, created_at)
                            VALUES (:id, NULL, :code, :name, :privileges, :now)
                            ON CONFLICT (code) WHERE account_id IS NULL
                            DO UPDATE SET name = EXCLUDED.name, privileges = EXCLUDED.privileges""")
                    .param("id", UUID.randomUUID()).param("code", role.name()).param("name", role.title())
                    .param("privileges", privileges).param("now", Timestamp.from(now)).update();
        }
    }

    static Set<Privilege> privileges(Array array) throws SQLException {
        Set<Privilege> result = EnumSet.noneOf(Privilege.class);
        if (array != null) {
            Arrays.stream((String[]) array.getArray()).forEach(p -> result.add(Privilege.valueOf(p)));
        }
        return result;
    }
}
