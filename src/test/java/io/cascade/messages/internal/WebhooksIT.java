package io.cascade.messages.internal;

import com.standardwebhooks.Webhook;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks as an integrator meets them: endpoints registered through the API, events of the endpoint's own subtree
 * delivered to a receiver in the test, signed (checked with the Standard Webhooks reference library), each once per
 * endpoint and in order per resource; a sibling's endpoint sees nothing of another subtree.
 */
class WebhooksIT extends IntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static WebhookReceiver receiver;

    @Autowired
    private WebhookSettings settings;

    @BeforeAll
    static void start() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    record Endpoint(String id, String url, String secret, String path) {
    }

    private static Endpoint register(Api api, String accountId, String... types) {
        String url = receiver.url();
        Api.Response created = api.post("/api/v1/accounts/" + accountId + "/webhook-endpoints",
                Map.of("url", url, "eventTypes", List.of(types), "description", "test receiver"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(created.header("Location")).endsWith("/webhook-endpoints/" + created.text("id"));
        return new Endpoint(created.text("id"), url, secret,
                "/api/v1/accounts/" + accountId + "/webhook-endpoints/" + created.text("id"));
    }

    private static boolean verifies(String secret, WebhookReceiver.Received request) {
        try {
            new Webhook(secret).verify(request.body(), request.headers());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anEndpointReceivesItsSubtreesEventsSignedOnceEachAndInOrderButNeverASiblings() {
        var r1 = AccountFixtures.reseller("Hooks One").create(provider);
        var r2 = AccountFixtures.reseller("Hooks Two").create(provider);
        Api one = as(r1.adminEmail(), PASSWORD);
        Api two = as(r2.adminEmail(), PASSWORD);
        String[] types = {"account.created", "account.updated", "account.suspended", "account.resumed"};
        Endpoint e1 = register(one, r1.id(), types);
        Endpoint e2 = register(two, r2.id(), types);

        // the secret is shown once: never when read or listed
        assertThat(one.get(e1.path()).json().has("secret")).isFalse();
        assertThat(one.get("/api/v1/accounts/" + r1.id() + "/webhook-endpoints").json().path("items").get(0)
                .has("secret")).isFalse();

        var c1 = AccountFixtures.customer("Hooked Customer").under(r1.id()).create(one);
        for (int i = 1; i <= 3; i++) {
            assertThat(one.patch("/api/v1/accounts/" + c1.id(), Map.of("phone", "+49 30 " + i)).status())
                    .isEqualTo(200);
        }
        assertThat(one.post("/api/v1/accounts/" + c1.id() + "/suspend", Map.of()).status()).isEqualTo(200);
        assertThat(one.post("/api/v1/accounts/" + c1.id() + "/resume", Map.of()).status()).isEqualTo(200);
        var c2 = AccountFixtures.customer("Sibling Customer").under(r2.id()).create(two);

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(e1.url()).stream()
                .filter(r -> r.dataId().equals(c1.id())).map(WebhookReceiver.Received::type).toList())
                .containsExactly("account.created", "account.updated", "account.updated", "account.updated",
                        "account.suspended", "account.resumed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(e2.url()).stream()
                .map(WebhookReceiver.Received::dataId).toList()).containsExactly(c2.id()));

        List<WebhookReceiver.Received> got = receiver.at(e1.url());
        assertThat(got).allSatisfy(r -> {
            assertThat(verifies(e1.secret(), r)).as("signature of %s", r.body()).isTrue();
            assertThat(verifies(e2.secret(), r)).isFalse();
            JsonNode body = r.json();
            assertThat(body.path("accountId").asString()).isEqualTo(c1.id());
            assertThat(body.path("occurredAt").asString()).isNotBlank();
            assertThat(body.path("timestamp").asString()).isNotBlank();
            assertThat(body.path("data").path("companyName").asString()).isEqualTo("Hooked Customer");
        });
        Set<String> ids = new HashSet<>();
        got.forEach(r -> assertThat(ids.add(r.header("webhook-id"))).as("each event once").isTrue());
        // the updates arrive in the order they were made
        assertThat(got.stream().filter(r -> r.type().equals("account.updated"))
                .map(r -> r.json().path("data").path("phone").asString()).toList())
                .containsExactly("+49 30 1", "+49 30 2", "+49 30 3");
        // the last of them shows the account as GET /accounts/{id} does now, field by field
        assertThat(got.get(got.size() - 1).json().path("data")).isEqualTo(one.get("/api/v1/accounts/" + c1.id())
                .json());
        // nothing of the sibling's subtree reached the first endpoint, nothing of the first the sibling's
        assertThat(got).noneMatch(r -> r.dataId().equals(c2.id()));
        assertThat(receiver.at(e2.url())).noneMatch(r -> r.dataId().equals(c1.id()));

        // the delivery log shows them delivered, newest first (once the dispatcher has recorded the last answer,
        // which may come a moment after the receiver has the request)
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode log = one.get(e1.path() + "/deliveries").json().path("items");
            assertThat(log.size()).isEqualTo(6);
            assertThat(log.get(0).path("eventType").asString()).isEqualTo("account.resumed");
            log.forEach(d -> {
                assertThat(d.path("status").asString()).isEqualTo("SENT");
                assertThat(d.path("lastStatusCode").asInt()).isEqualTo(204);
            });
        });
    }

    @Test
    void urlsOfInnerAddressesAndUnknownEventTypesAreRefused() {
        var r = AccountFixtures.reseller("Hooks Refused").create(provider);
        Api admin = as(r.adminEmail(), PASSWORD);
        String path = "/api/v1/accounts/" + r.id() + "/webhook-endpoints";
        for (String url : List.of("http://10.20.30.40/hook", "https://169.254.169.254/latest", "http://[fd00::1]/x",
                "ftp://example.com/x")) {
            Api.Response refused = admin.post(path, Map.of("url", url, "eventTypes", List.of("account.updated")));
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("url");
        }
        Api.Response unknown = admin.post(path, Map.of("url", "https://example.com/hook",
                "eventTypes", List.of("account.updated", "account.exploded")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("eventTypes[1]");
        assertThat(admin.post(path, Map.of("url", "https://example.com/hook", "eventTypes", List.of())).status())
                .isEqualTo(422);
        // nothing was written
        assertThat(admin.get(path).json().path("items").size()).isZero();

        Endpoint endpoint = register(admin, r.id(), "account.updated");
        Api.Response moved = admin.patch(endpoint.path(), Map.of("url", "http://192.168.1.10/hook"));
        assertThat(moved.status()).isEqualTo(422);
        assertThat(admin.get(endpoint.path()).text("url")).isEqualTo(endpoint.url());
    }

    @Test
    void endpointsOutsideTheSubtreeAre404AndManagingNeedsSettingsManage() {
        var r1 = AccountFixtures.reseller("Hooks Owner").create(provider);
        var r2 = AccountFixtures.reseller("Hooks Stranger").create(provider);
        Api owner = as(r1.adminEmail(), PASSWORD);
        Api stranger = as(r2.adminEmail(), PASSWORD);
        Endpoint endpoint = register(owner, r1.id(), "account.updated");
        String list = "/api/v1/accounts/" + r1.id() + "/webhook-endpoints";

        assertThat(stranger.get(list).status()).isEqualTo(404);
        assertThat(stranger.get(endpoint.path()).status()).isEqualTo(404);
        assertThat(stranger.get(endpoint.path() + "/deliveries").status()).isEqualTo(404);
        assertThat(stranger.patch(endpoint.path(), Map.of("enabled", false)).status()).isEqualTo(404);
        assertThat(stranger.post(endpoint.path() + "/rotate-secret", Map.of()).status()).isEqualTo(404);
        assertThat(stranger.delete(endpoint.path()).status()).isEqualTo(404);
        // the endpoint named under another account the caller covers is not there either
        assertThat(stranger.get("/api/v1/accounts/" + r2.id() + "/webhook-endpoints/" + endpoint.id()).status())
                .isEqualTo(404);
        // the vendor above sees and manages it
        assertThat(provider.get(endpoint.path()).status()).isEqualTo(200);

        String readerEmail = unique("reader") + "@hooks.test";
        assertThat(owner.post("/api/v1/accounts/" + r1.id() + "/users", Map.of("email", readerEmail, "name",
                "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        Api reader = as(readerEmail, PASSWORD);
        assertThat(reader.get(list).status()).isEqualTo(200);
        assertThat(reader.get(endpoint.path() + "/deliveries").status()).isEqualTo(200);
        assertThat(reader.post(list, Map.of("url", receiver.url(), "eventTypes", List.of("account.updated")))
                .status()).isEqualTo(403);
        assertThat(reader.patch(endpoint.path(), Map.of("enabled", false)).status()).isEqualTo(403);
        assertThat(reader.delete(endpoint.path()).status()).isEqualTo(403);

        // changes are guarded by If-Match, audited without the secret, and removal is final
        Api.Response stale = owner.send("PATCH", endpoint.path(), Map.of("description", "x"),
                "application/merge-patch+json");
        String etag = stale.header("ETag");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(owner.withHeader("If-Match", "\"999\"").patch(endpoint.path(), Map.of("description", "y"))
                .status()).isEqualTo(412);
        assertThat(owner.withHeader("If-Match", etag).patch(endpoint.path(), Map.of("description", "z")).status())
                .isEqualTo(200);
        String audit = owner.get("/api/v1/accounts/" + r1.id() + "/audit-events?limit=50").body();
        assertThat(audit).contains("webhook-endpoint.created", "webhook-endpoint.updated")
                .doesNotContain(endpoint.secret()).doesNotContain("whsec_");
        assertThat(owner.delete(endpoint.path()).status()).isEqualTo(204);
        assertThat(owner.get(endpoint.path()).status()).isEqualTo(404);
    }

    @Test
    void aRotatedSecretSignsNextToTheOldOneAndARedeliveryKeepsItsWebhookId() {
        var r = AccountFixtures.reseller("Hooks Rotate").create(provider);
        Api admin = as(r.adminEmail(), PASSWORD);
        Endpoint endpoint = register(admin, r.id(), "account.updated");
        Api.Response rotated = admin.post(endpoint.path() + "/rotate-secret", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        String secret = rotated.text("secret");
        assertThat(secret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(admin.get(endpoint.path()).json().has("secret")).isFalse();

        assertThat(admin.patch("/api/v1/accounts/" + r.id(), Map.of("phone", "+49 40 1")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> receiver.at(endpoint.url()).size() == 1);
        WebhookReceiver.Received first = receiver.at(endpoint.url()).get(0);
        assertThat(verifies(secret, first)).isTrue();
        assertThat(verifies(endpoint.secret(), first)).as("the old secret signs alongside").isTrue();

        String deliveryId = first.header("webhook-id");
        Api.Response again = admin.post(endpoint.path() + "/deliveries/" + deliveryId + "/redeliver", Map.of());
        assertThat(again.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.at(endpoint.url()).size() == 2);
        WebhookReceiver.Received second = receiver.at(endpoint.url()).get(1);
        assertThat(second.header("webhook-id")).isEqualTo(deliveryId);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(verifies(secret, second)).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get(endpoint.path() + "/deliveries/" + deliveryId)
                .text("status")).isEqualTo("SENT"));
        assertThat(admin.post(endpoint.path() + "/deliveries/" + java.util.UUID.randomUUID() + "/redeliver",
                Map.of()).status()).isEqualTo(404);
    }

    @Test
    void anEndpointThatAnswers410IsDisabledAndItsFailedDeliveryCanBeRedelivered() {
        var r = AccountFixtures.reseller("Hooks Gone").create(provider);
        Api admin = as(r.adminEmail(), PASSWORD);
        Endpoint endpoint = register(admin, r.id(), "account.updated");
        receiver.then(endpoint.url(), 410);
        assertThat(admin.patch("/api/v1/accounts/" + r.id(), Map.of("phone", "+49 89 1")).status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = admin.get(endpoint.path() + "/deliveries").json().path("items").get(0);
            assertThat(delivery.path("status").asString()).isEqualTo("FAILED");
            assertThat(delivery.path("lastStatusCode").asInt()).isEqualTo(410);
        });
        JsonNode disabled = admin.get(endpoint.path()).json();
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("disabledReason").asString()).contains("410");

        assertThat(admin.patch(endpoint.path(), Map.of("enabled", true)).status()).isEqualTo(200);
        String deliveryId = receiver.at(endpoint.url()).get(0).header("webhook-id");
        assertThat(admin.post(endpoint.path() + "/deliveries/" + deliveryId + "/redeliver", Map.of()).status())
                .isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get(endpoint.path() + "/deliveries/" + deliveryId)
                .text("status")).isEqualTo("SENT"));
        assertThat(receiver.at(endpoint.url())).hasSize(2);
    }

    @Test
    void aFailureIsRetriedAndAnEndpointFailingForTheWholeWindowIsDisabledAndItsAdministratorsMailed() {
        var r = AccountFixtures.reseller("Hooks Failing").create(provider);
        Api admin = as(r.adminEmail(), PASSWORD);
        Endpoint endpoint = register(admin, r.id(), "account.updated");

        // one failure within the window: tried again, delivered, and the endpoint stays enabled
        receiver.then(endpoint.url(), 500);
        assertThat(admin.patch("/api/v1/accounts/" + r.id(), Map.of("phone", "+49 69 1")).status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = admin.get(endpoint.path() + "/deliveries").json().path("items").get(0);
            assertThat(delivery.path("status").asString()).isEqualTo("SENT");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        });
        JsonNode healthy = admin.get(endpoint.path()).json();
        assertThat(healthy.path("enabled").asBoolean()).isTrue();
        assertThat(healthy.path("failingSince").isNull()).isTrue();
        assertThat(receiver.at(endpoint.url()).stream().map(x -> x.header("webhook-id")).distinct()).hasSize(1);

        // failing for the whole window (made tiny here; a day by default): disabled, audited, mailed
        Duration window = settings.disableAfter();
        settings.disableAfter(Duration.ZERO);
        try {
            receiver.otherwise(endpoint.url(), 503);
            assertThat(admin.patch("/api/v1/accounts/" + r.id(), Map.of("phone", "+49 69 2")).status())
                    .isEqualTo(200);
            await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get(endpoint.path()).json()
                    .path("enabled").asBoolean()).isFalse());
        } finally {
            settings.disableAfter(window);
        }
        JsonNode disabled = admin.get(endpoint.path()).json();
        assertThat(disabled.path("disabledReason").asString()).startsWith("Every delivery failed");
        var mail = TestMail.await(r.adminEmail(), "Webhook endpoint disabled");
        assertThat(TestMail.text(mail)).contains(endpoint.url(), "Hooks Failing");
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get(endpoint.path() + "/deliveries").json()
                .path("items").get(0).path("status").asString()).isEqualTo("FAILED"));
        assertThat(admin.get("/api/v1/accounts/" + r.id() + "/audit-events?limit=50").body())
                .contains("webhook-endpoint.disabled").doesNotContain("whsec_");

        // a disabled endpoint gets nothing more; the failed delivery goes out once it is enabled and redelivered
        int before = receiver.at(endpoint.url()).size();
        assertThat(admin.patch("/api/v1/accounts/" + r.id(), Map.of("phone", "+49 69 3")).status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.get(endpoint.path() + "/deliveries").json()
                .path("items").get(0).path("lastError").asString()).isEqualTo("The endpoint is disabled."));
        assertThat(receiver.at(endpoint.url())).hasSize(before);
    }

    @Test
    void subscriptionChangesAndASoftUsageLimitReachTheVendorsEndpointInOrderPerSubscription() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).named("Hooks Subscriptions").mail(mail)
                .plan("5.00", resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, 10, "SOFT", null, "0.20"))
                .customer("Hooks Subscriber").build();
        Endpoint endpoint = register(tree.reseller(), tree.resellerId(), "subscription.created",
                "subscription.changed", "subscription.suspended", "subscription.resumed", "subscription.cancelled",
                "usage.limit.reached", "provisioning.task.done");
        String first = tree.subscriptionId();
        Api.Response ordered = tree.customer().post("/api/v1/accounts/" + tree.customerId() + "/subscriptions",
                Map.of("planId", tree.planId()));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        String second = ordered.text("id");

        String path = "/api/v1/subscriptions/" + first;
        assertThat(tree.reseller().post(path + "/change", Map.of("resources", List.of(Map.of("resourceType",
                mail.counted(), "quantity", 3)))).status()).isEqualTo(200);
        assertThat(tree.reseller().post(path + "/suspend", Map.of()).status()).isEqualTo(200);
        assertThat(tree.reseller().post(path + "/resume", Map.of()).status()).isEqualTo(200);
        String at = java.time.Instant.now().minusSeconds(60).toString();
        for (int batch = 1; batch <= 3; batch++) {
            Api.Response usage = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(Map.of(
                    "id", "hooks-" + batch, "subscriptionId", first, "resourceType", mail.metered(),
                    "quantity", batch < 3 ? 6 : 1, "at", at))));
            assertThat(usage.status()).as(usage.toString()).isIn(200, 201, 202);
        }
        assertThat(tree.customer().post("/api/v1/subscriptions/" + second + "/cancel", Map.of()).status())
                .isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(endpoint.url()).stream()
                .filter(r -> !r.type().startsWith("provisioning.")).filter(r -> first.equals(r.dataId())
                        || first.equals(r.json().path("data").path("subscriptionId").asString()))
                .map(WebhookReceiver.Received::type).toList())
                .containsExactly("subscription.changed", "subscription.suspended", "subscription.resumed",
                        "usage.limit.reached"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(endpoint.url()).stream()
                .filter(r -> second.equals(r.dataId())).map(WebhookReceiver.Received::type).toList())
                .containsExactly("subscription.created", "subscription.changed", "subscription.cancelled"));
        // its activation (the manual adapter's task done at once) is a change of its status
        assertThat(receiver.at(endpoint.url()).stream().filter(r -> second.equals(r.dataId())
                        && r.type().equals("subscription.changed")).findFirst().orElseThrow().json()
                .path("data").path("status").asString()).isEqualTo("ACTIVE");
        // the manual adapter carried out the new subscription's PROVISION task in the ordering transaction
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(endpoint.url()).stream()
                .filter(r -> r.type().equals("provisioning.task.done")
                        && second.equals(r.json().path("data").path("subscriptionId").asString()))
                .map(r -> r.json().path("data").path("operation").asString()).toList())
                .containsExactlyInAnyOrder("PROVISION", "DEPROVISION")); // two tasks: two resources, no order between them
        // a subscription as GET /subscriptions/{id} shows it, field by field
        assertThat(receiver.at(endpoint.url()).stream().filter(r -> second.equals(r.dataId())
                        && r.type().equals("subscription.cancelled")).findFirst().orElseThrow().json().path("data"))
                .isEqualTo(tree.reseller().get("/api/v1/subscriptions/" + second).json());
        WebhookReceiver.Received limit = receiver.at(endpoint.url()).stream()
                .filter(r -> r.type().equals("usage.limit.reached")).findFirst().orElseThrow();
        assertThat(limit.json().path("accountId").asString()).isEqualTo(tree.customerId());
        assertThat(limit.json().path("data").path("resourceType").asString()).isEqualTo(mail.metered());
        assertThat(limit.json().path("data").path("limit").asString()).isEqualTo("10");
        assertThat(limit.json().path("data").path("used").asString()).isEqualTo("12");
        assertThat(receiver.at(endpoint.url())).allSatisfy(r -> assertThat(verifies(endpoint.secret(), r)).isTrue());
    }

    @Test
    void anInvitationAndItsAcceptanceReachEveryEndpointAboveTheUserOnceEachAsTheApiShowsTheUser() {
        var r1 = AccountFixtures.reseller("Hooks Inviter").create(provider);
        var r2 = AccountFixtures.reseller("Hooks Invite Sibling").create(provider);
        Api reseller = as(r1.adminEmail(), PASSWORD);
        var c1 = AccountFixtures.customer("Hooks Invited Customer").under(r1.id()).create(reseller);
        Api customer = as(c1.adminEmail(), PASSWORD);
        Endpoint above = register(reseller, r1.id(), "user.invited", "user.activated");
        Endpoint own = register(customer, c1.id(), "user.invited", "user.activated");
        Endpoint sibling = register(as(r2.adminEmail(), PASSWORD), r2.id(), "user.invited", "user.activated");

        String email = unique("invitee") + "@hooks.test";
        Api.Response invited = customer.post("/api/v1/accounts/" + c1.id() + "/users",
                Map.of("email", email, "name", "Invitee", "roles", List.of("READ_ONLY")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String userId = invited.text("id");
        String token = invited.text("invitationToken");
        JsonNode asInvited = reseller.get("/api/v1/users/" + userId).json();
        assertThat(asInvited.path("status").asString()).isEqualTo("INVITED");
        assertThat(anonymous.post("/api/v1/auth/invitations/accept", Map.of("token", token, "password", PASSWORD))
                .status()).isEqualTo(204);
        JsonNode asActive = reseller.get("/api/v1/users/" + userId).json();
        assertThat(asActive.path("status").asString()).isEqualTo("ACTIVE");

        for (Endpoint endpoint : List.of(above, own)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(endpoint.url()).stream()
                    .filter(r -> r.dataId().equals(userId)).map(WebhookReceiver.Received::type).toList())
                    .containsExactly("user.invited", "user.activated"));
            List<WebhookReceiver.Received> got = receiver.at(endpoint.url());
            assertThat(got).hasSize(2).allSatisfy(r -> {
                assertThat(verifies(endpoint.secret(), r)).isTrue();
                assertThat(r.json().path("accountId").asString()).isEqualTo(c1.id());
                assertThat(r.body()).doesNotContain(token).doesNotContain("invitationToken");
            });
            // the user as GET /users/{id} showed it right after each change, field by field
            assertThat(got.get(0).json().path("data")).isEqualTo(asInvited);
            assertThat(got.get(1).json().path("data")).isEqualTo(asActive);
        }
        assertThat(receiver.at(sibling.url())).isEmpty();
    }

    @Test
    void aTaskFailingForGoodAndATerminationReachTheEndpointsAsEachAccountReadsThem() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String seats = "seat-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "hooks-" + suffix, "name",
                "Hooks " + suffix, "adapter", "http", "adapterConfig", Map.of("url", "http://127.0.0.1:" + closed
                        + "/provision", "secret", "whsec_" + java.util.Base64.getEncoder()
                        .encodeToString(new byte[32])),
                "resourceTypes", List.of(Map.of("code", seats, "name", "Seat", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        TreeFixtures.Builder builder = TreeFixtures.resellerWithHolding(provider).named("Hooks Failing Tasks")
                .wholesale("10.00", resource(seats, 0, 50, "HARD", "1.00", null))
                .plan("15.00", resource(seats, 1, 10, "HARD", "2.00", null));
        var sibling = AccountFixtures.reseller("Hooks Tasks Sibling").create(provider);
        Endpoint other = register(as(sibling.adminEmail(), PASSWORD), sibling.id(), "provisioning.task.failed",
                "account.terminated");
        TreeFixtures.Tree tree = builder.customer("Hooks Failing Customer").build();
        Endpoint vendor = register(tree.reseller(), tree.resellerId(), "provisioning.task.failed",
                "account.terminated");
        Endpoint own = register(tree.customer(), tree.customerId(), "provisioning.task.failed");
        String path = "/api/v1/accounts/" + tree.customerId() + "/subscriptions";
        Api.Response ordered = tree.customer().post(path, Map.of("planId", tree.planId()));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        String subscriptionId = ordered.text("id");

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(vendor.url()).stream()
                .filter(r -> subscriptionId.equals(r.json().path("data").path("subscriptionId").asString()))
                .map(WebhookReceiver.Received::type).toList()).containsExactly("provisioning.task.failed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(own.url()).stream()
                .filter(r -> subscriptionId.equals(r.json().path("data").path("subscriptionId").asString()))
                .toList()).hasSize(1));
        JsonNode toVendor = receiver.at(vendor.url()).stream().filter(r -> subscriptionId.equals(
                r.json().path("data").path("subscriptionId").asString())).findFirst().orElseThrow().json();
        JsonNode toOwn = receiver.at(own.url()).stream().filter(r -> subscriptionId.equals(
                r.json().path("data").path("subscriptionId").asString())).findFirst().orElseThrow().json();
        String taskId = toVendor.path("data").path("id").asString();
        assertThat(toVendor.path("accountId").asString()).isEqualTo(tree.customerId());
        // each reads the task as the API shows it to it: the vendor the error, the customer the neutral one
        assertThat(toVendor.path("data")).isEqualTo(tree.reseller().get("/api/v1/provisioning-tasks/" + taskId)
                .json());
        assertThat(toOwn.path("data")).isEqualTo(tree.customer().get("/api/v1/provisioning-tasks/" + taskId)
                .json());
        assertThat(toVendor.path("data").path("status").asString()).isEqualTo("FAILED");
        assertThat(toOwn.path("data").path("lastError").asString())
                .isNotEqualTo(toVendor.path("data").path("lastError").asString());

        var leaving = AccountFixtures.customer("Hooks Leaving Customer").under(tree.resellerId())
                .create(tree.reseller());
        Api.Response terminated = tree.reseller().post("/api/v1/accounts/" + leaving.id() + "/terminate", Map.of());
        assertThat(terminated.status()).as(terminated.toString()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(vendor.url()).stream()
                .filter(r -> r.type().equals("account.terminated")).map(WebhookReceiver.Received::dataId).toList())
                .containsExactly(leaving.id()));
        JsonNode end = receiver.at(vendor.url()).stream().filter(r -> r.type().equals("account.terminated"))
                .findFirst().orElseThrow().json();
        assertThat(end.path("data")).isEqualTo(tree.reseller().get("/api/v1/accounts/" + leaving.id()).json());
        assertThat(end.path("data").path("status").asString()).isEqualTo("TERMINATED");
        assertThat(receiver.at(vendor.url())).allSatisfy(r -> assertThat(verifies(vendor.secret(), r)).isTrue());
        assertThat(receiver.at(other.url())).isEmpty();
    }

    @Test
    void aPendingAccountActivatedByItsInvitedAdministratorIsAnUpdateOfTheAccount() {
        var r = AccountFixtures.reseller("Hooks Pending").create(provider);
        Api reseller = as(r.adminEmail(), PASSWORD);
        Endpoint endpoint = register(reseller, r.id(), "account.created", "account.updated", "user.invited",
                "user.activated");
        String email = unique("pending") + "@hooks.test";
        Api.Response created = reseller.post("/api/v1/accounts", AccountFixtures.customer("Hooks Pending Customer")
                .under(r.id()).with("admin", Map.of("email", email, "name", "Pending Admin")).body());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String accountId = created.text("id");
        assertThat(created.text("status")).isEqualTo("PENDING");
        assertThat(anonymous.post("/api/v1/auth/invitations/accept", Map.of("token",
                created.json().path("admin").path("invitationToken").asString(), "password", PASSWORD)).status())
                .isEqualTo(204);

        // the integrator learns that the account it saw created as PENDING is ACTIVE now
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(endpoint.url()).stream()
                .filter(x -> x.dataId().equals(accountId)).map(x -> x.type() + " "
                        + x.json().path("data").path("status").asString()).toList())
                .containsExactly("account.created PENDING", "account.updated ACTIVE"));
        WebhookReceiver.Received activated = receiver.at(endpoint.url()).stream()
                .filter(x -> x.dataId().equals(accountId) && x.type().equals("account.updated")).findFirst()
                .orElseThrow();
        assertThat(activated.json().path("data")).isEqualTo(reseller.get("/api/v1/accounts/" + accountId).json());
        assertThat(verifies(endpoint.secret(), activated)).isTrue();
        String adminId = created.json().path("admin").path("id").asString();
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.at(endpoint.url()).stream()
                .filter(x -> x.dataId().equals(adminId)).map(WebhookReceiver.Received::type).toList())
                .containsExactly("user.invited", "user.activated"));
    }
}
