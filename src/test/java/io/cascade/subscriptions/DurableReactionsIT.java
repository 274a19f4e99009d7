package io.cascade.subscriptions;

import io.cascade.subscriptions.internal.SubscriptionsMovedWithAccounts;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The after-commit reaction to an account's suspension — its subscriptions' services are asked to suspend — survives
 * a crash between the commit and the reaction, and runs once however often it is delivered (ADR 0018). The account is
 * suspended while the test holds a lock that keeps the reaction from writing its provisioning task; the reaction's
 * database session is then killed and the node stopped, as a crash would. The suspension is committed and the
 * reaction's publication is still incomplete in {@code event_publication}. The restarted node runs it again: the
 * SUSPEND task appears once and the publication is gone. Delivering the same event once more requests nothing, and
 * resuming the account requests the RESUME task once.
 * <p>
 * The restart also shows that everything survives it on the same (non-ephemeral) data directory: the provider is the
 * same one (no second provider appears), a suspended reseller is still there, suspended, with its audit events, and
 * {@code cascade.db.embedded.shared-buffers} and {@code max-wal-size} reach the server. (This was RestartIT's own pair
 * of starts; sharing them saves two application starts and an initdb.)
 */
class DurableReactionsIT {
    private static final String EMAIL = "admin@durable-reactions.test";
    private static final String PASSWORD = "Durable-Secret-77";
    private static final String LISTENER = "%ServicesFollower%";

    @TempDir
    Path dataDir;

    @Test
    void aReactionLeftIncompleteByACrashRunsOnceAfterTheRestart() throws Exception {
        Nodes nodes = new Nodes(dataDir, EMAIL, PASSWORD, "cascade.db.pool-size=4",
                "cascade.db.embedded.shared-buffers=256MB", "cascade.db.embedded.max-wal-size=2GB");
        int dbPort = Nodes.freePort();
        String jdbcUrl = Nodes.url(dbPort);
        String customer;
        String subscription;
        String providerId;
        String survivor;
        try (ConfigurableApplicationContext first = nodes.start(dbPort)) {
            Api provider = nodes.signedIn(first);
            providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();
            survivor = AccountFixtures.reseller("Survivor").create(provider).id();
            assertThat(provider.post("/api/v1/accounts/" + survivor + "/suspend", null).status()).isEqualTo(200);
            String seats = "seat-" + UUID.randomUUID().toString().substring(0, 8);
            Api.Response service = provider.post("/api/v1/services", Map.of("code", "desk", "name", "Help desk",
                    "adapter", "manual", "resourceTypes", List.of(Map.of("code", seats, "name", "Seat",
                            "unit", "count"))));
            assertThat(service.status()).as("%s", service).isEqualTo(201);
            String plan = CatalogFixtures.publishedPlan(provider, providerId, "END_CUSTOMER", "10.00",
                    List.of(resource(seats, 1, 10, "HARD", "3.00", null)));
            customer = AccountFixtures.customer("Durable Customer").create(provider).id();
            Api.Response created = provider.post("/api/v1/accounts/" + customer + "/subscriptions",
                    Map.of("planId", plan));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            assertThat(created.text("status")).as("the manual adapter provisions at once").isEqualTo("ACTIVE");
            subscription = created.text("id");

            try (Connection blocker = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 Connection observer = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                blocker.setAutoCommit(false);
                try (Statement lock = blocker.createStatement()) {
                    lock.execute("LOCK TABLE provisioning_task IN SHARE MODE"); // reads pass, inserts wait
                }
                Api.Response suspended = provider.post("/api/v1/accounts/" + customer + "/suspend", null);
                assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
                assertThat(provider.get("/api/v1/subscriptions/" + subscription).text("status"))
                        .as("the subscription follows its account in the same transaction").isEqualTo("SUSPENDED");

                long reaction = await(() -> waitingInsert(observer), pid -> pid > 0);
                assertThat(single(observer, "SELECT pg_terminate_backend(" + reaction + ")")).isEqualTo(1L);
                blocker.rollback();
                await(() -> single(observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + reaction),
                        n -> n == 0);
                assertThat(incomplete(observer)).as("the reaction's publication outlives its failure").isEqualTo(1);
                assertThat(operations(provider, customer)).as("the crash left the SUSPEND task undone")
                        .containsExactly("PROVISION");
            }
        }

        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).as("a real data directory").isTrue();

