package io.cascade.provisioning;

import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningRequest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every provisioning adapter installed in the application keeps, checked for each of them (found as
 * beans, so an adapter added later is checked too — and fails here until this test knows a configuration for it):
 * <ul>
 *     <li>its id is a lower-case code the catalog accepts, and the configuration problems it reports name fields
 *     inside {@code adapterConfig};</li>
 *     <li>a subscription to a service of the adapter goes through its whole lifecycle — provision, change, suspend,
 *     resume, deprovision — each as one task that ends DONE at the first attempt, in the order asked;</li>
 *     <li>every operation is idempotent: carried out again with the same request (as after a crash), it answers
 *     DONE again.</li>
 * </ul>
 */
class AdapterContractIT extends IntegrationTest {
    private static final List<String> LIFECYCLE = List.of("PROVISION", "CHANGE", "SUSPEND", "RESUME", "DEPROVISION");

    @Autowired
    private List<ProvisioningAdapter> adapters;

    private RemoteSystem remote;

    @BeforeEach
    void startRemote() throws Exception {
        remote = new RemoteSystem();
    }

    @AfterEach
    void stopRemote() {
        remote.close();
    }

    /** A working configuration of each adapter; an adapter missing here fails the test with what to teach it. */
    private Map<String, Object> configFor(String adapter, String resourceType) {
        return switch (adapter) {
            case "manual" -> Map.of();
            case "http" -> Map.of("url", remote.url(), "secret", remote.secret);
            case "mail" -> Map.of("mailboxResourceType", resourceType);
            case "iot" -> Map.of("simResourceType", resourceType);
            default -> null;
        };
    }

    @Test
    void everyAdapterKeepsTheContract() {
        assertThat(adapters).extracting(ProvisioningAdapter::id).contains("manual", "http", "mail", "iot");
        SoftAssertions softly = new SoftAssertions();
        for (ProvisioningAdapter adapter : adapters) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String unit = "unit-" + suffix;
            Map<String, Object> config = configFor(adapter.id(), unit);
            softly.assertThat(config).as("AdapterContractIT.configFor does not know the adapter %s: teach it a "
                    + "working adapterConfig", adapter.id()).isNotNull();
            if (config == null) {
                continue;
            }
            softly.assertThat(adapter.id()).matches("[a-z][a-z0-9_-]{0,63}");
            softly.assertThat(adapter.checkConfig(config)).as("%s accepts its working configuration", adapter.id())
                    .isEmpty();
            Api.Response empty = provider.post("/api/v1/services", Map.of("code", "empty-" + suffix, "name", "X",
                    "adapter", adapter.id(), "adapterConfig", Map.of("surely-unknown-setting", true),
                    "resourceTypes", List.of(Map.of("code", "empty-unit-" + suffix, "name", "Unit", "unit",
                            "count"))));
            if (empty.status() == 422) {
                softly.assertThat(empty.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                        .as("%s: configuration problems name fields inside adapterConfig: %s", adapter.id(), empty)
                        .allMatch(field -> field.startsWith("adapterConfig."));
            } else {
                softly.assertThat(empty.status()).as("%s: %s", adapter.id(), empty).isEqualTo(201);
            }
            lifecycle(softly, adapter, suffix, unit, config);
        }
        softly.assertAll();
    }

    private void lifecycle(SoftAssertions softly, ProvisioningAdapter adapter, String suffix, String unit,
                           Map<String, Object> config) {
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "contract-" + suffix,
                "name", "Contract " + adapter.id(), "adapter", adapter.id(), "adapterConfig", config,
                "resourceTypes", List.of(Map.of("code", unit, "name", "Unit", "unit", "count"))));
        assertThat(service.status()).as("a service of %s: %s", adapter.id(), service).isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "1.00",
                List.of(resource(unit, 1, 10, "HARD", "1.00", null)));
        String customer = AccountFixtures.customer("Contract " + adapter.id()).create(provider).id();
        String id = provider.post("/api/v1/accounts/" + customer + "/subscriptions", Map.of("planId", plan))
                .text("id");
        String subscription = "/api/v1/subscriptions/" + id;
        HttpProvisioningIT.await("the subscription is provisioned", () -> provider.get(subscription).json(),
                s -> "ACTIVE".equals(s.path("status").asString()));
        assertThat(provider.post(subscription + "/change", Map.of("resources",
                List.of(Map.of("resourceType", unit, "quantity", 2)))).status()).isEqualTo(200);
        assertThat(provider.post(subscription + "/suspend", null).status()).isEqualTo(200);
        assertThat(provider.post(subscription + "/resume", null).status()).isEqualTo(200);
        assertThat(provider.post(subscription + "/cancel", null).status()).isEqualTo(200);

        List<JsonNode> tasks = HttpProvisioningIT.await("every lifecycle task DONE", () -> provider.get(
                        "/api/v1/accounts/" + customer + "/provisioning-tasks?subscriptionId=" + id).json().path("items")
                        .valueStream().toList(),
                t -> t.size() == LIFECYCLE.size() && t.stream().allMatch(x -> "DONE".equals(x.path("status")
                        .asString())));
        List<JsonNode> oldestFirst = new java.util.ArrayList<>(tasks);
        java.util.Collections.reverse(oldestFirst);
        softly.assertThat(oldestFirst.stream().map(t -> t.path("operation").asString()))
                .as("%s: one task per operation, in order", adapter.id()).containsExactlyElementsOf(LIFECYCLE);
        softly.assertThat(oldestFirst).as("%s: each at the first attempt", adapter.id())
                .allMatch(t -> t.path("attempts").asInt() == 1 && t.path("adapter").asString().equals(adapter.id()));

        // carried out again, as after a crash between the adapter's work and the task's record: DONE again
        for (JsonNode task : oldestFirst) {
            ProvisioningRequest again = new ProvisioningRequest(UUID.fromString(task.path("id").asString()),
                    Operation.valueOf(task.path("operation").asString()), 2, UUID.fromString(customer),
                    UUID.fromString(id), new ProvisioningRequest.ServiceSettings(UUID.fromString(service.text("id")),
                    service.text("code"), adapter.id(), config), task.path("subjectType").asString(),
                    UUID.fromString(task.path("subjectId").asString()), payload(task.path("payload")),
                    URI.create("http://localhost/api/v1/provisioning-callbacks/" + task.path("id").asString()));
            Outcome outcome = adapter.apply(again);
            softly.assertThat(outcome.kind()).as("%s %s carried out again", adapter.id(), again.operation())
                    .isEqualTo(Outcome.Kind.DONE);
        }
    }

    private static Map<String, Object> payload(JsonNode node) {
        Map<String, Object> payload = new LinkedHashMap<>();
        node.properties().forEach(e -> payload.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                : e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        return payload;
    }
}
