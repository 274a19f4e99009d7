package io.cascade.assets;

import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IoT case of seed 004 end to end ("Done means" of issue 4): a reseller imports 10,000 SIMs, assigns a batch to a
 * customer with an {@code iot} subscription, they activate and count against the limits up the tree, the customer's
 * customer user sees exactly those SIMs, and suspending the customer, its subscription or its vendor suspends them.
 */
class IotSimsIT extends IntegrationTest {

    @Test
    void aResellersSimsActivateCountSuspendAndResumeWithTheirCustomer() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CatalogFixtures.Service iot = CatalogFixtures.iotService(provider);
        String simType = iot.counted();
        String dataType = iot.metered();
        Api.Response countedData = provider.post("/api/v1/services", Map.of("code", "iot-counted-" + suffix,
                "name", "IoT", "adapter", "iot", "adapterConfig", Map.of("simResourceType", "s-" + suffix,
                        "dataResourceType", "d-" + suffix),
                "resourceTypes", List.of(Map.of("code", "s-" + suffix, "name", "SIM", "unit", "SIM"),
                        Map.of("code", "d-" + suffix, "name", "Data", "unit", "MB"))));
        assertThat(countedData.status()).as("data usage is recorded as a metered type only: %s", countedData)
                .isEqualTo(422);
        assertThat(countedData.json().path("errors").get(0).path("field").asString())
                .isEqualTo("adapterConfig.dataResourceType");
        Api.Response badConfig = provider.post("/api/v1/services", Map.of("code", "iot-bad-" + suffix, "name", "X",
                "adapter", "iot", "resourceTypes", List.of(Map.of("code", "x-" + suffix, "name", "X", "unit", "X"))));
        assertThat(badConfig.status()).as("the iot adapter needs its SIM resource type: %s", badConfig)
                .isEqualTo(422);

        Tree tree = TreeFixtures.iotReseller(provider, iot, 1000, 150).named("IoT Reseller")
                .customer("IoT Customer").build();
        String resellerId = tree.resellerId();
        String customerId = tree.customerId();
        Api admin = tree.reseller();
        String subscriptionPath = "/api/v1/subscriptions/" + tree.subscriptionId();
        assertThat(admin.get(subscriptionPath).text("status")).as("provisioned at once by the iot adapter")
                .isEqualTo("ACTIVE");

