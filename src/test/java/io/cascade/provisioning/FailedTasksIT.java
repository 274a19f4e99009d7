package io.cascade.provisioning;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/provisioning-tasks?status=FAILED}: the failed tasks of the caller's whole subtree, newest first,
 * cursor-paged; nobody sees another subtree's, and a retried task leaves the list.
 */
class FailedTasksIT extends IntegrationTest {
    private RemoteSystem remote;

    @BeforeEach
    void startRemote() throws Exception {
        remote = new RemoteSystem();
    }

    @AfterEach
    void stopRemote() {
        remote.close();
    }

    @Test
    void theFailedTasksOfTheCallersSubtreeNewestFirst() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String seats = "seat-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "fail-" + suffix, "name", "Failing",
                "adapter", "http", "adapterConfig", Map.of("url", remote.url(), "secret", remote.secret),
                "resourceTypes", List.of(Map.of("code", seats, "name", "Seat", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "10.00",
                List.of(resource(seats, 1, 50, "HARD", "3.00", null)));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Failing Customer")).create(provider);
        AccountFixtures.Created sibling = AccountFixtures.customer(unique("Sibling Customer")).create(provider);
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Other Reseller")).create(provider);
        remote.otherwise(new RemoteSystem.Answer(400, Duration.ZERO, "{\"error\": \"no such plan\"}"));

        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response created = provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                    Map.of("planId", plan, "resources", List.of(Map.of("resourceType", seats, "quantity", 1))));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            String subscription = created.text("id");
            JsonNode task = HttpProvisioningIT.await("the task FAILED", () -> provider.get("/api/v1/accounts/"
                            + customer.id() + "/provisioning-tasks?subscriptionId=" + subscription).json().path("items")
                            .get(0),
                    t -> t != null && "FAILED".equals(t.path("status").asString()));
            failed.add(0, task.path("id").asString());
        }

        Api admin = as(customer.adminEmail(), PASSWORD);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = admin.get("/api/v1/provisioning-tasks?status=FAILED&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.json().path("items").valueStream().forEach(t -> {
                assertThat(t.path("accountId").asString()).isEqualTo(customer.id());
                assertThat(t.path("status").asString()).isEqualTo("FAILED");
                seen.add(t.path("id").asString());
            });
            cursor = page.json().path("nextCursor").isNull() || page.json().path("nextCursor").isMissingNode()
                    ? null : page.json().path("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).as("its own subtree's, newest first, over two pages").containsExactlyElementsOf(failed);

        List<String> providerSees = provider.get("/api/v1/provisioning-tasks?status=FAILED&limit=500").json()
                .path("items").valueStream().map(t -> t.path("id").asString()).toList();
        assertThat(providerSees).as("the provider's subtree holds them").containsAll(failed);
        for (Api other : List.of(as(sibling.adminEmail(), PASSWORD), as(reseller.adminEmail(), PASSWORD))) {
            Api.Response none = other.get("/api/v1/provisioning-tasks?status=FAILED&limit=500");
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json().path("items").size()).as("a sibling finds none: %s", none).isZero();
        }

        Api.Response wrongStatus = admin.get("/api/v1/provisioning-tasks?status=DONE");
        assertThat(wrongStatus.status()).isEqualTo(422);
        assertThat(wrongStatus.body()).contains("status");
        assertThat(admin.get("/api/v1/provisioning-tasks").status()).as("status is required").isEqualTo(400);
        assertThat(admin.get("/api/v1/provisioning-tasks?status=FAILED&cursor=bogus").status()).isIn(400, 422);

        remote.otherwise(RemoteSystem.Answer.of(200));
        assertThat(admin.post("/api/v1/provisioning-tasks/" + failed.get(0) + "/retry", null).status())
                .isEqualTo(200);
        HttpProvisioningIT.await("the retried task DONE",
                () -> admin.get("/api/v1/provisioning-tasks/" + failed.get(0)).text("status"),
                "DONE"::equals);
        assertThat(admin.get("/api/v1/provisioning-tasks?status=FAILED").json().path("items").valueStream()
                .map(t -> t.path("id").asString()).toList()).as("a retried task has left the list")
                .containsExactlyElementsOf(failed.subList(1, 3));
    }
}
