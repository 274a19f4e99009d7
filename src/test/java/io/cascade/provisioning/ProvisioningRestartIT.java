package io.cascade.provisioning;

import io.cascade.CascadeApplication;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasks survive a restart, and two nodes on one database never run one task twice: tasks requested while no runner
 * worked are still there after a restart; then two nodes — the restarted one with its embedded PostgreSQL and a
 * second one pointed at that database — work them off together while the remote system holds every call until both
 * nodes are busy, and every task reaches the remote system exactly once.
 */
class ProvisioningRestartIT {
    private static final String EMAIL = "admin@provisioning-restart.test";
    private static final String PASSWORD = "Restart-Secret-77";
    private static final int TASKS = 12;

    @TempDir
    Path dataDir;

    @Test
    void tasksSurviveARestartAndTwoNodesRunEachOnce() throws Exception {
        int dbPort = freePort();
        List<String> subscriptions = new ArrayList<>();
        try (RemoteSystem remote = new RemoteSystem()) {
            try (ConfigurableApplicationContext first = start(dbPort, false, null)) {
                Api provider = signedIn(first);
                String providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();
                String seats = "seat-" + UUID.randomUUID().toString().substring(0, 8);
                assertThat(provider.post("/api/v1/services", Map.of("code", "crm", "name", "CRM", "adapter", "http",
                        "adapterConfig", Map.of("url", remote.url(), "secret", remote.secret),
                        "resourceTypes", List.of(Map.of("code", seats, "name", "Seat", "unit", "count"))))
                        .status()).isEqualTo(201);
                String plan = CatalogFixtures.publishedPlan(provider, providerId, "END_CUSTOMER", "10.00",
                        List.of(resource(seats, 1, 10, "HARD", "3.00", null)));
                for (int i = 0; i < TASKS; i++) {
                    String customer = AccountFixtures.customer("Restart Customer " + i).create(provider).id();
                    Api.Response created = provider.post("/api/v1/accounts/" + customer + "/subscriptions",
                            Map.of("planId", plan));
                    assertThat(created.status()).as("%s", created).isEqualTo(201);
                    subscriptions.add(created.text("id"));
                }
                await("no runner works on this node").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                        .until(remote::received, List::isEmpty);
            }

            RemoteSystem.Gate gate = remote.hold();
            try (ConfigurableApplicationContext restarted = start(dbPort, true, null)) {
                Api provider = signedIn(restarted);
                for (String id : subscriptions) {
                    assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("PENDING");
                }
                HttpProvisioningIT.await("the restarted node calls out", remote::received, r -> r.size() >= 2);
                try (ConfigurableApplicationContext second = start(freePort(), true,
                        "jdbc:postgresql://localhost:" + dbPort + "/postgres")) {
                    HttpProvisioningIT.await("the second node calls out too", remote::received, r -> r.size() >= 4);
                    gate.open();
                    for (String id : subscriptions) {
                        HttpProvisioningIT.await("subscription " + id + " is provisioned",
                                () -> provider.get("/api/v1/subscriptions/" + id).json(),
                                s -> "ACTIVE".equals(s.path("status").asString()));
                    }
                    List<RemoteSystem.Received> calls = remote.received();
                    assertThat(calls).as("one call per task").hasSize(TASKS);
                    assertThat(calls.stream().map(c -> c.header("webhook-id")).distinct()).hasSize(TASKS);
                    assertThat(calls).allMatch(remote::verifies);
                    Set<Integer> nodes = calls.stream().map(c -> URI.create(Api.JSON.readTree(c.body())
                            .path("data").path("callbackUrl").asString()).getPort()).collect(Collectors.toSet());
                    assertThat(nodes).as("both nodes ran tasks").hasSize(2);
                    for (String id : subscriptions) {
                        JsonNode task = provider.get("/api/v1/accounts/" + provider.get("/api/v1/subscriptions/" + id)
                                .text("accountId") + "/provisioning-tasks").json().path("items").get(0);
                        assertThat(task.path("status").asString()).isEqualTo("DONE");
                        assertThat(task.path("attempts").asInt()).isEqualTo(1);
                    }
                }
            } finally {
                gate.open();
            }
        }
    }

    private ConfigurableApplicationContext start(int port, boolean runner, String externalDb) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--cascade.admin.email=" + EMAIL,
                "--cascade.admin.password=" + PASSWORD,
                "--spring.main.banner-mode=off",
                "--cascade.provisioning.runner-enabled=" + runner,
                "--cascade.provisioning.workers=2",
                "--cascade.provisioning.poll-interval=PT0.3S",
                "--cascade.provisioning.http-timeout=PT90S",
                "--cascade.provisioning.lease=PT3M",
                // the remote system listens on loopback, which outgoing calls may reach only when allowed
                "--cascade.outbound.allowed-networks=127.0.0.0/8,::1/128",
                "--cascade.db.pool-size=4"));
        if (externalDb == null) {
            args.add("--cascade.data-dir=" + dataDir);
            args.add("--cascade.db.embedded.port=" + port);
        } else {
            args.add("--cascade.data-dir=" + dataDir.resolve("second"));
            args.add("--cascade.db.url=" + externalDb);
            args.add("--cascade.db.user=postgres");
        }
        return new SpringApplicationBuilder(CascadeApplication.class).run(args.toArray(String[]::new));
    }

    private static Api signedIn(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        Api anonymous = new Api(port, null);
        Api.Response token = anonymous.post("/api/v1/auth/tokens", Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return anonymous.withToken(token.text("token"));
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
