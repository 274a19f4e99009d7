package io.cascade.storefront;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storefronts (issue 18): a vendor's settings, the public pages with their caching, and the sign-up with its e-mail
 * confirmation, automatic activation or the vendor's approval queue, throttling and form tokens.
 */
class StorefrontIT extends IntegrationTest {
    private static final Pattern CONFIRM_LINK = Pattern.compile("/store/([a-z0-9-]+)/confirm\\?token=([A-Za-z0-9_%-]+)");

    @Autowired
    private JdbcClient jdbc;

    /** A reseller with one published end-customer plan (5.00 a month) and an enabled storefront. */
    private record Shop(TreeFixtures.Tree tree, String slug) {
        String vendorId() {
            return tree.resellerId();
        }

        Api vendor() {
            return tree.reseller();
        }
    }

    private Shop shop(String approval) {
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Store Reseller")).build();
        String slug = unique("shop").toLowerCase();
        Api.Response saved = tree.reseller().send("PUT", "/api/v1/accounts/" + tree.resellerId() + "/storefront",
                settings(slug, true, approval, null), "application/json");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        return new Shop(tree, slug);
    }

    private static Map<String, Object> settings(String slug, boolean enabled, String approval, List<String> shown) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", enabled);
        body.put("slug", slug);
        body.put("title", "Northwind Mail");
        body.put("intro", "Mail for small teams.");
        body.put("approval", approval);
        body.put("shownPlanIds", shown);
        return body;
    }

    /** A valid form token issued {@code secondsAgo} ago, signed with the storefront's secret as the server signs. */
    private String token(String vendorId, long secondsAgo) {
        return io.cascade.support.StorefrontFixtures.formToken(jdbc, vendorId, secondsAgo);
    }

    private Map<String, Object> signUp(Shop shop, String email, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyName", "Applicant " + email);
        body.put("country", "DE");
        body.put("contactName", "Ann Applicant");
        body.put("email", email);
        body.put("planId", shop.tree().planId());
        body.put("termsAccepted", true);
        body.put("formToken", token);
        return body;
    }

    private Api.Response submit(Shop shop, Map<String, Object> body) {
        return anonymous.post("/api/v1/storefronts/" + shop.slug() + "/sign-ups", body);
    }

    private String confirmationToken(String email) {
        return confirmationToken(email, "Confirm your sign-up");
    }

    private String confirmationToken(String email, String subject) {
        String text = TestMail.text(TestMail.await(email, subject));
        Matcher link = CONFIRM_LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return java.net.URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
    }

    private long applications(String vendorId) {
        return jdbc.sql("SELECT count(*) FROM storefront_application WHERE vendor_id = :id")
                .param("id", UUID.fromString(vendorId)).query(Long.class).single();
    }

    private long accountsBelow(String vendorId) {
        return jdbc.sql("SELECT count(*) FROM account WHERE vendor_id = :id")
                .param("id", UUID.fromString(vendorId)).query(Long.class).single();
    }

    @Test
    void aVendorKeepsItsStorefrontSettingsWithEtagsAndAudit() {
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Settings Reseller")).build();
        String path = "/api/v1/accounts/" + tree.resellerId() + "/storefront";
        Api.Response defaults = tree.reseller().get(path);
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().path("configured").asBoolean()).isFalse();
        assertThat(defaults.json().path("enabled").asBoolean()).isFalse();
        assertThat(defaults.json().path("approval").asString()).isEqualTo("AUTOMATIC");

        String slug = unique("settings").toLowerCase();
        Api.Response bad = tree.reseller().send("PUT", path, Map.of("enabled", true, "slug", "Not A Slug",
                "title", "", "approval", "SOMETIMES"), "application/json");
        assertThat(bad.status()).as(bad.toString()).isIn(400, 422);

        Api.Response notSold = tree.reseller().send("PUT", path,
                settings(slug, true, "MANUAL", List.of(tree.wholesalePlanId())), "application/json");
        assertThat(notSold.status()).as("the provider's plan is not the reseller's to show").isEqualTo(422);
        assertThat(notSold.body()).contains("shownPlanIds[0]");

        Api.Response saved = tree.reseller().send("PUT", path, settings(slug, true, "MANUAL",
                List.of(tree.planId())), "application/json");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().path("slug").asString()).isEqualTo(slug);
        String etag = saved.header("ETag");
        assertThat(etag).isNotNull();

        Api.Response stale = tree.reseller().withHeader("If-Match", "\"0\"").send("PUT", path,
                settings(slug, false, "MANUAL", null), "application/json");
        assertThat(stale.status()).isEqualTo(412);
        Api.Response current = tree.reseller().withHeader("If-Match", etag).send("PUT", path,
                settings(slug, true, "AUTOMATIC", null), "application/json");
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.json().path("shownPlanIds").isNull()).isTrue();

        TreeFixtures.Tree other = TreeFixtures.resellerWithHolding(provider).named(unique("Other Reseller")).build();
        Api.Response taken = other.reseller().send("PUT", "/api/v1/accounts/" + other.resellerId() + "/storefront",
                settings(slug, true, "AUTOMATIC", null), "application/json");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("type").asString()).endsWith("storefront-slug-taken");
        assertThat(other.reseller().get(path).status()).as("another reseller's storefront: 404").isEqualTo(404);

        String customer = AccountFixtures.customer("No Shop").create(tree.reseller()).id();
        assertThat(tree.reseller().get("/api/v1/accounts/" + customer + "/storefront").status())
                .as("a customer has no storefront").isEqualTo(404);

        assertThat(tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/audit-events").body())
                .contains("storefront.updated");
    }

    /** Prices are shown net, with the tax as the vendor's billing settings configure it (issue 18). */
    @Test
    void thePricesSayWhichTaxIsAddedAsTheVendorConfiguresIt() {
        Shop taxed = shop("AUTOMATIC");
        Api.Response rates = taxed.tree().reseller().send("PUT", "/api/v1/accounts/" + taxed.tree().resellerId()
                + "/billing-settings", Map.of("taxRates", List.of(Map.of("rate", "19"),
                Map.of("country", "AT", "rate", "20"))), "application/json");
        assertThat(rates.status()).as(rates.toString()).isEqualTo(200);
        for (String page : List.of("", "/compare", "/plans/" + taxed.tree().planId())) {
            Api.Response shown = anonymous.withHeader("Accept", "text/html").get("/store/" + taxed.slug() + page);
            assertThat(shown.status()).as(page).isEqualTo(200);
            assertThat(shown.body()).as(page).contains("id=\"tax-note\"", "Prices are net; <span>19</span>&nbsp;% tax is added.");
        }
        Shop untaxed = shop("AUTOMATIC");
        assertThat(anonymous.withHeader("Accept", "text/html").get("/store/" + untaxed.slug()).body())
                .contains("Prices are net; tax is added as it applies.").doesNotContain("% tax is added");
    }

    @Test
    void thePublicPagesShowOnlyTheVendorsOwnPlansAndAreCacheable() {
        Shop shop = shop("AUTOMATIC");
        Shop other = shop("AUTOMATIC");
        Api.Response list = anonymous.withHeader("Accept", "text/html").get("/store/" + shop.slug());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body()).contains("Northwind Mail", "Mail for small teams.", "5.00 EUR",
                "plan-" + shop.tree().planId())
                .doesNotContain(other.tree().planId(), shop.tree().wholesalePlanId());
        assertThat(list.header("Cache-Control")).contains("public", "max-age=");
        String etag = list.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(list.header("Set-Cookie")).as("no session on public pages").isNull();

        Api.Response again = anonymous.withHeader("Accept", "text/html").withHeader("If-None-Match", etag)
                .get("/store/" + shop.slug());
        assertThat(again.status()).isEqualTo(304);
        Api.Response rendered = anonymous.withHeader("Accept", "text/html").get("/store/" + shop.slug());
        assertThat(rendered.body()).as("the page kept for its tag").isEqualTo(list.body());
        assertThat(rendered.header("Content-Type")).startsWith("text/html");

        Api.Response compare = anonymous.withHeader("Accept", "text/html").get("/store/" + shop.slug() + "/compare");
        assertThat(compare.status()).isEqualTo(200);
        assertThat(compare.body()).contains(shop.tree().mail().counted(), "1 (up to 10)");
        Api.Response detail = anonymous.withHeader("Accept", "text/html")
                .get("/store/" + shop.slug() + "/plans/" + shop.tree().planId());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("2.00 EUR");
        assertThat(anonymous.withHeader("Accept", "text/html")
                .get("/store/" + shop.slug() + "/plans/" + other.tree().planId()).status())
                .as("another vendor's plan is never shown").isEqualTo(404);
        Api.Response form = anonymous.withHeader("Accept", "text/html").get("/store/" + shop.slug() + "/order");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Cache-Control")).contains("no-store");
        assertThat(form.body()).contains("name=\"formToken\"");

        // a price change makes a new tag
        Api.Response changed = shop.vendor().patch("/api/v1/plans/" + shop.tree().planId(),
                Map.of("name", "Renamed plan"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        Api.Response renamed = anonymous.withHeader("Accept", "text/html").withHeader("If-None-Match", etag)
                .get("/store/" + shop.slug());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body()).as("never the page kept for the old tag").contains("Renamed plan");

        assertThat(anonymous.get("/store/no-such-shop-" + UUID.randomUUID().toString().substring(0, 6)).status())
                .isEqualTo(404);
        Api.Response disabled = shop.vendor().send("PUT", "/api/v1/accounts/" + shop.vendorId() + "/storefront",
                settings(shop.slug(), false, "AUTOMATIC", null), "application/json");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(anonymous.get("/store/" + shop.slug()).status()).as("a disabled storefront").isEqualTo(404);
        assertThat(anonymous.get("/api/v1/storefronts/" + shop.slug()).status()).isEqualTo(404);
    }

    @Test
    void aVerifiedPanelHostShowsOnlyItsVendorsStorefront() {
        Shop shop = shop("AUTOMATIC");
        Shop other = shop("AUTOMATIC");
        String host = unique("panel").toLowerCase() + ".example";
        String unverified = unique("panel").toLowerCase() + ".example";
        insertHost(host, shop.vendorId(), true);
        insertHost(unverified, shop.vendorId(), false);

        Api onHost = anonymous.withHeader("X-Forwarded-Host", host).withHeader("Accept", "text/html");
        Api.Response root = onHost.get("/store");
        assertThat(root.status()).as(root.toString()).isEqualTo(200);
        assertThat(root.body()).contains("plan-" + shop.tree().planId());
        assertThat(onHost.get("/store/" + shop.slug()).status()).isEqualTo(200);
        assertThat(onHost.get("/store/" + other.slug()).status()).as("another vendor's slug on this host")
                .isEqualTo(404);
        assertThat(anonymous.withHeader("X-Forwarded-Host", unverified).get("/store").status())
                .as("an unverified host").isEqualTo(404);
        assertThat(anonymous.get("/store").status()).as("the platform's own host names no vendor").isEqualTo(404);
    }

    private void insertHost(String host, String vendorId, boolean verified) {
        jdbc.sql("""
                        INSERT INTO panel_host (host, account_id, account_path, verification_token, verified_at,
                                                verification_method, created_at)
                        SELECT :host, id, path, 'test-token', CASE WHEN :verified THEN now() END,
                               CASE WHEN :verified THEN 'MANUAL' END, now()
                        FROM account WHERE id = :id""")
                .param("host", host).param("id", UUID.fromString(vendorId)).param("verified", verified).update();
    }

    @Test
    void anAutomaticStorefrontActivatesAConfirmedSignUpInOneStep() {
        Shop shop = shop("AUTOMATIC");
        String email = unique("ann") + "@applicant.test";
        long accountsBefore = accountsBelow(shop.vendorId());
        Api.Response received = submit(shop, signUp(shop, email, token(shop.vendorId(), 5)));
        assertThat(received.status()).as(received.toString()).isEqualTo(202);
        assertThat(received.json().path("status").asString()).isEqualTo("UNCONFIRMED");
        assertThat(accountsBelow(shop.vendorId())).as("nothing but the application before the confirmation")
                .isEqualTo(accountsBefore);

        String token = confirmationToken(email);
        Api.Response page = anonymous.withHeader("Accept", "text/html")
                .get("/store/" + shop.slug() + "/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        assertThat(accountsBelow(shop.vendorId())).as("following the link only shows a button")
                .isEqualTo(accountsBefore);
        Api.Response confirmed = anonymous.withHeader("Accept", "text/html").send("POST",
                "/store/" + shop.slug() + "/confirm", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.body()).contains("confirmed-activated");
        assertThat(accountsBelow(shop.vendorId())).isEqualTo(accountsBefore + 1);

        Api.Response queue = shop.vendor().get("/api/v1/accounts/" + shop.vendorId()
                + "/storefront/applications?status=ACTIVATED");
        assertThat(queue.status()).isEqualTo(200);
        String accountId = queue.json().path("items").get(0).path("accountId").asString();
        Api.Response account = shop.vendor().get("/api/v1/accounts/" + accountId);
        assertThat(account.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(account.json().path("companyName").asString()).isEqualTo("Applicant " + email);
        Api.Response subscriptions = shop.vendor().get("/api/v1/accounts/" + accountId + "/subscriptions");
        assertThat(subscriptions.json().path("items").get(0).path("planId").asString())
                .isEqualTo(shop.tree().planId());
        assertThat(TestMail.text(TestMail.await(email, "invitation"))).contains("/panel/invitation?token=");
        assertThat(TestMail.text(TestMail.await(email, "is ready"))).contains("Applicant " + email);

        Api.Response twice = anonymous.post("/api/v1/storefronts/" + shop.slug() + "/confirmations",
                Map.of("token", token));
        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.json().path("alreadyConfirmed").asBoolean()).isTrue();
        assertThat(accountsBelow(shop.vendorId())).as("a link used twice creates nothing more")
                .isEqualTo(accountsBefore + 1);

        Api.Response again = submit(shop, signUp(shop, email, token(shop.vendorId(), 5)));
        assertThat(again.status()).as("a user of the vendor's subtree cannot sign up again").isEqualTo(409);
        assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
    }

    @Test
    void aManualStorefrontQueuesConfirmedSignUpsForApprovalOrRejection() {
        Shop shop = shop("MANUAL");
        String approved = unique("bea") + "@applicant.test";
        String rejected = unique("cid") + "@applicant.test";
        assertThat(submit(shop, signUp(shop, approved, token(shop.vendorId(), 5))).status()).isEqualTo(202);
        Map<String, Object> german = signUp(shop, rejected, token(shop.vendorId(), 5));
        assertThat(anonymous.withHeader("Accept-Language", "de-DE,de;q=0.9")
                .post("/api/v1/storefronts/" + shop.slug() + "/sign-ups", german).status()).isEqualTo(202);
        String queuePath = "/api/v1/accounts/" + shop.vendorId() + "/storefront/applications";
        assertThat(shop.vendor().get(queuePath).json().path("items").size())
                .as("unconfirmed sign-ups are not in the queue").isZero();

        long accountsBefore = accountsBelow(shop.vendorId());
        for (String email : List.of(approved, rejected)) {
            Api.Response confirmed = anonymous.post("/api/v1/storefronts/" + shop.slug() + "/confirmations",
                    Map.of("token", confirmationToken(email, email.equals(rejected) ? "Bestätigen Sie Ihre Anmeldung"
                            : "Confirm your sign-up")));
            assertThat(confirmed.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
        }
        assertThat(accountsBelow(shop.vendorId())).isEqualTo(accountsBefore);
        Api.Response queue = shop.vendor().get(queuePath);
        assertThat(queue.json().path("items").size()).isEqualTo(2);
        String first = queue.json().path("items").get(0).path("id").asString();
        String second = queue.json().path("items").get(1).path("id").asString();

        Api.Response approval = shop.vendor().post("/api/v1/storefront-applications/" + first + "/approve", null);
        assertThat(approval.status()).as(approval.toString()).isEqualTo(200);
        assertThat(approval.json().path("status").asString()).isEqualTo("ACTIVATED");
        assertThat(accountsBelow(shop.vendorId())).isEqualTo(accountsBefore + 1);
        assertThat(TestMail.text(TestMail.await(approved, "is ready"))).contains("Applicant " + approved);
        assertThat(shop.vendor().post("/api/v1/storefront-applications/" + first + "/approve", null).status())
                .as("decided once").isEqualTo(409);

        Api.Response noReason = shop.vendor().post("/api/v1/storefront-applications/" + second + "/reject",
                Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        Api.Response rejection = shop.vendor().post("/api/v1/storefront-applications/" + second + "/reject",
                Map.of("reason", "We only serve companies in Austria."));
        assertThat(rejection.status()).as(rejection.toString()).isEqualTo(200);
        assertThat(rejection.json().path("status").asString()).isEqualTo("REJECTED");
        assertThat(TestMail.text(TestMail.await(rejected, "Entscheidung über Ihre Anmeldung")))
                .contains("Grund: We only serve companies in Austria.");
        assertThat(accountsBelow(shop.vendorId())).isEqualTo(accountsBefore + 1);

        // another vendor's staff see nothing of it
        Shop other = shop("MANUAL");
        assertThat(other.vendor().get("/api/v1/storefront-applications/" + first).status()).isEqualTo(404);
        assertThat(other.vendor().post("/api/v1/storefront-applications/" + second + "/approve", null).status())
                .isEqualTo(404);
        assertThat(shop.vendor().get("/api/v1/accounts/" + shop.vendorId() + "/audit-events").body())
                .contains("storefront.application-approved", "storefront.application-rejected");
    }

    @Test
    void badInputGetsFieldErrorsAndWritesNothing() {
        Shop shop = shop("AUTOMATIC");
        Shop other = shop("AUTOMATIC");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyName", "");
        body.put("country", "Germany");
        body.put("contactName", "Ann");
        body.put("email", "not-an-email");
        body.put("planId", other.tree().planId());
        body.put("termsAccepted", false);
        body.put("formToken", token(shop.vendorId(), 5));
        Api.Response refused = submit(shop, body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        List<String> fields = new java.util.ArrayList<>();
        refused.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("companyName", "country", "email", "planId", "termsAccepted");
        assertThat(applications(shop.vendorId())).isZero();

        // the same token works once the input is right: nothing of the refused attempt was kept
        body.put("companyName", "Fixed Ltd");
        body.put("country", "DE");
        body.put("email", unique("fix") + "@applicant.test");
        body.put("planId", shop.tree().planId());
        body.put("termsAccepted", true);
        assertThat(submit(shop, body).status()).isEqualTo(202);

        // the HTML form shows the errors at their fields
        String form = "formToken=" + URLEncoder.encode(token(shop.vendorId(), 5), StandardCharsets.UTF_8)
                + "&planId=" + shop.tree().planId() + "&companyName=&country=DE&contactName=Bo&email=bo%40x.test";
        Api.Response page = anonymous.withHeader("Accept", "text/html").send("POST", "/store/" + shop.slug()
                + "/order", form, "application/x-www-form-urlencoded");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("id=\"companyName-error\"", "id=\"termsAccepted-error\"");
        assertThat(applications(shop.vendorId())).isEqualTo(1);
    }

    @Test
    void duplicatesAreRefusedWithoutSayingWhy() {
        Shop shop = shop("MANUAL");
        String email = unique("dup") + "@applicant.test";
        assertThat(submit(shop, signUp(shop, email, token(shop.vendorId(), 5))).status()).isEqualTo(202);
        Api.Response second = submit(shop, signUp(shop, email.toUpperCase(), token(shop.vendorId(), 5)));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("type").asString()).endsWith("email-taken");
        assertThat(second.json().path("errors").get(0).path("field").asString()).isEqualTo("email");

        Api.Response staff = submit(shop, signUp(shop, shop.tree().resellerAdminEmail(), token(shop.vendorId(), 5)));
        assertThat(staff.status()).as("a login of the vendor's subtree").isEqualTo(409);
        assertThat(staff.json().path("detail").asString()).isEqualTo(second.json().path("detail").asString());

        Shop other = shop("MANUAL");
        assertThat(submit(other, signUp(other, email, token(other.vendorId(), 5))).status())
                .as("another vendor is another customer record").isEqualTo(202);
    }

    @Test
    void formTokensAreRefusedTooEarlyTooLateForgedOrReplayed() {
        Shop shop = shop("AUTOMATIC");
        Api.Response offer = anonymous.get("/api/v1/storefronts/" + shop.slug());
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.json().path("plans").size()).isEqualTo(1);
        String fresh = offer.text("formToken");
        Api.Response early = submit(shop, signUp(shop, unique("early") + "@applicant.test", fresh));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().path("type").asString()).endsWith("form-token-rejected");

        Api.Response late = submit(shop, signUp(shop, unique("late") + "@applicant.test",
                token(shop.vendorId(), 3700)));
        assertThat(late.json().path("type").asString()).endsWith("form-token-rejected");

        Shop other = shop("AUTOMATIC");
        Api.Response foreign = submit(shop, signUp(shop, unique("foreign") + "@applicant.test",
                token(other.vendorId(), 5)));
        assertThat(foreign.json().path("type").asString()).as("another storefront's token")
                .endsWith("form-token-rejected");

        String once = token(shop.vendorId(), 5);
        assertThat(submit(shop, signUp(shop, unique("once") + "@applicant.test", once)).status()).isEqualTo(202);
        Api.Response replayed = submit(shop, signUp(shop, unique("replay") + "@applicant.test", once));
        assertThat(replayed.status()).isEqualTo(422);
        assertThat(replayed.json().path("type").asString()).endsWith("form-token-rejected");
        assertThat(applications(shop.vendorId())).isEqualTo(1);
    }

    @Test
    void signUpsAreThrottledPerClientAddress() {
        Shop shop = shop("AUTOMATIC");
        Api.Response last = null;
        for (int i = 0; i < 11; i++) {
            last = submit(shop, signUp(shop, unique("many") + "@applicant.test", token(shop.vendorId(), 5)));
            if (i < 10) {
                assertThat(last.status()).as("attempt %d: %s", i, last).isEqualTo(202);
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().path("type").asString()).endsWith("sign-up-throttled");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(applications(shop.vendorId())).isEqualTo(10);
        // another address is not held up
        assertThat(anonymous.withHeader("X-Forwarded-For", randomAddress()).post("/api/v1/storefronts/"
                + shop.slug() + "/sign-ups", signUp(shop, unique("next") + "@applicant.test",
                token(shop.vendorId(), 5))).status()).isEqualTo(202);
    }
}
