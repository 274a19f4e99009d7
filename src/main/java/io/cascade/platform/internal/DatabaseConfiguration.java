package io.cascade.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One DataSource: on the embedded PostgreSQL unless {@code cascade.db.url} names an external server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    /** The database server Cascade talks to; owns the embedded server's lifetime when there is one. */
    static final class DatabaseServer implements AutoCloseable {
        private final EmbeddedPostgresServer embedded;

        DatabaseServer(EmbeddedPostgresServer embedded) {
            this.embedded = embedded;
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * The embedded server is usually already starting ({@link EmbeddedPostgresEarlyStart}): this waits for it; without
     * an early start for these settings it starts one here.
     */
    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties, @Value("${cascade.data-dir:./data}") String dataDir,
                                  @Qualifier(EmbeddedPostgresEarlyStart.BEAN_NAME)
                                  ObjectProvider<EmbeddedPostgresEarlyStart.Starting> earlyStart) {
        if (properties.external()) {
            return new DatabaseServer(null);
        }
        EmbeddedPostgresEarlyStart.Starting starting = earlyStart.getIfAvailable();
        EmbeddedPostgresServer started = starting == null ? null
                : starting.take(Path.of(dataDir), properties.embedded());
        return new DatabaseServer(started != null ? started
                : new EmbeddedPostgresServer(Path.of(dataDir), properties.embedded()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties, DatabaseServer server) {
        HikariConfig config = new HikariConfig();
        if (server.embedded != null) {
            config.setJdbcUrl(server.embedded.jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.user());
            config.setPassword(properties.password());
        }
        config.setMaximumPoolSize(properties.poolSize());
        config.setPoolName("cascade");
        return new HikariDataSource(config);
    }
}
