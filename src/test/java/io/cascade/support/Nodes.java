package io.cascade.support;

import io.cascade.CascadeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cascade nodes a test starts and stops itself, each a whole application (a context of its own, on a random HTTP
 * port): a node with its own embedded PostgreSQL in the test's data directory — a restart is a second node on the same
 * directory — and further nodes on a database that already runs (another node's, or the shared test context's), as
 * several nodes of one installation. A node stops when it is closed.
 * <p>
 * Every node signs its provider administrator up with the test's e-mail and password and gets the test's properties;
 * a node's own properties come on top. Properties are {@code name=value} and are passed as command-line arguments,
 * which win over application.properties (default properties would not); a name must not be given twice.
 */
public final class Nodes {
    private final Path dataDir;
    private final String adminEmail;
    private final String adminPassword;
    private final List<String> properties;

    /**
     * @param dataDir    where nodes with an embedded database keep it ({@code null}: the test starts none)
     * @param properties what every node of the test gets
     */
    public Nodes(Path dataDir, String adminEmail, String adminPassword, String... properties) {
        this.dataDir = dataDir;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.properties = List.of(properties);
    }

    /** A node with its embedded PostgreSQL in the data directory, on any free port. */
    public ConfigurableApplicationContext start(String... properties) {
        return run(List.of("cascade.data-dir=" + dataDir), properties);
    }

    /** A node with its embedded PostgreSQL in the data directory on {@code dbPort}, which further nodes can join. */
    public ConfigurableApplicationContext start(int dbPort, String... properties) {
        return run(List.of("cascade.data-dir=" + dataDir, "cascade.db.embedded.port=" + dbPort), properties);
    }

    /** A further node on the embedded PostgreSQL another node runs on {@code dbPort}. */
    public ConfigurableApplicationContext join(int dbPort, String... properties) {
        return join(url(dbPort), properties);
    }

    /** A further node on the running database at {@code jdbcUrl}. */
    public ConfigurableApplicationContext join(String jdbcUrl, String... properties) {
        return run(List.of("cascade.db.url=" + jdbcUrl, "cascade.db.user=postgres"), properties);
    }

    /** The provider administrator of the test, signed in on the node. */
    public Api signedIn(ConfigurableApplicationContext node) {
        return signedIn(node, adminEmail, adminPassword);
    }

    /** A user, signed in on the node. */
    public static Api signedIn(ConfigurableApplicationContext node, String email, String password) {
        int port = Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
        Api anonymous = new Api(port, null);
        Api.Response token = anonymous.post("/api/v1/auth/tokens", Map.of("email", email, "password", password));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return anonymous.withToken(token.text("token"));
    }

    /** The JDBC URL of the embedded PostgreSQL a node runs on {@code dbPort}. */
    public static String url(int dbPort) {
        return "jdbc:postgresql://localhost:" + dbPort + "/postgres";
    }

    /** A TCP port free now, for a node's embedded PostgreSQL that further nodes will join. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConfigurableApplicationContext run(List<String> database, String... own) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--cascade.admin.email=" + adminEmail,
                "--cascade.admin.password=" + adminPassword,
                "--spring.main.banner-mode=off",
                // bcrypt at its lowest work factor, as in every IT
                "--cascade.identity.password-hash-cost=4"));
        properties.forEach(p -> args.add("--" + p));
        database.forEach(p -> args.add("--" + p));
        for (String p : own) {
            args.add("--" + p);
        }
        return new SpringApplicationBuilder(CascadeApplication.class).run(args.toArray(String[]::new));
    }
}