        // the reseller imports 10,000 SIMs and assigns a batch of 100 to the customer
        SimFixtures sims = SimFixtures.block();
        String stock = "/api/v1/accounts/" + resellerId + "/assets";
        Api.Response imported = admin.send("POST", stock + "/import", sims.csv(0, 10_000), "text/csv");
        assertThat(imported.json().path("imported").asInt()).as("%s", imported).isEqualTo(10_000);
        List<String> page = ids(admin.get(stock + "?limit=500"));
        List<String> batch = page.subList(0, 100);
        Api.Response assigned = admin.post(stock + "/assign", Map.of("customerId", customerId, "assetIds", batch));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.json().path("activated").asInt()).isEqualTo(100);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("ACTIVE");
        assertThat(quantity(admin.get(subscriptionPath), simType)).as("100 SIMs count on the subscription")
                .isEqualByComparingTo("100");
        assertThat(quantity(provider.get("/api/v1/subscriptions/" + tree.holdingId()), simType))
                .as("and on the reseller's holding above it").isEqualByComparingTo("100");

        // the customer's customer user sees exactly those SIMs
        String opsEmail = unique("iot-ops") + "@iot.test";
        assertThat(admin.post("/api/v1/accounts/" + resellerId + "/customer-users", Map.of("email", opsEmail,
                "name", "IoT Ops", "password", PASSWORD, "customerIds", List.of(customerId))).status())
                .isEqualTo(201);
        Api ops = as(opsEmail, PASSWORD);
        assertThat(new TreeSet<>(ids(ops.get(stock + "?limit=500")))).as("exactly the batch")
                .isEqualTo(new TreeSet<>(batch));
        assertThat(ops.get("/api/v1/assets/" + page.get(100)).status()).as("a SIM in stock").isEqualTo(404);
        assertThat(ops.get(subscriptionPath).status()).as("its customer's subscription").isEqualTo(200);
        assertThat(ops.get("/api/v1/subscriptions/" + tree.holdingId()).status()).isEqualTo(404);

        // data usage per SIM is the subscription's data usage
        String iccid = admin.get("/api/v1/assets/" + batch.get(0)).text("iccid");
        String at = Instant.now().minusSeconds(300).toString();
        Api.Response usage = admin.post("/api/v1/assets/usage", Map.of("records", List.of(
                Map.of("id", "r1", "iccid", iccid, "quantity", new BigDecimal("12.5"), "at", at),
                Map.of("id", "r1", "iccid", iccid, "quantity", new BigDecimal("12.5"), "at", at),
                Map.of("id", "r2", "iccid", sims.iccid(9_999), "quantity", 1, "at", at))));
        assertThat(usage.json().path("accepted").asInt()).as("%s", usage).isEqualTo(1);
        assertThat(usage.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(usage.json().path("rejected").get(0).path("index").asInt()).as("a SIM in stock").isEqualTo(2);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Api.Response summary = ops.get("/api/v1/accounts/" + customerId + "/usage?from=" + today.minusDays(1)
                + "&to=" + today.plusDays(1));
        assertThat(summary.status()).as("%s", summary).isEqualTo(200);
        assertThat(summary.body()).contains(dataType).contains("12.5");

        // suspending the customer suspends its SIMs; resuming restores them
        assertThat(admin.post("/api/v1/accounts/" + customerId + "/suspend", null).status()).isEqualTo(200);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("SUSPENDED");
        assertThat(admin.post("/api/v1/accounts/" + customerId + "/resume", null).status()).isEqualTo(200);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("ACTIVE");

        // so does suspending its subscription
        assertThat(admin.post(subscriptionPath + "/suspend", Map.of()).status()).isEqualTo(200);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("SUSPENDED");
        assertThat(admin.post(subscriptionPath + "/resume", Map.of()).status()).isEqualTo(200);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("ACTIVE");

        // and suspending its vendor
        assertThat(provider.post("/api/v1/accounts/" + resellerId + "/suspend", null).status()).isEqualTo(200);
        assertThat(states(provider, "/api/v1/accounts/" + customerId + "/assets?limit=500"))
                .containsOnly("SUSPENDED");
        assertThat(provider.post("/api/v1/accounts/" + resellerId + "/resume", null).status()).isEqualTo(200);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("ACTIVE");

        // the plan's HARD limit of 150 SIMs refuses a batch that would pass it, and nothing changes
        Api.Response tooMany = admin.post(stock + "/assign", Map.of("customerId", customerId,
                "assetIds", page.subList(100, 160)));
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(422);
        assertThat(tooMany.text("type")).isEqualTo("urn:cascade:problem:limit-exceeded");
        assertThat(admin.get("/api/v1/assets/" + page.get(100)).text("state")).isEqualTo("IN_STOCK");
        assertThat(quantity(admin.get(subscriptionPath), simType)).isEqualByComparingTo("100");

        // taking SIMs back releases them; cancelling the subscription disconnects the rest
        Api.Response back = admin.post(stock + "/unassign", Map.of("assetIds", batch.subList(0, 10)));
        assertThat(back.json().path("count").asInt()).as("%s", back).isEqualTo(10);
        assertThat(quantity(admin.get(subscriptionPath), simType)).isEqualByComparingTo("90");
        assertThat(quantity(provider.get("/api/v1/subscriptions/" + tree.holdingId()), simType))
                .isEqualByComparingTo("90");
        assertThat(admin.post(subscriptionPath + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(states(admin, "/api/v1/accounts/" + customerId + "/assets?limit=500")).containsOnly("ASSIGNED");
    }

    @Test
    void concurrentAssignmentsCountEverySimOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String simType = "sim-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "iot-" + suffix, "name", "IoT",
                "adapter", "iot", "adapterConfig", Map.of("simResourceType", simType),
                "resourceTypes", List.of(Map.of("code", simType, "name", "SIM", "unit", "SIM"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named("IoT Race Reseller")
                .wholesale("50.00", resource(simType, 0, 1000, "HARD", "1.00", null))
                .plan("20.00", resource(simType, 0, 1000, "HARD", "2.00", null))
                .customer("IoT Race Customer").build();
        String customerId = tree.customerId();
        Api admin = tree.reseller();
        String stock = "/api/v1/accounts/" + tree.resellerId() + "/assets";
        admin.send("POST", stock + "/import", SimFixtures.block().csv(0, 80), "text/csv");
        List<String> all = ids(admin.get(stock + "?limit=500"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<String> batch = all.subList(i * 20, i * 20 + 20);
            answers.add(pool.submit(() -> admin.post(stock + "/assign", Map.of("customerId", customerId,
                    "assetIds", batch))));
        }
        for (var answer : answers) {
            assertThat(answer.get().status()).as("%s", answer.get()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(quantity(admin.get("/api/v1/subscriptions/" + tree.subscriptionId()), simType))
                .as("four batches of 20 assigned at the same time").isEqualByComparingTo("80");
        assertThat(admin.get(stock + "?state=ACTIVE&limit=500").json().path("items").size()).isEqualTo(80);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private javax.sql.DataSource dataSource;

    /**
     * A change of the subscription holds its row while its SIMs follow it and are counted again. Assigning SIMs
     * serializes its count on the same row and takes no lock of its own before it. With one taken first, the two
     * deadlocked: a full test run of 2026-12-07 failed on "deadlock detected" between a reseller's resume and an
     * assignment.
     */
    @Test
    void assigningSimsWaitsForAChangeOfTheSubscriptionBeforeItTakesTheCountsLock() throws Exception {
        CatalogFixtures.Service iot = CatalogFixtures.iotService(provider);
        Tree tree = TreeFixtures.iotReseller(provider, iot, 1000, 150).named("IoT Lock Order")
                .customer("IoT Lock Order Customer").build();
        Api admin = tree.reseller();
        String stock = "/api/v1/accounts/" + tree.resellerId() + "/assets";
        Api.Response imported = admin.send("POST", stock + "/import", SimFixtures.block().csv(0, 10), "text/csv");
        assertThat(imported.json().path("imported").asInt()).as("%s", imported).isEqualTo(10);
        List<String> sims = ids(admin.get(stock + "?limit=10"));
        String subscriptionId = tree.subscriptionId();
        try (java.sql.Connection change = dataSource.getConnection()) {
            change.setAutoCommit(false);
            int pid;
            try (var lock = change.prepareStatement("SELECT pg_backend_pid() FROM subscription WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, UUID.fromString(subscriptionId));
                try (var rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    pid = rs.getInt(1);
                }
            }
            var assign = java.util.concurrent.CompletableFuture.supplyAsync(() -> admin.post(stock + "/assign",
                    Map.of("customerId", tree.customerId(), "assetIds", sims)));
            org.awaitility.Awaitility.await("the assignment waits for the change").atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(20)).until(() -> {
                        try (var blocked = dataSource.getConnection().prepareStatement(
                                "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
                            blocked.setInt(1, pid);
                            try (var rs = blocked.executeQuery()) {
                                rs.next();
                                return rs.getInt(1) > 0;
                            } finally {
                                blocked.getConnection().close();
                            }
                        }
                    });
            // the waiting assignment holds no lock of its own that the change could need next
            try (var held = change.prepareStatement("""
                    SELECT count(*) FROM pg_locks l
                    WHERE l.granted AND l.locktype = 'advisory' AND l.pid IN (
                        SELECT a.pid FROM pg_stat_activity a WHERE ? = ANY(pg_blocking_pids(a.pid)))""")) {
                held.setInt(1, pid);
                try (var rs = held.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("advisory locks held by the waiting assignment").isZero();
                }
            }
            change.rollback();
            Api.Response assigned = assign.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
            assertThat(assigned.json().path("activated").asInt()).isEqualTo(10);
        }
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("items").forEach(a -> ids.add(a.path("id").asString()));
        return ids;
    }

    private static Set<String> states(Api api, String path) {
        Api.Response page = api.get(path);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        Set<String> states = new TreeSet<>();
        page.json().path("items").forEach(a -> states.add(a.path("state").asString()));
        assertThat(page.json().path("items").size()).isPositive();
        return states;
    }

    private static BigDecimal quantity(Api.Response subscription, String type) {
        for (JsonNode r : subscription.json().path("resources")) {
            if (r.path("resourceType").asString().equals(type)) {
                JsonNode q = r.path("quantity");
                return q.isString() ? new BigDecimal(q.asString()) : q.decimalValue();
            }
        }
        throw new AssertionError("no " + type + " in " + subscription);
    }
}