        try (ConfigurableApplicationContext restarted = nodes.start(dbPort);
             Connection observer = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            Api provider = nodes.signedIn(restarted);
            assertThat(provider.get("/api/v1/me").json().path("account").path("id").asString())
                    .as("the same provider, no second one").isEqualTo(providerId);
            assertThat(restarted.getBean(JdbcClient.class).sql("SHOW shared_buffers").query(String.class).single())
                    .as("cascade.db.embedded.shared-buffers reaches the server").isEqualTo("256MB");
            assertThat(restarted.getBean(JdbcClient.class).sql("SHOW max_wal_size").query(String.class).single())
                    .as("cascade.db.embedded.max-wal-size reaches the server").isEqualTo("2GB");
            assertThat(restarted.getBean(JdbcClient.class).sql("SHOW checkpoint_timeout").query(String.class)
                    .single()).isEqualTo("15min");
            Api.Response reseller = provider.get("/api/v1/accounts/" + survivor);
            assertThat(reseller.status()).isEqualTo(200);
            assertThat(reseller.text("companyName")).isEqualTo("Survivor");
            assertThat(reseller.text("status")).isEqualTo("SUSPENDED");
            assertThat(provider.get("/api/v1/accounts/" + survivor + "/audit-events").json().path("items").size())
                    .isGreaterThanOrEqualTo(2);

            List<String> operations = await(() -> operations(provider, customer), ops -> ops.contains("SUSPEND"));
            assertThat(operations).as("the restarted node ran the reaction").containsExactly("PROVISION", "SUSPEND");
            await(() -> incomplete(observer), n -> n == 0);

            // delivered again (as a second node's restart would): nothing is requested twice
            TransactionTemplate transaction = new TransactionTemplate(
                    restarted.getBean(PlatformTransactionManager.class));
            SubscriptionsMovedWithAccounts again = new SubscriptionsMovedWithAccounts(
                    List.of(UUID.fromString(subscription)), null, UUID.fromString(customer), "-", "again");
            transaction.executeWithoutResult(status -> restarted.publishEvent(again));
            await(() -> incomplete(observer), n -> n == 0);
            assertThat(operations(provider, customer)).containsExactly("PROVISION", "SUSPEND");

            assertThat(provider.post("/api/v1/accounts/" + customer + "/resume", null).status()).isEqualTo(200);
            assertThat(provider.get("/api/v1/subscriptions/" + subscription).text("status")).isEqualTo("ACTIVE");
            await(() -> operations(provider, customer), ops -> ops.contains("RESUME"));
            await(() -> incomplete(observer), n -> n == 0);
            assertThat(operations(provider, customer)).containsExactly("PROVISION", "SUSPEND", "RESUME");
        }
    }

    /** The operations of the account's provisioning tasks, oldest first (the API lists the newest first). */
    private static List<String> operations(Api api, String accountId) {
        List<String> operations = new ArrayList<>();
        api.get("/api/v1/accounts/" + accountId + "/provisioning-tasks?limit=100").json().path("items")
                .forEach(task -> operations.add(0, task.path("operation").asString()));
        return operations;
    }

    /** The pid of the session that waits for the lock to insert a provisioning task, or 0. */
    private static long waitingInsert(Connection connection) {
        return single(connection, """
                SELECT coalesce(max(pid), 0) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO provisioning_task%'""");
    }

    private static long incomplete(Connection connection) {
        try (var statement = connection.prepareStatement(
                "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE ?")) {
            statement.setString(1, LISTENER);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            Object value = rs.getObject(1);
            return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = probe.get();
        while (!until.test(value)) {
            assertThat(System.nanoTime()).as("still %s", value).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }
}
