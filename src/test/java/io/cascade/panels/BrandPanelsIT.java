package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brand on every panel page (issue 18): a customer sees its vendor's brand (name, logo, colours, title) and never
 * the platform's or an upstream name, its vendor's page shows the brand's support contacts, act-on-behalf shows the
 * brand of the account acted for, the sign-in page shows the brand of its verified host, and a vendor sets its brand
 * in the panel with field errors and a logo upload. No test brands the provider: other tests share its brand.
 */
class BrandPanelsIT extends IntegrationTest {
    @Autowired
    private Environment environment;
    @Autowired
    private JdbcClient jdbc;

    private int port() {
        return Integer.parseInt(environment.getRequiredProperty("local.server.port"));
    }

    private PanelClient panel(String email) {
        return new PanelClient(port(), randomAddress()).signedIn(email, PASSWORD);
    }

    private static Map<String, Object> brand(String name, String primary, String accent) {
        Map<String, Object> brand = new HashMap<>();
        brand.put("displayName", name);
        brand.put("primaryColour", primary);
        brand.put("accentColour", accent);
        brand.put("supportEmail", "help@seller.test");
        brand.put("supportPhone", "+49 30 555 0100");
        brand.put("supportUrl", "https://help.seller.test");
        return brand;
    }

    private void setBrand(String accountId, Map<String, Object> brand) {
        Api.Response set = provider.send("PUT", "/api/v1/accounts/" + accountId + "/brand", brand,
                "application/json");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
    }

