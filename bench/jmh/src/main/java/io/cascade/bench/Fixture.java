package io.cascade.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cascade.accounts.api.AccountScope;
import io.cascade.shared.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A connection pool to the generated database (BENCH_JDBC_URL, user postgres, as Cascade's embedded server is set up),
 * the product's {@link AccountScope} on it, the provider as caller and 1,024 target accounts on one level.
 */
record Fixture(HikariDataSource dataSource, AccountScope accountScope, Caller caller, UUID[] targets)
        implements AutoCloseable {

    static final int TARGETS = 1024;

    static Fixture open(int depth) throws Exception {
        String url = System.getenv("BENCH_JDBC_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("Set BENCH_JDBC_URL, e.g. jdbc:postgresql://localhost:5432/postgres");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getenv().getOrDefault("BENCH_JDBC_USER", "postgres"));
        config.setMaximumPoolSize(2);
        config.setPoolName("bench");
        HikariDataSource dataSource = new HikariDataSource(config);
        Caller caller;
        List<UUID> targets = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, path FROM account WHERE type = 'PROVIDER'")) {
                rs.next();
                caller = SubtreeCheckBenchmark.providerCaller(rs.getObject(1, UUID.class), rs.getString(2));
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM account WHERE level = ? ORDER BY md5(id::text) LIMIT " + TARGETS)) {
                ps.setInt(1, depth);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        targets.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("No account on level " + depth + "; generate the data first");
        }
        UUID[] ring = new UUID[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            ring[i] = targets.get(i % targets.size());
        }
        return new Fixture(dataSource, newAccountScope(JdbcClient.create(dataSource)), caller, ring);
    }

    /** AccountScope's constructor is package-private (Spring calls it); the benchmark calls it the same way. */
    private static AccountScope newAccountScope(JdbcClient jdbc) throws ReflectiveOperationException {
        Constructor<AccountScope> constructor = AccountScope.class.getDeclaredConstructor(JdbcClient.class);
        constructor.setAccessible(true);
        return constructor.newInstance(jdbc);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
