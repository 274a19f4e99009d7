package io.cascade.nodes;

import com.sun.net.httpserver.HttpServer;
import io.cascade.nodes.internal.HealthProbes;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service nodes (issue 19, ADR 0040): the registry for the provider's staff only, placement on the least loaded
 * active node with room, refusal when every node is full, draining and moves, and health probes against real local
 * endpoints (an HTTP server and a TCP socket of this test): DOWN after the node's number of failures, its resources'
 * tasks waiting (not failing) until it is back, and one notice mail per outage. Probes are driven by calling the
 * probe job's method, not by the scheduler (whose tick is an hour in tests).
 */
class NodesIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Autowired
    private HealthProbes health;
    @Autowired
    private JdbcClient jdbc;

    private HttpServer server;
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicInteger provisioningCalls = new AtomicInteger();
    private final AtomicInteger hookStatus = new AtomicInteger(204);
    private final List<String> provisioningTypes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(healthStatus.get(), -1);
            exchange.close();
        });
        server.createContext("/hook", exchange -> {
            provisioningTypes.add(Api.JSON.readTree(exchange.getRequestBody().readAllBytes()).path("type").asString());
            provisioningCalls.incrementAndGet();
            exchange.sendResponseHeaders(hookStatus.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    record Setup(String serviceId, String type, String planId, String customerId, String customerAdminEmail) {
    }

    private Setup setup(String adapter) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String type = "mbx-" + suffix;
        Map<String, Object> service = new LinkedHashMap<>(Map.of("code", "hosting-" + suffix, "name",
                "Hosting " + suffix, "adapter", adapter,
                "resourceTypes", List.of(Map.of("code", type, "name", "Mailbox", "unit", "count"))));
        if (adapter.equals("http")) {
            service.put("adapterConfig", Map.of("url", base() + "/hook", "secret",
                    "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes())));
        }
        Api.Response created = provider.post("/api/v1/services", service);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "10.00",
                List.of(resource(type, 0, 1000, "HARD", "1.00", null)));
        AccountFixtures.Created customer = AccountFixtures.customer("Nodes Customer " + suffix).create(provider);
        return new Setup(created.text("id"), type, plan, customer.id(), customer.adminEmail());
    }

    private Api.Response subscribe(Setup setup, int quantity) {
        return provider.post("/api/v1/accounts/" + setup.customerId() + "/subscriptions", Map.of("planId",
                setup.planId(), "resources", List.of(Map.of("resourceType", setup.type(), "quantity", quantity))));
    }

    private Map<String, Object> node(String name, Setup setup, long capacity) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("address", "127.0.0.1");
        node.put("services", List.of(setup.serviceId()));
        node.put("capacity", Map.of(setup.type(), capacity));
        node.put("healthCheck", "HTTP");
        node.put("healthUrl", base() + "/health");
        node.put("probeIntervalSeconds", 3600);
        node.put("probeTimeoutMs", 1000);
        node.put("failAfter", 2);
        return node;
    }

    private String create(Map<String, Object> node) {
        Api.Response created = provider.post("/api/v1/nodes", node);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    /** The node the subscription's PROVISION task placed it on. */
    private String placedOn(String subscriptionId, String customerId) {
        JsonNode tasks = provider.get("/api/v1/accounts/" + customerId + "/provisioning-tasks?subscriptionId="
                + subscriptionId).json().path("items");
        return tasks.get(tasks.size() - 1).path("nodeId").asString();
    }

    @Test
    void nodesTakeResourcesLeastLoadedFirstUntilEveryNodeIsFullAndADrainedNodeIsMovedOff() {
        Setup setup = setup("manual");
        String suffix = UUID.randomUUID().toString().substring(0, 6);

        // bad input names every bad field and writes nothing
        Map<String, Object> bad = node("", setup, 10);
        bad.put("capacity", Map.of("no-such-type", 5, setup.type(), -1));
        bad.put("healthUrl", "ftp://x");
        bad.put("services", List.of(setup.serviceId(), UUID.randomUUID().toString()));
        bad.put("failAfter", 0);
        Api.Response refused = provider.post("/api/v1/nodes", bad);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .contains("name", "capacity.no-such-type", "healthUrl", "services[1]", "failAfter");
        Map<String, Object> tcpWithoutPort = node("tcp-" + suffix, setup, 10);
        tcpWithoutPort.put("healthCheck", "TCP");
        assertThat(provider.post("/api/v1/nodes", tcpWithoutPort).json().path("errors").toString())
                .contains("healthPort");
        assertThat(provider.post("/api/v1/nodes", Map.of("name", "x", "healthCheck", "PING")).status())
                .isEqualTo(400);
        assertThat(provider.get("/api/v1/nodes?serviceId=" + setup.serviceId()).json().path("items").size())
                .as("nothing written").isZero();

        String a = create(node("a-" + suffix, setup, 10));
        String b = create(node("b-" + suffix, setup, 10));
        Api.Response taken = provider.post("/api/v1/nodes", node("A-" + suffix, setup, 10));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("type")).isEqualTo(PROBLEM + "node-name-taken");

        // least loaded first: both empty (a by name), then b (0 % < 60 %), then b again (30 % < 60 %)
        String first = subscribe(setup, 6).text("id");
        assertThat(placedOn(first, setup.customerId())).isEqualTo(a);
        String second = subscribe(setup, 3).text("id");
        assertThat(placedOn(second, setup.customerId())).isEqualTo(b);
        String third = subscribe(setup, 3).text("id");
        assertThat(placedOn(third, setup.customerId())).isEqualTo(b);

        // 5 more fit on neither (6 + 5 > 10 on both): refused, and the subscription is not there
        int before = provider.get("/api/v1/accounts/" + setup.customerId() + "/subscriptions").json()
                .path("items").size();
        Api.Response full = subscribe(setup, 5);
        assertThat(full.status()).as("%s", full).isEqualTo(409);
        assertThat(full.text("type")).isEqualTo(PROBLEM + "node-capacity-exhausted");
        assertThat(full.json().path("serviceId").asString()).isEqualTo(setup.serviceId());
        assertThat(provider.get("/api/v1/accounts/" + setup.customerId() + "/subscriptions").json()
                .path("items").size()).as("nothing half-written").isEqualTo(before);

        JsonNode nodeB = provider.get("/api/v1/nodes/" + b).json();
        assertThat(nodeB.path("used").path(setup.type()).asInt()).isEqualTo(6);
        assertThat(nodeB.path("placements").asInt()).isEqualTo(2);

        // a draining node takes nothing new: 4 go to a (6 + 4 = 10), then 1 fits nowhere
        assertThat(provider.post("/api/v1/nodes/" + a + "/moves", null).text("type"))
                .isEqualTo(PROBLEM + "node-not-draining");
        assertThat(provider.post("/api/v1/nodes/" + b + "/drain", null).text("state")).isEqualTo("DRAINING");
        String fourth = subscribe(setup, 4).text("id");
        assertThat(placedOn(fourth, setup.customerId())).isEqualTo(a);
        assertThat(subscribe(setup, 1).text("type")).isEqualTo(PROBLEM + "node-capacity-exhausted");

        // moving b's resources: a is full, so nothing moves; with more capacity on a, one MOVE task each
        Api.Response noRoom = provider.post("/api/v1/nodes/" + b + "/moves", null);
        assertThat(noRoom.status()).as("%s", noRoom).isEqualTo(409);
        assertThat(noRoom.text("type")).isEqualTo(PROBLEM + "node-capacity-exhausted");
        assertThat(provider.get("/api/v1/nodes/" + b + "/placements").json().path("items").valueStream()
                .allMatch(p -> p.path("targetNodeId").isNull())).as("no move started").isTrue();
        Api.Response nodeA = provider.get("/api/v1/nodes/" + a);
        Api.Response stale = provider.send("PATCH", "/api/v1/nodes/" + a, Map.of("capacity",
                Map.of(setup.type(), 20)), "application/merge-patch+json");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(provider.withHeader("If-Match", nodeA.header("ETag")).send("PATCH", "/api/v1/nodes/" + a,
                Map.of("capacity", Map.of(setup.type(), 30)), "application/merge-patch+json").status())
                .as("a stale ETag").isEqualTo(412);
        Api.Response moved = provider.post("/api/v1/nodes/" + b + "/moves", null);
        assertThat(moved.status()).as("%s", moved).isEqualTo(202);
        assertThat(moved.json().size()).isEqualTo(2);
        JsonNode moveTasks = provider.get("/api/v1/accounts/" + setup.customerId()
                + "/provisioning-tasks?subscriptionId=" + second).json().path("items");
        assertThat(moveTasks.get(0).path("operation").asString()).isEqualTo("MOVE");
        assertThat(moveTasks.get(0).path("status").asString()).as("the manual adapter moves at once")
                .isEqualTo("DONE");
        assertThat(moveTasks.get(0).path("payload").path("fromNode").path("id").asString()).isEqualTo(b);
        assertThat(moveTasks.get(0).path("nodeId").asString()).isEqualTo(a);
        assertThat(provider.get("/api/v1/nodes/" + a).json().path("used").path(setup.type()).asInt()).isEqualTo(16);
        assertThat(provider.get("/api/v1/nodes/" + b + "/placements").json().path("items").size()).isZero();
        assertThat(provider.post("/api/v1/nodes/" + a + "/retire", null).text("type"))
                .isEqualTo(PROBLEM + "node-has-placements");
        assertThat(provider.post("/api/v1/nodes/" + b + "/retire", null).text("state")).isEqualTo("RETIRED");
        assertThat(provider.post("/api/v1/nodes/" + b + "/activate", null).text("type"))
                .isEqualTo(PROBLEM + "node-retired");

        // cancelling a subscription frees its units on the node
        assertThat(provider.post("/api/v1/subscriptions/" + first + "/cancel", null).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                provider.get("/api/v1/nodes/" + a).json().path("used").path(setup.type()).asInt() == 10);

        // a mailbox goes where its mail subscription is, counted by the subscription's quantity
        String mailbox = "mailbox-" + suffix;
        Api.Response mail = provider.post("/api/v1/services", Map.of("code", "mail-" + suffix, "name", "Mail "
                + suffix, "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailbox),
                "resourceTypes", List.of(Map.of("code", mailbox, "name", "Mailbox", "unit", "count"))));
        assertThat(mail.status()).as("%s", mail).isEqualTo(201);
        Setup mailSetup = new Setup(mail.text("id"), mailbox, CatalogFixtures.publishedPlan(provider, providerId(),
                "END_CUSTOMER", "3.00", List.of(resource(mailbox, 0, 10, "HARD", "1.00", null))),
                setup.customerId(), setup.customerAdminEmail());
        String m = create(node("mail-" + suffix, mailSetup, 5));
        String mailSubscription = subscribe(mailSetup, 2).text("id");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "ACTIVE".equals(
                provider.get("/api/v1/subscriptions/" + mailSubscription).text("status")));
        Api.Response user = provider.post("/api/v1/accounts/" + setup.customerId() + "/service-users", Map.of(
                "name", "Mailbox User", "email", "mbx-" + suffix + "@nodes.test", "password", PASSWORD,
                "mailboxQuotaMb", 10));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        JsonNode onMail = provider.get("/api/v1/nodes/" + m + "/placements").json().path("items");
        assertThat(onMail.size()).isEqualTo(2);
        JsonNode follower = onMail.valueStream().filter(p -> p.path("subjectId").asString()
                .equals(user.text("id"))).findFirst().orElseThrow();
        assertThat(follower.path("parentSubjectId").asString()).isEqualTo(mailSubscription);
        assertThat(follower.path("units").isEmpty()).isTrue();
        assertThat(provider.get("/api/v1/nodes/" + m).json().path("used").path(mailbox).asInt()).isEqualTo(2);

        // the provider's staff only: a reseller gets 403 for the list and 404 for a node; READ_ONLY staff read only
        AccountFixtures.Created reseller = AccountFixtures.reseller("Nodes Outsider").create(provider);
        Api outsider = as(reseller.adminEmail(), PASSWORD);
        assertThat(outsider.get("/api/v1/nodes").text("type")).isEqualTo(PROBLEM + "provider-only");
        assertThat(outsider.post("/api/v1/nodes", node("c-" + suffix, setup, 1)).status()).isEqualTo(403);
        Api.Response hidden = outsider.get("/api/v1/nodes/" + a);
        Api.Response random = outsider.get("/api/v1/nodes/" + UUID.randomUUID());
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.text("type")).isEqualTo(random.text("type")).isEqualTo(PROBLEM + "not-found");
        assertThat(hidden.json().path("detail")).isEqualTo(random.json().path("detail"));
        assertThat(outsider.post("/api/v1/nodes/" + a + "/drain", null).status()).isEqualTo(404);
        String email = unique("nodes-readonly") + "@nodes.test";
        assertThat(provider.post("/api/v1/accounts/" + providerId() + "/users", Map.of("email", email, "name",
                "Read Only", "password", PASSWORD, "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        Api readOnly = as(email, PASSWORD);
        assertThat(readOnly.get("/api/v1/nodes/" + a).status()).isEqualTo(200);
        Api.Response forbidden = readOnly.post("/api/v1/nodes/" + a + "/drain", null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.text("type")).isEqualTo(PROBLEM + "missing-privilege");

        List<String> actions = provider.get("/api/v1/accounts/" + providerId() + "/audit-events?limit=200").json()
                .path("items").valueStream().filter(e -> e.toString().contains(b) || e.toString().contains(a))
                .map(e -> e.path("action").asString()).toList();
        assertThat(actions).contains("node.created", "node.updated", "node.drained", "node.moves-requested",
                "node.retired");
    }

    @Test
    void aNodeThatFailsItsProbesIsDownItsTasksWaitAndTheStaffAreToldOnce() throws IOException {
        Setup setup = setup("http");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String n = create(node("http-" + suffix, setup, 100));
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'node-health'")
                .query(Integer.class).single()).as("the probe job is on the job engine").isEqualTo(1);
        assertThat(health.probe(UUID.fromString(n)).orElseThrow().lastProbeOk()).isTrue();

        String subscription = subscribe(setup, 3).text("id");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "ACTIVE".equals(
                provider.get("/api/v1/subscriptions/" + subscription).text("status")));
        assertThat(placedOn(subscription, setup.customerId())).isEqualTo(n);
        assertThat(provisioningCalls.get()).isEqualTo(1);

        // two failed probes in a row (failAfter 2): DOWN, one notice; a third failure tells nobody again
        healthStatus.set(503);
        assertThat(health.probe(UUID.fromString(n)).orElseThrow().state().name()).isEqualTo("ACTIVE");
        assertThat(health.probe(UUID.fromString(n)).orElseThrow().state().name()).isEqualTo("DOWN");
        assertThat(health.probe(UUID.fromString(n)).orElseThrow().consecutiveFailures()).isEqualTo(3);
        assertThat(notices(n)).isEqualTo(1);

        // its resources' tasks wait instead of failing, and nothing new is placed on it
        assertThat(provider.post("/api/v1/subscriptions/" + subscription + "/change", Map.of("resources",
                List.of(Map.of("resourceType", setup.type(), "quantity", 5)))).status()).isEqualTo(200);
        JsonNode waiting = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> change(setup,
                subscription), t -> t != null && t.path("waitingForNode").asBoolean());
        assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
        assertThat(waiting.path("attempts").asInt()).isZero();
        assertThat(provisioningCalls.get()).isEqualTo(1);
        assertThat(subscribe(setup, 1).text("type")).isEqualTo(PROBLEM + "node-capacity-exhausted");

        // back: ACTIVE again, and the waiting task runs
        healthStatus.set(200);
        assertThat(health.probe(UUID.fromString(n)).orElseThrow().state().name()).isEqualTo("ACTIVE");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(
                change(setup, subscription).path("status").asString()));
        assertThat(provisioningCalls.get()).isEqualTo(2);
        assertThat(provider.get("/api/v1/nodes/" + n).json().path("used").path(setup.type()).asInt()).isEqualTo(5);

        // draining it and moving its resources: the remote system refuses the first move (422), the task FAILED
        String other = create(node("http2-" + suffix, setup, 100));
        assertThat(provider.post("/api/v1/nodes/" + n + "/drain", null).status()).isEqualTo(200);
        hookStatus.set(422);
        Api.Response refused = provider.post("/api/v1/nodes/" + n + "/moves", null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(202);
        String move = "/api/v1/provisioning-tasks/" + refused.json().get(0).path("moveTaskId").asString();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(provider.get(move)
                .text("status")));
        assertThat(used(other, setup)).as("room kept for it on the target").isEqualTo(5);
        // cancelling it: the provider's staff only (the customer sees the task, but no move to cancel: 404); other
        // operations are not cancelled (409); the resource stays on n and the target's room is free again
        Api customer = as(setup.customerAdminEmail(), PASSWORD);
        assertThat(customer.get(move).status()).isEqualTo(200);
        assertThat(customer.post(move + "/cancel", null).status()).isEqualTo(404);
        Api.Response notMove = provider.post("/api/v1/provisioning-tasks/" + change(setup, subscription)
                .path("id").asString() + "/cancel", null);
        assertThat(notMove.status()).as("%s", notMove).isEqualTo(409);
        assertThat(notMove.text("type")).isEqualTo(PROBLEM + "task-not-cancellable");
        Api.Response cancelled = provider.post(move + "/cancel", null);
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(provider.post(move + "/cancel", null).text("type")).isEqualTo(PROBLEM + "task-cancelled");
        assertThat(provider.post(move + "/retry", null).text("type")).isEqualTo(PROBLEM + "task-cancelled");
        JsonNode stays = provider.get("/api/v1/nodes/" + n + "/placements").json().path("items").get(0);
        assertThat(stays.path("nodeId").asString()).isEqualTo(n);
        assertThat(stays.hasNonNull("targetNodeId") || stays.hasNonNull("moveTaskId")).as("%s", stays).isFalse();
        assertThat(used(other, setup)).isZero();
        assertThat(provider.get("/api/v1/accounts/" + setup.customerId()
                + "/audit-events?action=provisioning.task-cancelled").body()).contains(move.substring(27));
        // moved again, and accepted: the remote system is told to move the subscription's service
        hookStatus.set(204);
        Api.Response moves = provider.post("/api/v1/nodes/" + n + "/moves", null);
        assertThat(moves.status()).as("%s", moves).isEqualTo(202);
        assertThat(moves.json().get(0).path("targetNodeId").asString()).isEqualTo(other);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> provider.get("/api/v1/nodes/" + other
                + "/placements").json().path("items").valueStream()
                .anyMatch(p -> p.path("nodeId").asString().equals(other)));
        assertThat(provisioningTypes).containsExactly("provisioning.provision", "provisioning.change",
                "provisioning.move", "provisioning.move");

        JsonNode history = provider.get("/api/v1/nodes/" + n + "/probes").json().path("items");
        List<Boolean> oks = new ArrayList<>();
        history.forEach(p -> oks.add(p.path("ok").asBoolean()));
        assertThat(oks).containsExactly(true, false, false, false, true);
        assertThat(history.get(1).path("detail").asString()).isEqualTo("HTTP 503");
        assertThat(TestMail.subject(TestMail.await(ADMIN_EMAIL, "Service node down: http-" + suffix)))
                .isEqualTo("Service node down: http-" + suffix);
        List<String> actions = provider.get("/api/v1/accounts/" + providerId() + "/audit-events?limit=100").json()
                .path("items").valueStream().filter(e -> e.toString().contains(n))
                .map(e -> e.path("action").asString()).toList();
        assertThat(actions).contains("node.down", "node.up");

        // a TCP check: a listening port is healthy, a closed one fails (failAfter 1: DOWN at once)
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Map<String, Object> tcp = node("tcp-" + suffix, setup, 1);
        tcp.put("healthCheck", "TCP");
        tcp.put("healthPort", socket.getLocalPort());
        tcp.put("failAfter", 1);
        String t = create(tcp);
        assertThat(health.probe(UUID.fromString(t)).orElseThrow().lastProbeOk()).isTrue();
        socket.close();
        assertThat(health.probe(UUID.fromString(t)).orElseThrow().state().name()).isEqualTo("DOWN");
        assertThat(notices(t)).isEqualTo(1);
        assertThat(provider.post("/api/v1/nodes/" + t + "/retire", null).text("state")).isEqualTo("RETIRED");
        assertThat(health.probe(UUID.fromString(t))).as("a retired node is not probed").isEmpty();
    }

    private JsonNode change(Setup setup, String subscription) {
        return provider.get("/api/v1/accounts/" + setup.customerId() + "/provisioning-tasks?subscriptionId="
                + subscription).json().path("items").valueStream()
                .filter(task -> task.path("operation").asString().equals("CHANGE")).findFirst().orElse(null);
    }

    private int used(String nodeId, Setup setup) {
        return provider.get("/api/v1/nodes/" + nodeId).json().path("used").path(setup.type()).asInt();
    }

    private int notices(String nodeId) {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE kind = 'node-down' AND data->>'nodeId' = :id")
                .param("id", nodeId).query(Integer.class).single();
    }
}
