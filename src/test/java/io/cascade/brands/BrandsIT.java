package io.cascade.brands;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor's brand through the API (issue 18): set, read and remove with versions and audit; the nearest brand above
 * for a vendor without one and the provider's own-name policy; customers and accounts outside the subtree have none
 * (404); bad colours and contrast refused field by field with nothing written; logos checked (PNG decoded and sized,
 * SVG sanitised, size limit, media types) and served publicly by their hash with safe, long-lived caching headers.
 * No test brands the provider: other tests share its brand.
 */
class BrandsIT extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private Environment environment;

    private record Vendor(String id, String adminEmail, Api admin) {
        String brand() {
            return "/api/v1/accounts/" + id + "/brand";
        }
    }

    private Vendor reseller(String name, String under) {
        AccountFixtures fixture = AccountFixtures.reseller(unique(name));
        AccountFixtures.Created created = (under == null ? fixture : fixture.under(under)).create(provider);
        return new Vendor(created.id(), created.adminEmail(), as(created.adminEmail(), PASSWORD));
    }

    private static Map<String, Object> brand(String name, String primary, String accent) {
        Map<String, Object> brand = new HashMap<>();
        brand.put("displayName", name);
        brand.put("primaryColour", primary);
        brand.put("accentColour", accent);
        brand.put("supportEmail", "help@northwind.test");
        brand.put("supportPhone", "+49 30 1234567");
        brand.put("supportUrl", "https://help.northwind.test");
        brand.put("legalFooter", "Northwind GmbH, Berlin");
        return brand;
    }

    private static Api.Response put(Api api, String path, Object body, String ifMatch) {
        return (ifMatch == null ? api : api.withHeader("If-Match", ifMatch)).send("PUT", path, body,
                "application/json");
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private String base() {
        return "http://localhost:" + environment.getRequiredProperty("local.server.port");
    }

    /** A raw request (bytes in, text out) with a bearer token. */
    private HttpResponse<String> upload(Vendor vendor, String contentType, byte[] body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + vendor.brand() + "/logo"))
                .header("Authorization", "Bearer " + vendor.admin().token())
                .header("Content-Type", contentType)
                .header("Accept", "application/json, application/problem+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    private HttpResponse<String> fetch(String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x1f4e79);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aResellerSetsReadsAndRemovesItsBrandWithVersionsAndAudit() {
        Vendor reseller = reseller("Brand Reseller", null);

        Api.Response before = reseller.admin().get(reseller.brand());
        assertThat(before.status()).as("%s", before).isEqualTo(200);
        assertThat(before.text("source")).isIn("INHERITED", "PLATFORM_DEFAULT");
        assertThat(before.header("ETag")).isEqualTo("\"0\"");

        Api.Response set = put(reseller.admin(), reseller.brand(),
                brand("  Northwind Cloud ", "#1F4E79", "#0B6E4F"), "\"0\"");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(set.text("source")).isEqualTo("OWN");
        assertThat(set.text("displayName")).isEqualTo("Northwind Cloud");
        assertThat(set.text("primaryColour")).as("stored in lower case").isEqualTo("#1f4e79");
        assertThat(set.text("accentColour")).isEqualTo("#0b6e4f");
        assertThat(set.text("supportEmail")).isEqualTo("help@northwind.test");
        assertThat(set.json().path("inheritedFrom").isNull()).isTrue();
        assertThat(set.header("ETag")).isEqualTo("\"1\"");

        Api.Response stale = put(reseller.admin(), reseller.brand(), brand("Other", "#000000", "#000000"), "\"0\"");
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
        assertThat(reseller.admin().get(reseller.brand()).text("displayName")).isEqualTo("Northwind Cloud");

        Api.Response audit = provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=brand.set");
        assertThat(audit.json().path("items")).hasSize(1);
        assertThat(audit.body()).contains("Northwind Cloud", "#1f4e79");

        Api.Response removed = reseller.admin().withHeader("If-Match", "\"1\"").delete(reseller.brand());
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.text("source")).isNotEqualTo("OWN");
        assertThat(removed.text("displayName")).isNotEqualTo("Northwind Cloud");
        assertThat(removed.header("ETag")).as("the version only counts up").isEqualTo("\"2\"");
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=brand.removed")
                .json().path("items")).hasSize(1);
    }

    @Test
    void aVendorWithoutABrandShowsTheNearestAboveOrItsOwnNameWhereTheProviderAllowsIt() {
        Vendor top = reseller("Brand Top", null);
        Vendor middle = reseller("Brand Middle", top.id());
        Vendor bottom = reseller("Brand Bottom", middle.id());
        assertThat(put(top.admin(), top.brand(), brand("Top Brand", "#1f4e79", "#0b6e4f"), null).status())
                .isEqualTo(200);

        Api.Response inherited = middle.admin().get(middle.brand());
        assertThat(inherited.text("source")).isEqualTo("INHERITED");
        assertThat(inherited.text("displayName")).isEqualTo("Top Brand");
        assertThat(inherited.json().path("inheritedFrom").isNull()).as("no names above the caller's account")
                .isTrue();
        Api.Response seenFromAbove = top.admin().get(bottom.brand());
        assertThat(seenFromAbove.text("displayName")).isEqualTo("Top Brand");
        assertThat(seenFromAbove.json().path("inheritedFrom").path("accountId").asString()).isEqualTo(top.id());

        // a vendor may set the brand of a reseller it covers
        assertThat(put(top.admin(), bottom.brand(), brand("Bottom Brand", "#222222", "#0b6e4f"), null).status())
                .isEqualTo(200);
        assertThat(bottom.admin().get(bottom.brand()).text("source")).isEqualTo("OWN");
        assertThat(bottom.admin().get(bottom.brand()).text("displayName")).isEqualTo("Bottom Brand");

        Api.Response refused = put(middle.admin(), middle.brand() + "/fallback", Map.of("fallback", "OWN_NAME"),
                null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:brand-fallback-not-allowed");

        Api.Response notProvider = put(top.admin(), "/api/v1/brand-policy", Map.of("vendorsMayShowOwnName", true),
                null);
        assertThat(notProvider.status()).as("%s", notProvider).isEqualTo(403);
        try {
            Api.Response allowed = put(provider, "/api/v1/brand-policy", Map.of("vendorsMayShowOwnName", true), null);
            assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
            Api.Response chosen = put(middle.admin(), middle.brand() + "/fallback", Map.of("fallback", "OWN_NAME"),
                    null);
            assertThat(chosen.status()).as("%s", chosen).isEqualTo(200);
            assertThat(chosen.text("source")).isEqualTo("OWN_NAME");
            assertThat(chosen.text("displayName")).startsWith("Brand Middle");
            assertThat(chosen.text("fallback")).isEqualTo("OWN_NAME");
            assertThat(provider.get("/api/v1/accounts/" + middle.id() + "/audit-events?action=brand.fallback-chosen")
                    .json().path("items")).hasSize(1);
            // what lies below the middle reseller without a brand of its own now shows the middle one's name
            Vendor below = reseller("Brand Below", middle.id());
            assertThat(below.admin().get(below.brand()).text("displayName")).startsWith("Brand Middle");
        } finally {
            Api.Response off = put(provider, "/api/v1/brand-policy", Map.of("vendorsMayShowOwnName", false), null);
            assertThat(off.status()).as("%s", off).isEqualTo(200);
        }
        assertThat(middle.admin().get(middle.brand()).text("displayName"))
                .as("without the provider's leave, the nearest brand above again").isEqualTo("Top Brand");
        assertThat(provider.get("/api/v1/accounts/" + providerId() + "/audit-events?action=brand-policy.changed")
                .json().path("items").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void customersAndAccountsOutsideTheSubtreeHaveNoBrand() {
        Vendor reseller = reseller("Brand Owner", null);
        Vendor sibling = reseller("Brand Sibling", null);
        String customer = AccountFixtures.customer(unique("Brand Customer")).under(reseller.id()).create(provider).id();

        assertThat(reseller.admin().get("/api/v1/accounts/" + customer + "/brand").status()).isEqualTo(404);
        assertThat(put(reseller.admin(), "/api/v1/accounts/" + customer + "/brand",
                brand("Customer Brand", "#1f4e79", "#0b6e4f"), null).status()).isEqualTo(404);
        Api.Response outside = sibling.admin().get(reseller.brand());
        assertThat(outside.status()).isEqualTo(404);
        assertThat(put(sibling.admin(), reseller.brand(), brand("Hijack", "#1f4e79", "#0b6e4f"), null).status())
                .isEqualTo(404);
        assertThat(reseller.admin().get(reseller.brand()).text("displayName")).isNotEqualTo("Hijack");
    }

    @Test
    void badColoursAndContrastAreRefusedFieldByFieldWithNothingWritten() {
        Vendor reseller = reseller("Brand Colours", null);

        Api.Response bad = put(reseller.admin(), reseller.brand(), brand(" ", "#ffff00", "blue"), null);
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(fields(bad)).containsExactly("accentColour", "displayName", "primaryColour");
        assertThat(bad.body()).contains("1.07:1", "4.5:1");

        Api.Response faint = put(reseller.admin(), reseller.brand(), brand("Faint", "#1f4e79", "#7fb3ff"), null);
        assertThat(faint.status()).as("%s", faint).isEqualTo(422);
        assertThat(fields(faint)).containsExactly("accentColour");
        assertThat(faint.json().path("errors").get(0).path("message").asString())
                .contains("#7fb3ff on white has a contrast ratio of 2.");

        Map<String, Object> wrongUrl = brand("Wrong", "#1f4e79", "#0b6e4f");
        wrongUrl.put("supportUrl", "javascript:alert(1)");
        wrongUrl.put("supportEmail", "not-an-email");
        assertThat(fields(put(reseller.admin(), reseller.brand(), wrongUrl, null)))
                .containsExactly("supportEmail", "supportUrl");

        Api.Response after = reseller.admin().get(reseller.brand());
        assertThat(after.text("source")).isNotEqualTo("OWN");
        assertThat(after.header("ETag")).isEqualTo("\"0\"");
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=brand.set")
                .json().path("items")).isEmpty();
    }

    @Test
    void aPngLogoIsCheckedAndServedByItsHash() throws Exception {
        Vendor reseller = reseller("Brand Logo", null);
        byte[] logo = png(64, 32);
        HttpResponse<String> noBrand = upload(reseller, "image/png", logo, null);
        assertThat(noBrand.statusCode()).as(noBrand.body()).isEqualTo(409);
        assertThat(noBrand.body()).contains("brand-not-set");
        assertThat(put(reseller.admin(), reseller.brand(), brand("Logo Brand", "#1f4e79", "#0b6e4f"), null).status())
                .isEqualTo(200);

        HttpResponse<String> set = upload(reseller, "image/png", logo, "\"1\"");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        String url = Api.JSON.readTree(set.body()).path("logo").path("url").asString();
        assertThat(url).isEqualTo("/brand-assets/" + sha256(logo) + ".png").doesNotContain(reseller.id());
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=brand.logo-set")
                .json().path("items")).hasSize(1);

        HttpResponse<String> served = fetch(url, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000", "public");
        assertThat(served.headers().firstValue("ETag")).hasValue("\"" + sha256(logo) + "\"");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(fetch(url, "\"" + sha256(logo) + "\"").statusCode()).isEqualTo(304);
        assertThat(fetch("/brand-assets/" + "0".repeat(64) + ".png", null).statusCode()).isEqualTo(404);

        HttpResponse<String> huge = upload(reseller, "image/png", png(1500, 20), null);
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(422);
        assertThat(huge.body()).contains("1500×20 pixels");
        byte[] tooLarge = new byte[300 * 1024];
        System.arraycopy(logo, 0, tooLarge, 0, logo.length);
        assertThat(upload(reseller, "image/png", tooLarge, null).statusCode()).isEqualTo(413);
        HttpResponse<String> text = upload(reseller, "image/png", "not a picture".getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(text.statusCode()).as(text.body()).isEqualTo(422);
        assertThat(text.body()).contains("\"logo\"", "PNG signature");
        assertThat(upload(reseller, "text/plain", logo, null).statusCode()).isEqualTo(415);
        assertThat(upload(reseller, "image/png", logo, "\"1\"").statusCode()).as("stale version").isEqualTo(412);
        assertThat(reseller.admin().get(reseller.brand()).json().path("logo").path("url").asString())
                .as("refused uploads change nothing").isEqualTo(url);

        Api.Response removed = reseller.admin().delete(reseller.brand() + "/logo");
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.json().path("logo").isNull()).isTrue();
        assertThat(fetch(url, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anSvgLogoIsSanitisedBeforeItIsStoredAndServedUnderAStrictPolicy() {
        Vendor reseller = reseller("Brand Svg", null);
        assertThat(put(reseller.admin(), reseller.brand(), brand("Svg Brand", "#1f4e79", "#0b6e4f"), null).status())
                .isEqualTo(200);
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                     viewBox="0 0 10 10" onload="alert('load')">
                  <script>alert('script')</script>
                  <foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
                  <defs><linearGradient id="g"><stop offset="0" stop-color="#1f4e79"/></linearGradient></defs>
                  <use xlink:href="https://evil.example/sprite.svg#a"/>
                  <use href="javascript:alert('href')"/>
                  <rect width="10" height="10" fill="url(#g)" onclick="alert('click')"
                        style="fill: url(https://evil.example/track.png)"/>
                  <circle cx="5" cy="5" r="3" fill="#0b6e4f" style="stroke: #ffffff"/>
                </svg>""";
        HttpResponse<String> set = upload(reseller, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8), null);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        String url = Api.JSON.readTree(set.body()).path("logo").path("url").asString();
        assertThat(url).endsWith(".svg");

        HttpResponse<String> served = fetch(url, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(served.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; style-src 'unsafe-inline'");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.body()).doesNotContain("script", "alert", "foreignObject", "onload", "onclick",
                "evil.example", "javascript:");
        assertThat(served.body()).contains("<circle", "fill=\"url(#g)\"", "linearGradient", "stroke: #ffffff");

        String entity = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>""";
        HttpResponse<String> refused = upload(reseller, "image/svg+xml", entity.getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("DOCTYPE").doesNotContain("root:");
        HttpResponse<String> html = upload(reseller, "image/svg+xml",
                "<html><body>no</body></html>".getBytes(StandardCharsets.UTF_8), null);
        assertThat(html.statusCode()).as(html.body()).isEqualTo(422);
        assertThat(fetch(url, null).body()).as("refused uploads change nothing").contains("<circle");
    }

    @Test
    void theColourSheetOfABrandIsPublicAndCacheable() {
        HttpResponse<String> sheet = fetch("/brand-assets/colours-1f4e79-0b6e4f.css", null);
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body()).contains("--brand-primary:#1f4e79", "--brand-accent:#0b6e4f");
        assertThat(sheet.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(sheet.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
        assertThat(fetch("/brand-assets/colours-zzzzzz-0b6e4f.css", null).statusCode()).isEqualTo(404);
    }
}
