package io.cascade.identity.api;

import io.cascade.shared.Privilege;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who of an account's staff a message goes to, for the modules that send them (no caller: these are the addresses
 * the platform writes to, not something a user reads). Only {@code ACTIVE} staff members count: an invited user has
 * not accepted yet, a disabled one is gone, and customer and service users do not speak for the account.
 */
@Component
public class StaffRecipients {
    private final JdbcClient jdbc;

    StaffRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A staff member to write to. */
    public record Recipient(UUID userId, UUID accountId, String email, String name) {
    }

    /** The active account administrators (built-in role {@code ACCOUNT_ADMIN}) of each account, by e-mail. */
    public Map<UUID, List<Recipient>> administrators(Collection<UUID> accountIds) {
        Map<UUID, List<Recipient>> result = new LinkedHashMap<>();
        if (accountIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT DISTINCT u.id, u.account_id, u.email, u.name
                        FROM app_user u
                        JOIN user_role ur ON ur.user_id = u.id
                        JOIN role r ON r.id = ur.role_id AND r.account_id IS NULL AND r.code = :admin
                        WHERE u.account_id = ANY(:accounts) AND u.status = 'ACTIVE' AND u.kind = 'STAFF'
                        ORDER BY u.account_id, u.email""")
                .param("admin", BuiltInRole.ACCOUNT_ADMIN.name())
                .param("accounts", accountIds.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> new Recipient(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getString("email"), rs.getString("name")))
                .list()
                .forEach(r -> result.computeIfAbsent(r.accountId(), k -> new ArrayList<>()).add(r));
        return result;
    }

    /** The active staff members of the account holding the privilege through any of their roles, by e-mail. */
    public List<Recipient> holding(UUID accountId, Privilege privilege) {
        return jdbc.sql("""
                        SELECT DISTINCT u.id, u.account_id, u.email, u.name
                        FROM app_user u
                        JOIN user_role ur ON ur.user_id = u.id
                        JOIN role r ON r.id = ur.role_id
                        WHERE u.account_id = :account AND u.status = 'ACTIVE' AND u.kind = 'STAFF'
                          AND :privilege = ANY(r.privileges)
                        ORDER BY u.email""")
                .param("account", accountId).param("privilege", privilege.name())
                .query((rs, n) -> new Recipient(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getString("email"), rs.getString("name")))
                .list();
    }
}
