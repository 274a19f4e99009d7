package io.cascade.accounts;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.StorefrontFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feature licences (issue 19, ADR 0038) through the API: the defaults, the subtree rule, passing on only what the
 * vendor holds, seats counted at use, the end date checked at use, and every feature's check where it is used.
 */
class LicencesIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Autowired
    private JdbcClient jdbc;

    private static String licences(String accountId) {
        return "/api/v1/accounts/" + accountId + "/licences";
    }

    private static Api.Response put(Api api, String path, Object body) {
        return api.send("PUT", path, body, "application/json");
    }

    private static List<String> features(Api.Response list) {
        List<String> features = new ArrayList<>();
        list.json().path("items").forEach(item -> features.add(item.path("feature").asString()));
        return features;
    }

    private static void refused(Api.Response answer, int status, String slug, String feature) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.text("type")).isEqualTo(PROBLEM + slug);
        if (feature != null) {
            assertThat(answer.text("feature")).as("the problem names the feature").isEqualTo(feature);
        }
    }

    @Test
    void newAccountsGetWhatTheirVendorHoldsAndTheSubtreeRuleHolds() {
        var reseller = AccountFixtures.reseller("Licensed Reseller").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        var customer = AccountFixtures.customer("Licensed Customer").under(reseller.id()).create(resellerApi);
        var sibling = AccountFixtures.reseller("Licence Sibling").create(provider);

        Api.Response providers = provider.get(licences(providerId()));
        assertThat(features(providers)).containsExactly("RESELLER", "SIM_MANAGEMENT", "OWN_PRODUCTS", "STOREFRONT",
                "API_ACCESS", "WHITE_LABEL");
        assertThat(providers.json().path("items").get(0).path("inherited").asBoolean()).isTrue();
        assertThat(features(resellerApi.get(licences(reseller.id())))).containsExactly("RESELLER", "SIM_MANAGEMENT",
                "OWN_PRODUCTS", "STOREFRONT", "API_ACCESS", "WHITE_LABEL");
        Api.Response customers = resellerApi.get(licences(customer.id()));
        assertThat(features(customers)).as("a customer gets the features that apply to customers")
                .containsExactly("SIM_MANAGEMENT", "API_ACCESS");
        assertThat(customers.json().path("items").get(1).path("active").asBoolean()).isTrue();
        assertThat(customers.json().path("items").get(1).path("seatsUsed").asLong()).isZero();

        // the subtree rule: a sibling sees nothing of it, exactly as for an unknown id
        Api siblingApi = as(sibling.adminEmail(), PASSWORD);
        Api.Response outside = siblingApi.get(licences(reseller.id()));
        assertThat(outside.status()).isEqualTo(404);
        Api.Response unknown = siblingApi.get(licences(UUID.randomUUID().toString()));
        assertThat(outside.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(outside.text("type")).isEqualTo(unknown.text("type"));
        assertThat(put(siblingApi, licences(customer.id()) + "/API_ACCESS", Map.of("seats", 1)).status())
                .isEqualTo(404);
        assertThat(siblingApi.delete(licences(customer.id()) + "/API_ACCESS").status()).isEqualTo(404);
        assertThat(features(resellerApi.get(licences(customer.id())))).contains("API_ACCESS");

        // nobody grants its own account; a read-only licence list for the account's own staff
        refused(put(resellerApi, licences(reseller.id()) + "/API_ACCESS", Map.of()), 403, "vendor-decides", null);
        refused(resellerApi.delete(licences(reseller.id()) + "/STOREFRONT"), 403, "vendor-decides", null);
    }

    @Test
    void aVendorPassesOnOnlyWhatItHoldsAndBadInputIsNamed() {
        var reseller = AccountFixtures.reseller("Passing Reseller").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        var customer = AccountFixtures.customer("Passed Customer").under(reseller.id()).create(resellerApi);
        String path = licences(reseller.id()) + "/API_ACCESS";

        Api.Response current = provider.get(path);
        assertThat(current.status()).isEqualTo(200);
        String etag = current.header("ETag");
        Api.Response changed = put(provider.withHeader("If-Match", etag), path,
                Map.of("seats", 5, "endsOn", "2030-06-30"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().path("seats").asInt()).isEqualTo(5);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(put(provider.withHeader("If-Match", etag), path, Map.of("seats", 4)).status())
                .as("a stale ETag").isEqualTo(412);

        String customerPath = licences(customer.id()) + "/API_ACCESS";
        refused(put(resellerApi, customerPath, Map.of("seats", 6)), 422, "licence-beyond-vendor", "API_ACCESS");
        refused(put(resellerApi, customerPath, Map.of("endsOn", "2030-07-01")), 422, "licence-beyond-vendor",
                "API_ACCESS");
        Api.Response passed = put(resellerApi, customerPath, Map.of("seats", 5, "endsOn", "2030-06-30"));
        assertThat(passed.status()).as("%s", passed).isEqualTo(200);

        // what the vendor does not hold it cannot pass on
        assertThat(provider.delete(licences(reseller.id()) + "/STOREFRONT").status()).isEqualTo(204);
        var second = AccountFixtures.reseller("Passed Reseller").under(reseller.id()).create(resellerApi);
        assertThat(features(resellerApi.get(licences(second.id())))).doesNotContain("STOREFRONT").contains("RESELLER");
        refused(put(resellerApi, licences(second.id()) + "/STOREFRONT", Map.of()), 422, "licence-beyond-vendor",
                "STOREFRONT");

        // bad input: each rule named at its field, nothing written
        Api.Response bad = put(resellerApi, licences(customer.id()) + "/STOREFRONT",
                Map.of("endsOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"feature\"").contains("\"endsOn\"");
        Api.Response seats = put(resellerApi, licences(second.id()) + "/SIM_MANAGEMENT", Map.of("seats", 0));
        assertThat(seats.status()).isEqualTo(422);
        assertThat(seats.body()).contains("\"seats\"");
        assertThat(put(resellerApi, licences(second.id()) + "/SIM_MANAGEMENT", Map.of("seats", 2)).body())
                .contains("only RESELLER, API_ACCESS and WHITE_LABEL have seats");
        assertThat(put(resellerApi, licences(second.id()) + "/NO_SUCH_FEATURE", Map.of()).status()).isEqualTo(400);
        assertThat(put(resellerApi, licences(second.id()) + "/API_ACCESS", Map.of("seats", "many")).status())
                .isEqualTo(400);
        assertThat(resellerApi.get(licences(second.id()) + "/SIM_MANAGEMENT").json().path("seats").isNull()).isTrue();

        // every change is in the audit log
        Api.Response audit = provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?limit=200");
        assertThat(audit.body()).contains("licence.changed", "licence.revoked", "licence.passed-on");
    }

    @Test
    void apiAccessIsCheckedOnEveryBearerRequestAndItsSeatsCountApiKeys() {
        var reseller = AccountFixtures.reseller("Api Seats").create(provider);
        assertThat(put(provider, licences(reseller.id()) + "/API_ACCESS", Map.of("seats", 2)).status()).isEqualTo(200);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD); // key 1
        var customer = AccountFixtures.customer("Api Seat Customer").under(reseller.id()).create(resellerApi);
        Api.Response second = anonymous.post("/api/v1/auth/tokens",
                Map.of("email", customer.adminEmail(), "password", PASSWORD)); // key 2
        assertThat(second.status()).isEqualTo(201);
        Api.Response third = anonymous.post("/api/v1/auth/tokens",
                Map.of("email", customer.adminEmail(), "password", PASSWORD));
        refused(third, 422, "licence-seats-exhausted", "API_ACCESS");
        assertThat(resellerApi.get(licences(reseller.id()) + "/API_ACCESS").json().path("seatsUsed").asLong())
                .isEqualTo(2);
        // revoking a key frees its seat
        assertThat(resellerApi.delete("/api/v1/tokens/" + second.text("tokenId")).status()).isEqualTo(204);
        Api customerApi = as(customer.adminEmail(), PASSWORD);
        assertThat(customerApi.get("/api/v1/me").status()).isEqualTo(200);

        // without API_ACCESS a token that worked answers 403 naming the feature, and sign-in too
        assertThat(resellerApi.delete(licences(customer.id()) + "/API_ACCESS").status()).isEqualTo(204);
        refused(customerApi.get("/api/v1/me"), 403, "feature-not-licensed", "API_ACCESS");
        refused(anonymous.post("/api/v1/auth/tokens", Map.of("email", customer.adminEmail(), "password", PASSWORD)),
                403, "feature-not-licensed", "API_ACCESS");
        assertThat(resellerApi.get("/api/v1/me").status()).as("the vendor keeps its own").isEqualTo(200);
    }

    @Test
    void aLicenceEndsAtUseTimeAndRevokingTakesTheFeatureFromTheWholeSubtree() {
        var reseller = AccountFixtures.reseller("Ending Reseller").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        var sub = AccountFixtures.reseller("Ending Sub").under(reseller.id()).create(resellerApi);
        Api subApi = as(sub.adminEmail(), PASSWORD);
        assertThat(subApi.get("/api/v1/accounts/" + sub.id() + "/assets").status()).isEqualTo(200);

        // SIM management: revoked above, gone below (the sub-reseller's own licence stays, unusable)
        assertThat(provider.delete(licences(reseller.id()) + "/SIM_MANAGEMENT").status()).isEqualTo(204);
        refused(subApi.get("/api/v1/accounts/" + sub.id() + "/assets"), 403, "feature-not-licensed",
                "SIM_MANAGEMENT");
        refused(resellerApi.get("/api/v1/accounts/" + reseller.id() + "/assets"), 403, "feature-not-licensed",
                "SIM_MANAGEMENT");
        Api.Response subs = subApi.get(licences(sub.id()) + "/SIM_MANAGEMENT");
        assertThat(subs.json().path("active").asBoolean()).isFalse();
        assertThat(put(provider, licences(reseller.id()) + "/SIM_MANAGEMENT", Map.of()).status()).isEqualTo(201);
        assertThat(subApi.get("/api/v1/accounts/" + sub.id() + "/assets").status()).isEqualTo(200);

        // RESELLER: creating resellers below needs it (and its seats); customers do not
        assertThat(put(provider, licences(reseller.id()) + "/RESELLER", Map.of("seats", 1)).status()).isEqualTo(200);
        refused(resellerApi.post("/api/v1/accounts", AccountFixtures.reseller("One Too Many").under(reseller.id())
                .body()), 422, "licence-seats-exhausted", "RESELLER");
        assertThat(provider.delete(licences(reseller.id()) + "/RESELLER").status()).isEqualTo(204);
        refused(resellerApi.post("/api/v1/accounts", AccountFixtures.reseller("Unlicensed").under(reseller.id())
                .body()), 403, "feature-not-licensed", "RESELLER");
        assertThat(resellerApi.post("/api/v1/accounts", AccountFixtures.customer("Still Fine").under(reseller.id())
                .body()).status()).isEqualTo(201);

        // the end date is checked when the feature is used: a licence whose last day has passed holds nothing
        assertThat(subApi.get("/api/v1/accounts/" + sub.id() + "/brand").status()).isEqualTo(200);
        jdbc.sql("UPDATE licence SET ends_on = :day WHERE account_id = :id AND feature = 'WHITE_LABEL'")
                .param("day", java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC).minusDays(1)))
                .param("id", UUID.fromString(reseller.id())).update();
        refused(subApi.get("/api/v1/accounts/" + sub.id() + "/brand"), 403, "feature-not-licensed", "WHITE_LABEL");
        refused(resellerApi.get("/api/v1/accounts/" + reseller.id() + "/panel-hosts"), 403, "feature-not-licensed",
                "WHITE_LABEL");
        assertThat(provider.get(licences(reseller.id()) + "/WHITE_LABEL").json().path("active").asBoolean())
                .isFalse();
    }

    @Test
    void storefrontAndWhiteLabelAreCheckedWhereTheyAreUsed() {
        var reseller = AccountFixtures.reseller("Shop Licence").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        String slug = unique("licshop").toLowerCase();
        StorefrontFixtures.enable(resellerApi, reseller.id(), slug, "AUTOMATIC");
        assertThat(anonymous.get("/api/v1/storefronts/" + slug).status()).isEqualTo(200);
        assertThat(provider.delete(licences(reseller.id()) + "/STOREFRONT").status()).isEqualTo(204);
        assertThat(anonymous.get("/api/v1/storefronts/" + slug).status()).as("the public store is gone")
                .isEqualTo(404);
        refused(resellerApi.get("/api/v1/accounts/" + reseller.id() + "/storefront"), 403, "feature-not-licensed",
                "STOREFRONT");

        // OWN_PRODUCTS: a reseller's own services (ADR 0036) need it; nothing is written without it
        String code = unique("licsvc").toLowerCase();
        Map<String, Object> service = Map.of("code", code, "name", "Own support", "adapter", "manual",
                "resourceTypes", List.of(Map.of("code", code + "-hour", "name", "Hour", "unit", "hour")));
        assertThat(provider.delete(licences(reseller.id()) + "/OWN_PRODUCTS").status()).isEqualTo(204);
        refused(resellerApi.post("/api/v1/services", service), 403, "feature-not-licensed", "OWN_PRODUCTS");
        assertThat(put(provider, licences(reseller.id()) + "/OWN_PRODUCTS", Map.of()).status()).isEqualTo(201);
        assertThat(resellerApi.post("/api/v1/services", service).status()).as("the same service, now licensed")
                .isEqualTo(201);

        // WHITE_LABEL seats count panel hosts
        assertThat(put(provider, licences(reseller.id()) + "/WHITE_LABEL", Map.of("seats", 1)).status())
                .isEqualTo(200);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("host", unique("one").toLowerCase() + ".licences.example");
        assertThat(resellerApi.post("/api/v1/accounts/" + reseller.id() + "/panel-hosts", host).status())
                .isEqualTo(201);
        refused(resellerApi.post("/api/v1/accounts/" + reseller.id() + "/panel-hosts",
                Map.of("host", unique("two").toLowerCase() + ".licences.example")), 422, "licence-seats-exhausted",
                "WHITE_LABEL");
    }
}
