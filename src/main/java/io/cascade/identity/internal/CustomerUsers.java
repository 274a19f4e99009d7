package io.cascade.identity.internal;

import io.cascade.identity.api.CustomerUserView;
import io.cascade.identity.api.UserStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Customer users and the customers they are assigned to (table {@code customer_user_customer}, ADR 0009). */
@Repository
public class CustomerUsers {
    private static final String COLUMNS = """
            u.id, u.account_id, u.email, u.name, u.status, u.created_at, u.updated_at, u.last_login_at, a.path,
            u.version,
            ARRAY(SELECT cu.customer_id FROM customer_user_customer cu WHERE cu.user_id = u.id
                  ORDER BY cu.customer_id) AS customers""";
    private static final RowMapper<CustomerUserView> VIEW = (rs, n) -> new CustomerUserView(
            rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("email"),
            rs.getString("name"), UserStatus.valueOf(rs.getString("status")),
            Arrays.asList((UUID[]) rs.getArray("customers").getArray()), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(),
            rs.getTimestamp("last_login_at") == null ? null : rs.getTimestamp("last_login_at").toInstant(),
            rs.getString("path"), rs.getLong("version"), null);

    private final JdbcClient jdbc;

    CustomerUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CustomerUserView> find(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN account_tree a ON a.id = u.account_id "
                        + "WHERE u.id = :id AND u.kind = 'CUSTOMER_USER'")
                .param("id", userId).query(VIEW).optional();
    }

    /**
     * The customer users of an account by e-mail; with {@code sharing} only those assigned to at least one of these
     * customers.
     */
    public List<CustomerUserView> list(UUID accountId, List<UUID> sharing, String afterEmail, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM app_user u JOIN account_tree a ON a.id = u.account_id "
                + "WHERE u.account_id = :account AND u.kind = 'CUSTOMER_USER' "
                + "AND (CAST(:after AS text) IS NULL OR lower(u.email) > :after) "
                + (sharing == null ? "" : "AND EXISTS (SELECT 1 FROM customer_user_customer cu "
                + "WHERE cu.user_id = u.id AND cu.customer_id = ANY(:sharing)) ")
                + "ORDER BY lower(u.email) LIMIT :limit";
        var statement = jdbc.sql(sql).param("account", accountId).param("after", afterEmail).param("limit", limit);
        if (sharing != null) {
            statement = statement.param("sharing", sharing.toArray(UUID[]::new));
        }
        return statement.query(VIEW).list();
    }

    /** Which of these ids are customers whose vendor is this account, with their paths. */
    public Map<UUID, String> customersOf(UUID vendorId, List<UUID> ids) {
        Map<UUID, String> found = new HashMap<>();
        jdbc.sql("""
                        SELECT id, path FROM account_tree
                        WHERE id = ANY(:ids) AND vendor_id = :vendor AND type = 'CUSTOMER'""")
                .param("ids", ids.toArray(UUID[]::new)).param("vendor", vendorId)
                .query(rs -> {
                    found.put(rs.getObject("id", UUID.class), rs.getString("path"));
                });
        return found;
    }

    /** The customers this customer user is assigned to. */
    public List<UUID> customersAssignedTo(UUID userId) {
        return jdbc.sql("SELECT customer_id FROM customer_user_customer WHERE user_id = :user ORDER BY customer_id")
                .param("user", userId).query(UUID.class).list();
    }

    public void replaceCustomers(UUID userId, List<UUID> customerIds) {
        jdbc.sql("DELETE FROM customer_user_customer WHERE user_id = :user").param("user", userId).update();
        jdbc.sql("""
                        INSERT INTO customer_user_customer (user_id, customer_id)
                        SELECT :user, c FROM unnest(:customers) AS c ON CONFLICT DO NOTHING""")
                .param("user", userId).param("customers", customerIds.toArray(UUID[]::new)).update();
    }

    /** Deletes a customer user with everything that hangs on it (not its audit events). */
    public void remove(UUID userId) {
        for (String table : List.of("api_token", "invitation", "user_role", "customer_user_customer",
                "idempotency_record")) {
            jdbc.sql("DELETE FROM " + table + " WHERE user_id = :user").param("user", userId).update();
        }
        jdbc.sql("DELETE FROM app_user WHERE id = :user AND kind = 'CUSTOMER_USER'").param("user", userId).update();
    }
}
