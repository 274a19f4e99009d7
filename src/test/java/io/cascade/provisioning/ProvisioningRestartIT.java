package io.cascade.provisioning;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

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
    private static final String RUNNER = "cascade.provisioning.runner-enabled=";

    @TempDir
    Path dataDir;

    private Nodes nodes() {
        return new Nodes(dataDir, EMAIL, PASSWORD,
                "cascade.provisioning.workers=2",
                "cascade.provisioning.poll-interval=PT0.3S",
                "cascade.provisioning.http-timeout=PT90S",
                "cascade.provisioning.lease=PT3M",
                // the remote system listens on loopback, which outgoing calls may reach only when allowed
                "cascade.outbound.allowed-networks=127.0.0.0/8,::1/128",
                "cascade.db.pool-size=4");
    }

    @Test
    void tasksSurviveARestartAndTwoNodesRunEachOnce() throws Exception {
        Nodes nodes = nodes();
        int dbPort = Nodes.freePort();
        List<String> subscriptions = new ArrayList<>();
        try (RemoteSystem remote = new RemoteSystem()) {
            try (ConfigurableApplicationContext first = nodes.start(dbPort, RUNNER + false)) {
                Api provider = nodes.signedIn(first);
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
            try (ConfigurableApplicationContext restarted = nodes.start(dbPort, RUNNER + true)) {
                Api provider = nodes.signedIn(restarted);
                for (String id : subscriptions) {
                    assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("PENDING");
                }
                HttpProvisioningIT.await("the restarted node calls out", remote::received, r -> r.size() >= 2);
                try (ConfigurableApplicationContext second = nodes.join(dbPort, RUNNER + true)) {
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
                    Set<Integer> callbackPorts = calls.stream().map(c -> URI.create(Api.JSON.readTree(c.body())
                            .path("data").path("callbackUrl").asString()).getPort()).collect(Collectors.toSet());
                    assertThat(callbackPorts).as("both nodes ran tasks").hasSize(2);
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
}
