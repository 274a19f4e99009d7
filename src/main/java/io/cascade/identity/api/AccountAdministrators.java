package io.cascade.identity.api;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Whom to tell about an account: its active staff members holding the built-in {@link BuiltInRole#ACCOUNT_ADMIN}
 * role, by e-mail. For notices the platform sends on its own (no caller, no privilege check): the caller decides which
 * account a notice is about.
 */
@Component
public class AccountAdministrators {
    /** One administrator to write to. */
    public record Administrator(UUID userId, String email, String name) {
    }

    private final JdbcClient jdbc;

    AccountAdministrators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's active administrators, by e-mail; empty when it has none. */
    public List<Administrator> of(UUID accountId) {
        return jdbc.sql("""
                        SELECT u.id, u.email, u.name FROM app_user u
                        WHERE u.account_id = :account AND u.status = 'ACTIVE' AND u.kind = 'STAFF'
                          AND EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.id = ur.role_id
                                      WHERE ur.user_id = u.id AND r.code = 'ACCOUNT_ADMIN' AND r.account_id IS NULL)
                        ORDER BY lower(u.email)""")
                .param("account", accountId)
                .query((rs, n) -> new Administrator(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("name")))
                .list();
    }
}
