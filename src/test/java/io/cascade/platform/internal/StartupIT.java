package io.cascade.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Cascade starts fast (benchmark P6): the embedded PostgreSQL starts beside the context's creation and the
 * DataSource takes that server; beans are created on first use, except what acts or checks at start.
 */
class StartupIT extends IntegrationTest {
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

    @Test
    void beansAreCreatedOnFirstUseExceptWhatActsOrChecksAtStart() {
        ConfigurableListableBeanFactory beans = ((ConfigurableApplicationContext) context).getBeanFactory();
        // a controller that reads no setting waits for its first request
        assertThat(beans.getBeanDefinition("accountController").isLazyInit()).isTrue();
        // what acts at start: migrations, the provider's bootstrap, the built-in roles, the job engine and its jobs
        for (String eager : new String[] {"providerBootstrap", "builtInRolesSync", "jobEngine"}) {
            assertThat(beans.getBeanDefinition(eager).isLazyInit()).as(eager).isFalse();
            assertThat(beans.containsSingleton(eager)).as(eager).isTrue();
        }
        assertThat(beans.getBeanNamesForType(FlywayMigrationInitializer.class)).allSatisfy(name -> {
            assertThat(beans.getBeanDefinition(name).isLazyInit()).as(name).isFalse();
            assertThat(beans.containsSingleton(name)).as(name).isTrue();
        });
        assertThat(beans.getBeanNamesForType(com.github.kagkarlsson.scheduler.task.Task.class)).isNotEmpty()
                .allSatisfy(name -> assertThat(beans.containsSingleton(name)).as(name).isTrue());
        // what reads a setting is created at start, so that a bad setting still fails the start
        assertThat(StartupConfiguration.eager("x", null, JobEngine.class)).isTrue();
        assertThat(StartupConfiguration.eager("x", null, DatabaseProperties.class)).isTrue();
        assertThat(StartupConfiguration.eager("x", null, FlywayMigrationInitializer.class)).isTrue();
        assertThat(StartupConfiguration.eager("x", null, String.class)).isFalse();
    }
}
