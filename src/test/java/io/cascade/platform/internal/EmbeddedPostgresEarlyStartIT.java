package io.cascade.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL starts beside the context's creation, and the DataSource takes that server (P6). */
class EmbeddedPostgresEarlyStartIT extends IntegrationTest {
    @Autowired
    private ApplicationContext context;
    @Autowired
    private DataSource dataSource;

    @Test
    void theEmbeddedServerStartedOnItsOwnThreadBeforeTheDataSourceAskedAndTheDataSourceTookIt() {
        EmbeddedPostgresEarlyStart.Starting starting =
                context.getBean(EmbeddedPostgresEarlyStart.BEAN_NAME, EmbeddedPostgresEarlyStart.Starting.class);
        assertThat(starting.startedOn()).isEqualTo("embedded-postgres-start");
        assertThat(starting.nanosBeforeTaken()).as("the DataSource asked for the server after the start began")
                .isPositive();
        assertThat(starting.server()).isNotNull();
        assertThat(((HikariDataSource) dataSource).getJdbcUrl()).isEqualTo(starting.server().jdbcUrl());
        // handed over once: nobody else gets it, and the context stops it when it closes
        DatabaseProperties.Embedded settings = context.getBean(DatabaseProperties.class).embedded();
        assertThat(starting.take(Path.of(context.getEnvironment().getProperty("cascade.data-dir", "./data")),
                settings)).isNull();
        assertThat(starting.server()).isNotNull();
    }
}
