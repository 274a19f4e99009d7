package io.cascade.provisioning;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code http} adapter against a real HTTP server started here: signed calls verified with the Standard Webhooks
 * reference library, the subscription lifecycle carried to the remote system, retries of 5xx and timeouts with
 * back-off, permanent refusals, retries through the API, and completion through the signed callback.
 * (The test settings in {@link IntegrationTest}: back-off 0.3 s doubling to 2 s, 3 attempts, 2 s HTTP timeout.)
 */
class HttpProvisioningIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    private RemoteSystem remote;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void startRemote() throws Exception {
        remote = new RemoteSystem();
    }

    @AfterEach
    void stopRemote() {
        remote.close();
    }

    record Setup(String serviceId, String seats, String customerId, String planId) {
    }

    private Setup setup() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String seats = "seat-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "crm-" + suffix, "name", "CRM",
                "adapter", "http", "adapterConfig", Map.of("url", remote.url(), "secret", remote.secret),
                "resourceTypes", List.of(Map.of("code", seats, "name", "Seat", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "10.00",
                List.of(resource(seats, 2, 50, "HARD", "3.00", null)));
        String customer = AccountFixtures.customer("Http Customer").create(provider).id();
        return new Setup(service.text("id"), seats, customer, plan);
    }

    private Api.Response subscribe(Setup setup, int seats) {
        Api.Response created = provider.post("/api/v1/accounts/" + setup.customerId() + "/subscriptions",
                Map.of("planId", setup.planId(), "resources", List.of(Map.of("resourceType", setup.seats(),
                        "quantity", seats))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created;
    }

    @Test
    void aSubscriptionIsProvisionedThroughASignedCallAndIsActiveOnlyThen() {
        Setup setup = setup();
        remote.then(new RemoteSystem.Answer(200, Duration.ofMillis(500), "{\"externalRef\": \"crm-42\"}"));
        Api.Response created = subscribe(setup, 3);
        String id = created.text("id");
        assertThat(created.text("status")).as("nothing is ACTIVE before its service is provisioned").isEqualTo("PENDING");

        JsonNode active = await("the subscription is provisioned",
                () -> provider.get("/api/v1/subscriptions/" + id).json(),
                s -> "ACTIVE".equals(s.path("status").asString()));
        assertThat(active.path("status").asString()).isEqualTo("ACTIVE");

        List<RemoteSystem.Received> calls = remote.received();
        assertThat(calls).hasSize(1);
        RemoteSystem.Received call = calls.get(0);
        assertThat(remote.verifies(call)).as("the reference library verifies the signature: %s", call).isTrue();
        assertThat(remote.verifies(call.body().replace("PROVISION", "DEPROVISION"), call.headers()))
                .as("a changed body does not verify").isFalse();
        assertThat(call.header("webhook-signature")).startsWith("v1,");
        assertThat(Math.abs(Long.parseLong(call.header("webhook-timestamp")) - Instant.now().getEpochSecond()))
                .isLessThan(60);
        JsonNode message = Api.JSON.readTree(call.body());
        assertThat(message.path("type").asString()).isEqualTo("provisioning.provision");
        JsonNode data = message.path("data");
        assertThat(data.path("operation").asString()).isEqualTo("PROVISION");
        assertThat(data.path("subscriptionId").asString()).isEqualTo(id);
        assertThat(data.path("accountId").asString()).isEqualTo(setup.customerId());
        assertThat(data.path("service").path("id").asString()).isEqualTo(setup.serviceId());
        assertThat(data.path("payload").path("resources").path(setup.seats()).asString()).isEqualTo("3");
        assertThat(call.header("webhook-id")).isEqualTo(data.path("taskId").asString());

        JsonNode tasks = provider.get("/api/v1/accounts/" + setup.customerId() + "/provisioning-tasks").json();
        assertThat(tasks.path("items").size()).isEqualTo(1);
        JsonNode task = tasks.path("items").get(0);
        assertThat(task.path("status").asString()).isEqualTo("DONE");
        assertThat(task.path("attempts").asInt()).isEqualTo(1);
        assertThat(task.path("externalRef").asString()).isEqualTo("crm-42");
        assertThat(task.path("adapter").asString()).isEqualTo("http");
        assertThat(actions(setup.customerId())).contains("provisioning.task-done", "subscription.activated");

        // the rest of the lifecycle is carried the same way, in order
        assertThat(provider.post("/api/v1/subscriptions/" + id + "/change", Map.of("resources",
                List.of(Map.of("resourceType", setup.seats(), "quantity", 5)))).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/subscriptions/" + id + "/suspend", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/subscriptions/" + id + "/resume", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/subscriptions/" + id + "/cancel", null).status()).isEqualTo(200);
        await("the remote system receives five calls", remote::received, r -> r.size() == 5);
        List<RemoteSystem.Received> all = remote.received();
        assertThat(all.stream().map(r -> Api.JSON.readTree(r.body()).path("data").path("operation").asString()))
                .containsExactly("PROVISION", "CHANGE", "SUSPEND", "RESUME", "DEPROVISION");
        assertThat(all).allMatch(remote::verifies);
        assertThat(all.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(5);
        assertThat(Api.JSON.readTree(all.get(1).body()).path("data").path("payload").path("resources")
                .path(setup.seats()).asString()).isEqualTo("5");
        await("five tasks DONE", () -> provider.get("/api/v1/accounts/" + setup.customerId()
                + "/provisioning-tasks?status=DONE").json(), t -> t.path("items").size() == 5);
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedWithBackOffUnderTheSameMessageId() {
        Setup setup = setup();
        remote.then(RemoteSystem.Answer.of(503), new RemoteSystem.Answer(200, Duration.ofSeconds(4), ""))
                .otherwise(RemoteSystem.Answer.of(204));
        String id = subscribe(setup, 1).text("id");
        await("the subscription is provisioned", () -> provider.get("/api/v1/subscriptions/" + id).json(),
                s -> "ACTIVE".equals(s.path("status").asString()));

        List<RemoteSystem.Received> calls = remote.received();
        assertThat(calls).hasSize(3);
        assertThat(calls.stream().map(RemoteSystem.Received::answeredWith)).containsExactly(503, 200, 204);
        assertThat(calls.stream().map(c -> c.header("webhook-id")).distinct()).as("one message, three deliveries")
                .hasSize(1);
        assertThat(calls).allMatch(remote::verifies);
        assertThat(calls.stream().map(c -> Api.JSON.readTree(c.body()).path("data").path("attempt").asInt()))
                .containsExactly(1, 2, 3);
        JsonNode task = tasks(setup.customerId()).get(0);
        assertThat(task.path("status").asString()).isEqualTo("DONE");
        assertThat(task.path("attempts").asInt()).isEqualTo(3);
        assertThat(task.path("lastError").asString()).as("the timeout of the second attempt").contains("No answer");
    }

    @Test
    void aRefusalFailsAtOnceAndARetryThroughTheApiRunsItAgain() {
        Setup setup = setup();
        remote.then(new RemoteSystem.Answer(400, Duration.ZERO, "{\"error\": \"unknown plan\"}"));
        String id = subscribe(setup, 1).text("id");
        JsonNode failed = await("the task FAILED", () -> tasks(setup.customerId()).get(0),
                t -> "FAILED".equals(t.path("status").asString()));
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("lastError").asString()).contains("HTTP 400").contains("unknown plan");
        assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("PENDING");
        assertThat(actions(setup.customerId())).contains("provisioning.task-failed");

        String taskId = failed.path("id").asString();
        Api customerAdmin = customerAdmin(setup);
        assertThat(customerAdmin.get("/api/v1/provisioning-tasks/" + taskId).text("status")).isEqualTo("FAILED");
        String reader = unique("reader") + "@http.test";
        assertThat(provider.post("/api/v1/accounts/" + setup.customerId() + "/users", Map.of("email", reader,
                "name", "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        Api.Response forbidden = as(reader, PASSWORD).post("/api/v1/provisioning-tasks/" + taskId + "/retry", null);
        assertThat(forbidden.status()).isEqualTo(403);

        Api.Response retried = customerAdmin.post("/api/v1/provisioning-tasks/" + taskId + "/retry", null);
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        await("the subscription is provisioned", () -> provider.get("/api/v1/subscriptions/" + id).json(),
                s -> "ACTIVE".equals(s.path("status").asString()));
        JsonNode done = provider.get("/api/v1/provisioning-tasks/" + taskId).json();
        assertThat(done.path("status").asString()).isEqualTo("DONE");
        assertThat(done.path("attempts").asInt()).as("a retry starts with fresh attempts").isEqualTo(1);
        assertThat(remote.received()).hasSize(2);
        assertThat(actions(setup.customerId())).contains("provisioning.task-retried");

        Api.Response again = provider.post("/api/v1/provisioning-tasks/" + taskId + "/retry", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo(PROBLEM + "task-done");
    }

    @Test
    void whenTheAttemptsRunOutTheTaskFails() {
        Setup setup = setup();
        remote.otherwise(RemoteSystem.Answer.of(500));
        String id = subscribe(setup, 1).text("id");
        JsonNode failed = await("the task FAILED after its attempts", () -> tasks(setup.customerId()).get(0),
                t -> "FAILED".equals(t.path("status").asString()));
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastError").asString()).startsWith("Gave up after 3 attempts").contains("HTTP 500");
        assertThat(remote.received()).hasSize(3);
        assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("PENDING");
    }

    @Test
    void aTaskWhoseNodeDiedIsTakenUpAgainOnlyWhenItsHeartbeatStops() {
        Setup setup = setup();
        remote.otherwise(RemoteSystem.Answer.of(503));
        String id = subscribe(setup, 1).text("id");
        String taskId = await("the task FAILED", () -> tasks(setup.customerId()).get(0),
                t -> "FAILED".equals(t.path("status").asString())).path("id").asString();
        assertThat(remote.received()).hasSize(3);
        await("the failed task's job is over", () -> jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = :id")
                .param("id", taskId).query(Long.class).single(), n -> n == 0);

        // a node's job engine picked the task's job, started an attempt and stopped in the middle of the call: its
        // heartbeat (written at the pick) is never renewed
        remote.otherwise(RemoteSystem.Answer.of(200));
        assertThat(jdbc.sql("""
                        UPDATE provisioning_task SET status = 'RUNNING', attempts = 1, finished_at = NULL,
                               lease_token = gen_random_uuid()
                        WHERE id = :id""").param("id", UUID.fromString(taskId)).update()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                                                     last_heartbeat, version)
                        VALUES ('provisioning-task', :id, now(), true, 'ghost', now(), 1)""")
                .param("id", taskId).update()).isEqualTo(1);
        Awaitility.await("nobody takes a task while its node's heartbeat is recent").during(Duration.ofSeconds(1))
                .atMost(Duration.ofMillis(1900))
                .until(() -> provider.get("/api/v1/provisioning-tasks/" + taskId).text("status"), "RUNNING"::equals);
        assertThat(remote.received()).hasSize(3);

        JsonNode done = await("the task is taken up again and DONE",
                () -> provider.get("/api/v1/provisioning-tasks/" + taskId).json(),
                t -> "DONE".equals(t.path("status").asString()));
        assertThat(done.path("attempts").asInt()).isEqualTo(2);
        assertThat(done.path("lastError").asString()).contains("stopped before it finished");
        assertThat(remote.received()).hasSize(4);
        assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void anAcceptedTaskWaitsForASignedCallback() {
        Setup setup = setup();
        remote.then(RemoteSystem.Answer.of(202));
        String id = subscribe(setup, 1).text("id");
        JsonNode waiting = await("the task awaits its callback", () -> tasks(setup.customerId()).get(0),
                t -> t.path("awaitingCallback").asBoolean());
        assertThat(waiting.path("status").asString()).isEqualTo("RUNNING");
        String taskId = waiting.path("id").asString();
        String callbackUrl = Api.JSON.readTree(remote.received().get(0).body()).path("data").path("callbackUrl")
                .asString();
        assertThat(callbackUrl).endsWith("/api/v1/provisioning-callbacks/" + taskId);
        String path = "/api/v1/provisioning-callbacks/" + taskId;

        String body = "{\"taskId\": \"" + taskId + "\", \"status\": \"DONE\", \"externalRef\": \"crm-7\"}";
        Api.Response unsigned = anonymous.post(path, body);
        Api.Response forged = signed(path, body, "v1," + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Api.Response unknown = signedWithLibrary("/api/v1/provisioning-callbacks/" + UUID.randomUUID(), body);
        for (Api.Response refused : List.of(unsigned, forged, unknown)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
            assertThat(refused.text("type")).isEqualTo(PROBLEM + "invalid-signature");
        }
        assertThat(unknown.text("detail")).as("an unknown task looks like a bad signature").isEqualTo(forged.text("detail"));
        assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("PENDING");

        // a report signed with the service's secret completes only the task it names
        Api.Response unnamed = signedWithLibrary(path, "{\"status\": \"DONE\"}");
        Api.Response another = signedWithLibrary(path, "{\"taskId\": \"" + UUID.randomUUID() + "\", \"status\": \"DONE\"}");
        for (Api.Response refused : List.of(unnamed, another)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("taskId");
        }
        assertThat(provider.get("/api/v1/provisioning-tasks/" + taskId).text("status")).isEqualTo("RUNNING");

        Api.Response done = signedWithLibrary(path, body);
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(provider.get("/api/v1/subscriptions/" + id).text("status")).isEqualTo("ACTIVE");
        JsonNode task = provider.get("/api/v1/provisioning-tasks/" + taskId).json();
        assertThat(task.path("status").asString()).isEqualTo("DONE");
        assertThat(task.path("externalRef").asString()).isEqualTo("crm-7");
        assertThat(signedWithLibrary(path, body).status()).as("a repeated delivery is answered again").isEqualTo(200);
        Api.Response contrary = signedWithLibrary(path, "{\"taskId\": \"" + taskId
                + "\", \"status\": \"FAILED\", \"error\": \"late\"}");
        assertThat(contrary.status()).isEqualTo(409);
        assertThat(contrary.text("type")).isEqualTo(PROBLEM + "task-not-running");
        Api.Response stale = anonymous.withHeader("webhook-id", "msg_old")
                .withHeader("webhook-timestamp", Long.toString(Instant.now().minusSeconds(3600).getEpochSecond()))
                .withHeader("webhook-signature", remote.sign("msg_old", Instant.now().minusSeconds(3600)
                        .getEpochSecond(), body)).post(path, body);
        assertThat(stale.status()).as("an old message is refused").isEqualTo(401);
        assertThat(remote.received()).as("the remote was called once").hasSize(1);
    }

    @Test
    void theHttpAdapterNeedsAUrlAndAStandardWebhooksSecretWhichTheAuditLogNeverShows() {
        Api.Response bad = provider.post("/api/v1/services", Map.of("code", "crm-" + UUID.randomUUID().toString()
                        .substring(0, 8), "name", "CRM", "adapter", "http",
                "adapterConfig", Map.of("url", "ftp://example.test", "secret", "plain", "verbose", true),
                "resourceTypes", List.of(Map.of("code", unique("seat"), "name", "Seat", "unit", "count"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("adapterConfig.url", "adapterConfig.secret", "adapterConfig.verbose");
        Api.Response unknown = provider.post("/api/v1/services", Map.of("code", unique("x"), "name", "X",
                "adapter", "carrier-pigeon", "resourceTypes", List.of(Map.of("code", unique("p"), "name", "P",
                        "unit", "count"))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("http").contains("manual");

        setup();
        String audit = provider.get("/api/v1/accounts/" + providerId() + "/audit-events?action=service.created&limit=5")
                .body();
        assertThat(audit).doesNotContain(remote.secret).doesNotContain(remote.secret.substring(6));
    }

    @Test
    void aTargetOnAnInnerNetworkIsRefusedWhenConfiguredAndWhenCalled() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (String inner : List.of("http://169.254.169.254/latest/meta-data", "http://10.20.30.40:5432/",
                "http://[fd00::1]/hook", "http://[::ffff:192.168.1.1]/")) {
            Api.Response refused = provider.post("/api/v1/services", Map.of("code", "inner-" + suffix, "name", "Inner",
                    "adapter", "http", "adapterConfig", Map.of("url", inner, "secret", remote.secret),
                    "resourceTypes", List.of(Map.of("code", "seat-" + suffix, "name", "Seat", "unit", "count"))));
            assertThat(refused.status()).as("%s: %s", inner, refused).isEqualTo(422);
            assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                    .containsExactly("adapterConfig.url");
        }

        // a target that turns inner after it was checked (a name re-pointed by DNS): refused at the call, at once
        Setup setup = setup();
        jdbc.sql("UPDATE service SET adapter_config = jsonb_set(adapter_config, '{url}', to_jsonb(:url)) WHERE id = :id")
                .param("url", "http://10.20.30.40:5432/").param("id", UUID.fromString(setup.serviceId())).update();
        subscribe(setup, 1);
        JsonNode failed = await("the task FAILED", () -> tasks(setup.customerId()).get(0),
                t -> "FAILED".equals(t.path("status").asString()));
        assertThat(failed.path("attempts").asInt()).as("not tried again").isEqualTo(1);
        assertThat(failed.path("lastError").asString()).as("the vendor's staff read the detail")
                .startsWith("Refused to call 10.20.30.40:5432").contains("cascade.outbound.allowed-networks");
        assertThat(remote.received()).isEmpty();

        Api customerAdmin = customerAdmin(setup);
        String taskId = failed.path("id").asString();
        String neutral = "The service's system did not carry this out; your vendor sees the details and can retry it.";
        assertThat(customerAdmin.get("/api/v1/provisioning-tasks/" + taskId).text("lastError"))
                .as("the customer reads a neutral error").isEqualTo(neutral);
        assertThat(customerAdmin.get("/api/v1/accounts/" + setup.customerId() + "/provisioning-tasks").json()
                .path("items").get(0).path("lastError").asString()).isEqualTo(neutral);
        assertThat(customerAdmin.get("/api/v1/accounts/" + setup.customerId() + "/audit-events?limit=500").body())
                .as("nor does its audit log quote the detail").doesNotContain("10.20.30.40");
    }

    @Test
    void theRemoteSystemsReplyIsForTheVendorsStaffOnly() {
        Setup setup = setup();
        remote.then(new RemoteSystem.Answer(400, Duration.ZERO, "{\"error\": \"db password hunter2\"}"));
        subscribe(setup, 1);
        JsonNode failed = await("the task FAILED", () -> tasks(setup.customerId()).get(0),
                t -> "FAILED".equals(t.path("status").asString()));
        assertThat(failed.path("lastError").asString()).contains("hunter2");
        Api customerAdmin = customerAdmin(setup);
        assertThat(customerAdmin.get("/api/v1/provisioning-tasks/" + failed.path("id").asString()).body())
                .doesNotContain("hunter2").doesNotContain("HTTP 400");
        assertThat(customerAdmin.get("/api/v1/accounts/" + setup.customerId() + "/audit-events?limit=500").body())
                .doesNotContain("hunter2");
        Api.Response retried = customerAdmin.post("/api/v1/provisioning-tasks/" + failed.path("id").asString()
                + "/retry", null);
        assertThat(retried.body()).doesNotContain("hunter2");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Api customerAdmin(Setup setup) {
        String email = unique("admin") + "@http.test";
        assertThat(provider.post("/api/v1/accounts/" + setup.customerId() + "/users", Map.of("email", email,
                "name", "Admin", "password", PASSWORD, "roles", List.of("ACCOUNT_ADMIN"))).status()).isEqualTo(201);
        return as(email, PASSWORD);
    }

    private Api.Response signedWithLibrary(String path, String body) {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        return anonymous.withHeader("webhook-id", id).withHeader("webhook-timestamp", Long.toString(now))
                .withHeader("webhook-signature", remote.sign(id, now, body)).post(path, body);
    }

    private Api.Response signed(String path, String body, String signature) {
        return anonymous.withHeader("webhook-id", "msg_1")
                .withHeader("webhook-timestamp", Long.toString(Instant.now().getEpochSecond()))
                .withHeader("webhook-signature", signature).post(path, body);
    }

    private List<JsonNode> tasks(String accountId) {
        return provider.get("/api/v1/accounts/" + accountId + "/provisioning-tasks").json().path("items")
                .valueStream().toList();
    }

    private List<String> actions(String accountId) {
        return provider.get("/api/v1/accounts/" + accountId + "/audit-events?limit=500").json().path("items")
                .valueStream().map(e -> e.path("action").asString()).toList();
    }

    /** Waits up to 30 s, looking every 100 ms, until what {@code probe} answers passes {@code until}; answers it. */
    static <T> T await(String what, Supplier<T> probe, Predicate<T> until) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).until(probe::get, until);
    }
}
