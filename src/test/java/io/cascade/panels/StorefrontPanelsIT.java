package io.cascade.panels;

import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.StorefrontFixtures;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor's storefront in its panel over plain HTTP: its settings (a bad slug refused at its field), its queue of
 * confirmed sign-ups, approving one and rejecting one with a reason (mailed); another vendor finds none of it.
 */
class StorefrontPanelsIT extends IntegrationTest {
    private static final Pattern CONFIRM_LINK = Pattern.compile("/store/[a-z0-9-]+/confirm\\?token=([A-Za-z0-9_%-]+)");

    @Autowired
    private JdbcClient jdbc;
    @Value("${local.server.port}")
    private int port;

    private record Shop(TreeFixtures.Tree tree, String slug) {
        String vendorId() {
            return tree.resellerId();
        }

        Api vendor() {
            return tree.reseller();
        }
    }

    private Shop shop(String approval) {
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Panel Shop")).build();
        String slug = unique("pshop").toLowerCase();
        StorefrontFixtures.enable(tree.reseller(), tree.resellerId(), slug, approval);
        return new Shop(tree, slug);
    }

    private String token(String vendorId, long secondsAgo) {
        return StorefrontFixtures.formToken(jdbc, vendorId, secondsAgo);
    }

    private Map<String, Object> signUp(Shop shop, String email, String token) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(StorefrontFixtures.signUp(jdbc, shop.vendorId(),
                shop.tree().planId(), email));
        body.put("formToken", token);
        return body;
    }

    private Api.Response submit(Shop shop, Map<String, Object> body) {
        return anonymous.post("/api/v1/storefronts/" + shop.slug() + "/sign-ups", body);
    }

    private String confirmationToken(String email) {
        String text = TestMail.text(TestMail.await(email, "Confirm your sign-up"));
        Matcher link = CONFIRM_LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return java.net.URLDecoder.decode(link.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theVendorSetsUpItsStorefrontAndDecidesSignUpsInItsPanel() {
        Shop shop = shop("MANUAL");
        PanelClient panel = new PanelClient(port, randomAddress())
                .signedIn(shop.tree().resellerAdminEmail(), PASSWORD);
        String page = "/panel/accounts/" + shop.vendorId() + "/storefront";
        PanelClient.Page settings = panel.get(page);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(panel.get("/panel/accounts/" + shop.vendorId()).body()).contains("id=\"storefront-tab\"");
        assertThat(settings.text("queue-empty")).contains("No confirmed sign-up");
        String version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(settings.body()).results()
                .findFirst().orElseThrow().group(1);
        PanelClient.Page refused = panel.postAll(page, List.of(Map.entry("enabled", "on"),
                Map.entry("slug", "Bad Slug"), Map.entry("title", "Shop"), Map.entry("approval", "MANUAL"),
                Map.entry("version", version)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("slug-error")).contains("lower-case");
        PanelClient.Page saved = panel.postAll(page, List.of(Map.entry("enabled", "on"),
                Map.entry("slug", shop.slug()), Map.entry("title", "Panel Shop"), Map.entry("intro", "Hello"),
                Map.entry("approval", "MANUAL"), Map.entry("version", version)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(anonymous.get("/store/" + shop.slug()).body()).contains("Panel Shop");

        String approved = unique("pan") + "@applicant.test";
        String rejected = unique("rej") + "@applicant.test";
        for (String email : List.of(approved, rejected)) {
            assertThat(submit(shop, signUp(shop, email, token(shop.vendorId(), 5))).status()).isEqualTo(202);
            assertThat(anonymous.post("/api/v1/storefronts/" + shop.slug() + "/confirmations",
                    Map.of("token", confirmationToken(email))).status()).isEqualTo(200);
        }
        List<String> ids = new java.util.ArrayList<>();
        shop.vendor().get("/api/v1/accounts/" + shop.vendorId() + "/storefront/applications").json().path("items")
                .forEach(a -> ids.add(a.path("id").asString()));
        assertThat(ids).hasSize(2);
        assertThat(panel.get(page).text("queue")).contains("Applicant " + approved, "Applicant " + rejected);

        PanelClient.Page approval = panel.post("/panel/storefront-applications/" + ids.get(0)
                + "/approve", Map.of());
        assertThat(approval.status()).isEqualTo(302);
        assertThat(shop.vendor().get("/api/v1/storefront-applications/" + ids.get(0)).json().path("status")
                .asString()).isEqualTo("ACTIVATED");
        PanelClient.Page noReason = panel.post("/panel/storefront-applications/" + ids.get(1)
                + "/reject", Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text("reason-error")).isNotBlank();
        PanelClient.Page rejection = panel.post("/panel/storefront-applications/" + ids.get(1)
                + "/reject", Map.of("reason", "Not in our region."));
        assertThat(rejection.status()).isEqualTo(302);
        assertThat(TestMail.text(TestMail.await(rejected, "Decision on your sign-up"))).contains("Not in our region.");
        assertThat(panel.get(page).text("queue-empty")).contains("No confirmed sign-up");

        Shop other = shop("MANUAL");
        PanelClient stranger = new PanelClient(port, randomAddress())
                .signedIn(other.tree().resellerAdminEmail(), PASSWORD);
        assertThat(stranger.get("/panel/storefront-applications/" + ids.get(1)).status()).isEqualTo(404);
        assertThat(stranger.get(page).status()).isEqualTo(404);
    }
}