    private String uploadLogo(String accountId) {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port() + "/api/v1/accounts/" + accountId + "/brand/logo"))
                    .header("Authorization", "Bearer " + provider.token()).header("Content-Type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Api.JSON.readTree(response.body()).path("logo").path("url").asString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String title(PanelClient.Page page) {
        int from = page.body().indexOf("<title>");
        return page.body().substring(from + 7, page.body().indexOf("</title>", from));
    }

    @Test
    void aCustomerSeesItsVendorsBrandOnEveryPageAndNeverThePlatformsOrAnUpstreamName() {
        String topName = unique("Upstream Top");
        AccountFixtures.Created topAccount = AccountFixtures.reseller(topName).create(provider);
        String top = topAccount.id();
        String topBrand = unique("Upstream Brand");
        setBrand(top, brand(topBrand, "#1f4e79", "#0b6e4f"));
        AccountFixtures.Created sellerAccount = AccountFixtures.reseller(unique("Seller Company")).under(top)
                .create(provider);
        String seller = sellerAccount.id();
        String sellerBrand = unique("Seller Brand");
        setBrand(seller, brand(sellerBrand, "#5b2a86", "#8a1c4a"));
        String logo = uploadLogo(seller);
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Branded Customer")).under(seller)
                .create(provider);

        PanelClient buyer = panel(customer.adminEmail());
        String home = "/panel/accounts/" + customer.id();
        for (String path : List.of(home, home + "/subscriptions", home + "/invoices", home + "/vendor",
                "/panel/profile", "/panel/tokens")) {
            PanelClient.Page page = buyer.get(path);
            assertThat(page.status()).as("%s: %s", path, page.body()).isEqualTo(200);
            assertThat(title(page)).as(path).endsWith(" · " + sellerBrand);
            assertThat(page.text("brand-name")).as(path).isEqualTo(sellerBrand);
            assertThat(page.body()).as(path).contains("src=\"" + logo + "\"",
                    "href=\"/brand-assets/colours-5b2a86-8a1c4a.css\"", "rel=\"icon\" href=\"" + logo + "\"");
            assertThat(page.body()).as(path).doesNotContain("Cascade", topBrand, topName);
        }
        PanelClient.Page account = buyer.get(home);
        assertThat(account.text("sold-by")).isEqualTo(sellerBrand);
        assertThat(account.body()).contains("href=\"" + home + "/vendor\"");
        PanelClient.Page vendor = buyer.get(home + "/vendor");
        assertThat(vendor.text("vendor-name")).isEqualTo(sellerBrand);
        assertThat(vendor.text("vendor-support-email")).isEqualTo("help@seller.test");
        assertThat(vendor.text("vendor-support-phone")).isEqualTo("+49 30 555 0100");
        PanelClient.Page notFound = buyer.get("/panel/accounts/" + seller);
        assertThat(notFound.status()).as("the vendor's account stays out of reach").isEqualTo(404);
        assertThat(title(notFound)).isEqualTo("Not found · " + sellerBrand);

        PanelClient.Page own = panel(sellerAccount.adminEmail())
                .get("/panel/accounts/" + seller);
        assertThat(own.text("brand-name")).as("a reseller's staff see their own brand").isEqualTo(sellerBrand);

        PanelClient acting = panel(topAccount.adminEmail());
        acting.get("/panel/accounts/" + customer.id());
        assertThat(acting.post("/panel/accounts/" + customer.id() + "/act-as", Map.of()).status()).isEqualTo(302);
        PanelClient.Page onBehalf = acting.get(home);
        assertThat(onBehalf.body()).contains("id=\"acting-banner\"");
        assertThat(onBehalf.text("brand-name")).as("the brand of the account acted for").isEqualTo(sellerBrand);
        assertThat(title(onBehalf)).endsWith(" · " + sellerBrand);
    }

    @Test
    void theSignInPageShowsTheBrandOfItsVerifiedHost() {
        String reseller = AccountFixtures.reseller(unique("Host Reseller")).create(provider).id();
        String hostBrand = unique("Host Brand");
        setBrand(reseller, brand(hostBrand, "#1f4e79", "#0b6e4f"));
        String path = jdbc.sql("SELECT path FROM account WHERE id = :id").param("id", UUID.fromString(reseller))
                .query(String.class).single();
        String verified = unique("panel").toLowerCase() + ".brand.test";
        String unverified = unique("pending").toLowerCase() + ".brand.test";
        for (String host : List.of(verified, unverified)) {
            jdbc.sql("""
                            INSERT INTO panel_host (host, account_id, account_path, verification_token, verified_at,
                                                    verification_method, created_at)
                            VALUES (:host, :id, :path, 'token', :verified, :method, now())""")
                    .param("host", host).param("id", UUID.fromString(reseller)).param("path", path)
                    .param("verified", host.equals(verified) ? Timestamp.from(Instant.now()) : null)
                    .param("method", host.equals(verified) ? "MANUAL" : null).update();
        }

        PanelClient anonymous = new PanelClient(port(), randomAddress());
        PanelClient.Page signIn = anonymous.get("/login", Map.of("X-Forwarded-Host", verified));
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.text("sign-in-title")).isEqualTo("Sign in to " + hostBrand);
        assertThat(title(signIn)).isEqualTo("Sign in · " + hostBrand);
        assertThat(signIn.text("brand-name")).isEqualTo(hostBrand);
        assertThat(signIn.body()).doesNotContain("Cascade");
        PanelClient.Page forgot = anonymous.get("/panel/forgot-password", Map.of("X-Forwarded-Host", verified));
        assertThat(title(forgot)).endsWith(" · " + hostBrand);

        assertThat(anonymous.get("/login", Map.of("X-Forwarded-Host", unverified)).text("sign-in-title"))
                .as("an unverified host names no brand").doesNotContain(hostBrand);
        assertThat(anonymous.get("/login").text("sign-in-title")).doesNotContain(hostBrand);
    }

    @Test
    void aVendorSetsItsBrandInThePanelWithFieldErrorsAndALogo() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Panel Brand Owner")).create(provider);
        String customer = AccountFixtures.customer(unique("Panel Brand Customer")).under(reseller.id())
                .create(provider).id();
        PanelClient admin = panel(reseller.adminEmail());
        String page = "/panel/accounts/" + reseller.id() + "/brand";
        assertThat(admin.get("/panel/accounts/" + reseller.id()).body()).contains("href=\"" + page + "\"");
        PanelClient.Page form = admin.get(page);
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"brand-form\"", "type=\"color\"");
        PanelClient.Page live = admin.postHtmx(page + "/preview", Map.of("displayName", "Live Name",
                "primaryColour", "#123456", "accentColour", "#0b6e4f", "version", "0"));
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(live.body()).as("the preview fragment in the colours as typed")
                .contains("id=\"brand-preview-card\"", "/brand-assets/preview-123456-0b6e4f.css", "Live Name")
                .doesNotContain("<html");

        Map<String, String> fields = new HashMap<>(Map.of("displayName", " ", "primaryColour", "#ffff00",
                "accentColour", "#0b6e4f", "version", "0"));
        PanelClient.Page refused = admin.post(page, fields);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("brand-primary-error")).contains("contrast ratio of 1.07:1", "4.5:1");
        assertThat(refused.text("brand-name-input-error")).isNotBlank();
        Api owner = as(reseller.adminEmail(), PASSWORD);
        assertThat(owner.get("/api/v1/accounts/" + reseller.id() + "/brand").text("source"))
                .as("nothing written").isNotEqualTo("OWN");

        String name = unique("Panel Brand");
        fields.put("displayName", name);
        fields.put("primaryColour", "#2d3a8c");
        fields.put("supportEmail", "help@panel-brand.test");
        PanelClient.Page saved = admin.post(page, fields);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        PanelClient.Page after = admin.get(page);
        assertThat(after.text("brand-name")).as("its staff see their own brand").isEqualTo(name);
        assertThat(after.text("brand-source")).contains("its own brand");
        assertThat(after.body()).contains("value=\"#2d3a8c\"", "/brand-assets/preview-2d3a8c-0b6e4f.css");

        BufferedImage image = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PanelClient.Page uploaded = admin.postFile(page + "/logo", Map.of("version", "1"), "logo", "logo.png",
                "image/png", png.toByteArray());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(302);
        PanelClient.Page withLogo = admin.get(page);
        assertThat(withLogo.body()).contains("id=\"current-logo\"", "id=\"brand-logo\"");
        PanelClient.Page notAnImage = admin.postFile(page + "/logo", Map.of("version", "2"), "logo", "logo.png",
                "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnImage.status()).isEqualTo(422);
        assertThat(notAnImage.text("brand-logo-file-error")).contains("not a PNG");

        PanelClient.Page removed = admin.post(page, Map.of("action", "remove", "version", "2"));
        assertThat(removed.status()).as(removed.body()).isEqualTo(302);
        assertThat(admin.get(page).text("brand-name")).as("back to the brand it falls back to").isNotEqualTo(name);
        assertThat(owner.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=brand.removed")
                .json().path("items")).hasSize(1);

        assertThat(admin.get("/panel/accounts/" + customer + "/brand").status()).as("customers have no brand")
                .isEqualTo(404);
    }

    @Test
    void aVendorWithoutWhiteLabelShowsTheNearestLicensedBrandUntilItIsGrantedAgain() {
        AccountFixtures.Created top = AccountFixtures.reseller(unique("Licensed Top")).create(provider);
        String topBrand = unique("Licensed Top Brand");
        setBrand(top.id(), brand(topBrand, "#1f4e79", "#0b6e4f"));
        AccountFixtures.Created seller = AccountFixtures.reseller(unique("Unlicensed Seller")).under(top.id())
                .create(provider);
        String sellerBrand = unique("Unlicensed Seller Brand");
        setBrand(seller.id(), brand(sellerBrand, "#5b2a86", "#8a1c4a"));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Licence Brand Customer"))
                .under(seller.id()).create(provider);
        String licence = "/api/v1/accounts/" + seller.id() + "/licences/WHITE_LABEL";
        String home = "/panel/accounts/" + customer.id();
        PanelClient buyer = panel(customer.adminEmail());
        assertThat(buyer.get(home).text("brand-name")).isEqualTo(sellerBrand);

        // revoked: the customer's panel and mail show the brand above, the seller's is kept but not shown
        assertThat(provider.delete(licence).status()).isEqualTo(204);
        PanelClient.Page revoked = buyer.get(home);
        assertThat(revoked.text("brand-name")).isEqualTo(topBrand);
        assertThat(title(revoked)).endsWith(" · " + topBrand);
        assertThat(revoked.body()).doesNotContain(sellerBrand, "colours-5b2a86-8a1c4a");
        String first = unique("first") + "@licence-brand.test";
        assertThat(provider.post("/api/v1/accounts/" + customer.id() + "/users", Map.of("email", first, "name",
                "First", "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        String firstMail = io.cascade.support.TestMail.text(io.cascade.support.TestMail.await(first, ""));
        assertThat(firstMail).contains(topBrand).doesNotContain(sellerBrand);

        // granted again: its own brand at once, as it was
        assertThat(provider.send("PUT", licence, Map.of(), "application/json").status()).isEqualTo(201);
        assertThat(buyer.get(home).text("brand-name")).isEqualTo(sellerBrand);
        assertThat(provider.get("/api/v1/accounts/" + seller.id() + "/brand").text("source")).isEqualTo("OWN");
    }
}
