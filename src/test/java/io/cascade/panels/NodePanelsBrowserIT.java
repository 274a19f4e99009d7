package io.cascade.panels;

import io.cascade.nodes.internal.HealthProbes;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service node pages in Chromium (issue 19, ADR 0040): the dashboard's notice of a DOWN node, the list with a
 * capacity bar per resource type and the health of the last probe, a node's page with what is placed on it and its
 * health history, and draining, a refused move and activating again from there; registering a node and changing it
 * through the panel's form (field errors with nothing written, the form's version as If-Match).
 */
class NodePanelsBrowserIT extends BrowserTest {

    @Autowired
    private HealthProbes health;

    @Test
    void theProviderSeesItsNodesTheirLoadAndHealthAndDrainsOne() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String type = "seat-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "nodes-" + suffix, "name",
                "Node Hosting " + suffix, "adapter", "manual",
                "resourceTypes", List.of(Map.of("code", type, "name", "Seat", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "5.00",
                List.of(resource(type, 0, 100, "HARD", "1.00", null)));
        String customer = AccountFixtures.customer("Node Panel Customer").create(provider).id();
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String a = node("panel-a-" + suffix, List.of(service.text("id")), Map.of(type, 10), open.getLocalPort(), 3);
            int closedPort;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = closed.getLocalPort();
            }
            String down = node("panel-down-" + suffix, List.of(), Map.of(), closedPort, 1);
            String added = null;
            String subscription = provider.post("/api/v1/accounts/" + customer + "/subscriptions", Map.of("planId",
                    plan, "resources", List.of(Map.of("resourceType", type, "quantity", 6)))).text("id");
            assertThat(health.probe(UUID.fromString(a)).orElseThrow().lastProbeOk()).isTrue();
            assertThat(health.probe(UUID.fromString(down)).orElseThrow().state().name()).isEqualTo("DOWN");
            try {
                signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
                open("/");
                waitForText("nodes-down", "panel-down-" + suffix);

                open("/panel/nodes");
                String row = "//tr[@data-node='panel-a-" + suffix + "']";
                assertThat(browser.findElement(By.xpath(row + "//*[@data-capacity='" + type + "']")).getText())
                        .contains("6 / 10 (60 %)");
                assertThat(browser.findElement(By.xpath(row + "//*[local-name()='rect' and contains(@class,'fill')]"))
                        .getDomAttribute("width")).isEqualTo("60");
                assertThat(browser.findElement(By.xpath(row)).getText()).contains("healthy", "active",
                        "Node Hosting " + suffix);
                assertThat(browser.findElement(By.xpath("//tr[@data-node='panel-down-" + suffix + "']")).getText())
                        .contains("down", "1 failed");
                screenshot("service-nodes");

                clickLink("panel-a-" + suffix);
                assertThat(present(By.cssSelector("tr[data-subject='" + subscription + "']"))).isTrue();
                assertThat(text("probes")).contains("ok");
                click("drain-node");
                assertThat(notice()).contains("draining");
                assertThat(text("node-state-text")).isEqualTo("DRAINING");
                click("move-node");
                assertThat(notice()).contains("room"); // the only node of its service: nowhere to go
                click("activate-node");
                assertThat(text("node-state-text")).isEqualTo("ACTIVE");
                screenshot("service-node");

                // registering a node: bad input is shown at its fields, what was typed stays, nothing is written
                open("/panel/nodes");
                clickLink("Register a node");
                String port = String.valueOf(open.getLocalPort());
                fill("node-address", "127.0.0.1");
                select("node-check", "TCP");
                fill("node-port", port);
                click("node-service-nodes-" + suffix);
                fill("capacity-" + type, "-5");
                click("save-node");
                assertThat(text("node-name-error")).isEqualTo("must not be blank");
                assertThat(text("capacity-" + type + "-error")).isEqualTo("must be greater than or equal to 0");
                assertThat(byId("node-port").getDomProperty("value")).isEqualTo(port);
                assertThat(provider.get("/api/v1/nodes?serviceId=" + service.text("id")).json().path("items"))
                        .as("nothing written").hasSize(1);
                fill("node-name", "panel-new-" + suffix);
                fill("capacity-" + type, "20");
                click("save-node");
                assertThat(notice()).startsWith("Registered the node panel-new-" + suffix);
                added = path().substring("/panel/nodes/".length());
                // changing it sends the version the form showed: a change in between is reported, nothing overwritten
                click("edit-node");
                fill("capacity-" + type, "30");
                click("save-node");
                assertThat(notice()).isEqualTo("Saved the node panel-new-" + suffix + ".");
                assertThat(text("node-capacity")).contains("0 / 30");
                click("edit-node");
                assertThat(provider.patch("/api/v1/nodes/" + added, Map.of("failAfter", 4)).status()).isEqualTo(200);
                fill("capacity-" + type, "40");
                click("save-node");
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Changed meanwhile");
                JsonNode saved = provider.get("/api/v1/nodes/" + added).json();
                assertThat(saved.path("capacity").path(type).asInt()).isEqualTo(30);
                assertThat(saved.path("failAfter").asInt()).isEqualTo(4);
                assertThat(provider.get("/api/v1/accounts/" + providerId() + "/audit-events?action=node.updated")
                        .body()).contains(added);
            } finally {
                provider.post("/api/v1/nodes/" + down + "/retire", null);
                if (added != null) {
                    provider.post("/api/v1/nodes/" + added + "/retire", null);
                }
            }
        }
    }

    private String node(String name, List<String> services, Map<String, Integer> capacity, int port, int failAfter) {
        Api.Response node = provider.post("/api/v1/nodes", Map.of("name", name, "address", "127.0.0.1",
                "services", services, "capacity", capacity, "healthCheck", "TCP", "healthPort", port,
                "probeIntervalSeconds", 3600, "failAfter", failAfter));
        assertThat(node.status()).as("%s", node).isEqualTo(201);
        return node.text("id");
    }
}
