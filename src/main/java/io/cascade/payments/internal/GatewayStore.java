package io.cascade.payments.internal;

import io.cascade.payments.api.GatewayConfiguration;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The issuers' gateway settings (table {@code payment_gateway}), one row per issuer. */
@Repository
public class GatewayStore {
    /** A row as stored, secrets in clear: for the connector only, never for an answer. */
    public record Row(UUID id, UUID accountId, String accountPath, String kind, String baseUrl, String apiKey,
                      String signingSecret, long version, Instant updatedAt) {
        /** What the connector receives. */
        public GatewayConfiguration configuration() {
            return new GatewayConfiguration(id, kind, baseUrl, apiKey, signingSecret);
        }

        @Override
        public String toString() {
            return "GatewayStore.Row[id=" + id + ", accountId=" + accountId + ", kind=" + kind + "]";
        }
    }

    private static final String COLUMNS = """
            id, account_id, account_path, kind, base_url, api_key, signing_secret, version, updated_at""";
    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class),
            rs.getObject("account_id", UUID.class), rs.getString("account_path"), rs.getString("kind"),
            rs.getString("base_url"), rs.getString("api_key"), rs.getString("signing_secret"),
            rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;

    GatewayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> ofAccount(UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_gateway WHERE account_id = :account")
                .param("account", accountId).query(ROW).optional();
    }

    /** The issuer's row, locked until the transaction ends. */
    public Optional<Row> lockOfAccount(UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_gateway WHERE account_id = :account FOR UPDATE")
                .param("account", accountId).query(ROW).optional();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_gateway WHERE id = :id").param("id", id).query(ROW)
                .optional();
    }

    public void insert(UUID id, UUID accountId, String accountPath, String kind, String baseUrl, String apiKey,
                       String signingSecret, Instant now) {
        jdbc.sql("""
                        INSERT INTO payment_gateway (id, account_id, account_path, kind, base_url, api_key,
                                                     signing_secret, version, created_at, updated_at)
                        VALUES (:id, :account, :path, :kind, :url, :key, :secret, 0, :now, :now)""")
                .param("id", id).param("account", accountId).param("path", accountPath).param("kind", kind)
                .param("url", baseUrl).param("key", apiKey).param("secret", signingSecret)
                .param("now", java.sql.Timestamp.from(now)).update();
    }

    public void update(UUID id, String kind, String baseUrl, String apiKey, String signingSecret, Instant now) {
        jdbc.sql("""
                        UPDATE payment_gateway SET kind = :kind, base_url = :url, api_key = :key,
                               signing_secret = :secret, version = version + 1, updated_at = :now
                        WHERE id = :id""")
                .param("id", id).param("kind", kind).param("url", baseUrl).param("key", apiKey)
                .param("secret", signingSecret).param("now", java.sql.Timestamp.from(now)).update();
    }
}
