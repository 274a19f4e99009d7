package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The panel pages of webhooks over plain HTTP: an account's administrator registers an endpoint (a private address
 * refused at its field, the secret shown once), sees its delivery log, redelivers, disables and removes it; an
 * account without SETTINGS_MANAGE sees no form, and a sibling's endpoint is not found.
 */
class WebhookPanelsIT extends IntegrationTest {
    private static final Pattern ENDPOINT = Pattern.compile("/webhooks/([0-9a-f-]{36})\"");

    @Value("${local.server.port}")
    private int port;

    @Test
    void anAdministratorRegistersAnEndpointSeesItsSecretOnceAndItsDeliveries() {
        var reseller = AccountFixtures.reseller("Panel Hooks").create(provider);
        var sibling = AccountFixtures.reseller("Panel Hooks Sibling").create(provider);
        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(reseller.adminEmail(), PASSWORD);
        String base = "/panel/accounts/" + reseller.id() + "/webhooks";

        PanelClient.Page empty = panel.get(base);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.text("no-endpoints")).isEqualTo("No webhook endpoints yet.");
        assertThat(panel.get("/panel/accounts/" + reseller.id()).body()).contains("id=\"webhooks-tab\"");

        PanelClient.Page refused = panel.postAll(base, List.of(Map.entry("url", "http://10.1.2.3/hook"),
                Map.entry("eventTypes", "account.updated")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("endpoint-url-error")).contains("10.1.2.3");

        String url = "https://hooks.example.com/" + unique("in");
        PanelClient.Page created = panel.postAll(base, List.of(Map.entry("url", url),
                Map.entry("description", "CRM"), Map.entry("eventTypes", "account.updated"),
                Map.entry("eventTypes", "account.suspended")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("webhook-secret")).startsWith("whsec_");
        Matcher id = ENDPOINT.matcher(created.body());
        assertThat(id.find()).isTrue();
        String page = base + "/" + id.group(1);
        PanelClient.Page listed = panel.get(base);
        assertThat(listed.text("endpoint-list")).contains(url, "account.updated, account.suspended");
        assertThat(listed.body()).doesNotContain("whsec_");

        // an account change makes a delivery (to an address that does not resolve: it is retried), shown in the log
        Api admin = as(reseller.adminEmail(), PASSWORD);
        assertThat(admin.patch("/api/v1/accounts/" + reseller.id(), Map.of("phone", "+49 30 9")).status())
                .isEqualTo(200);
        await().untilAsserted(() -> assertThat(panel.get(page).text("delivery-list")).contains("account.updated"));
        String deliveryId = admin.get("/api/v1/accounts/" + reseller.id() + "/webhook-endpoints/" + id.group(1)
                + "/deliveries").json().path("items").get(0).path("id").asString();
        PanelClient.Page redelivered = panel.post(page + "/deliveries/" + deliveryId + "/redeliver", Map.of());
        assertThat(redelivered.status()).isEqualTo(302);
        assertThat(redelivered.location()).endsWith(page);

        // disabled by a person, then removed
        String version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(panel.get(page).body())
                .results().findFirst().orElseThrow().group(1);
        PanelClient.Page saved = panel.postAll(page, List.of(Map.entry("url", url), Map.entry("description", "CRM"),
                Map.entry("eventTypes", "account.updated"), Map.entry("version", version)));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(panel.get(page).text("disabled-reason")).contains("Disabled by a person.");
        PanelClient.Page rotated = panel.post(page + "/rotate-secret", Map.of());
        assertThat(rotated.text("webhook-secret")).startsWith("whsec_");

        PanelClient stranger = new PanelClient(port, randomAddress()).signedIn(sibling.adminEmail(), PASSWORD);
        assertThat(stranger.get(page).status()).isEqualTo(404);
        assertThat(stranger.get(base).status()).isEqualTo(404);

        assertThat(panel.post(page + "/delete", Map.of()).status()).isEqualTo(302);
        assertThat(panel.get(page).status()).isEqualTo(404);
    }
}
