package io.cascade.brands.internal;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Panel hosts through the API (issue 18, ADR 0035), verified through the tests' DNS ({@link TestDns}). */
class PanelHostsIT extends IntegrationTest {

    @Autowired
    private TestDns dns;

    private static String host(String prefix) {
        return unique(prefix).toLowerCase() + ".example";
    }

    private static String base(String accountId) {
        return "/api/v1/accounts/" + accountId + "/panel-hosts";
    }

    @Test
    void aResellerAttachesAHostVerifiesItByDnsAndRemovesIt() {
        var reseller = AccountFixtures.reseller("Northwind").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String name = host("panel.northwind");

        Api.Response added = admin.post(base(reseller.id()), Map.of("host", "  " + name.toUpperCase() + ". "));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo(base(reseller.id()) + "/" + name);
        JsonNode view = added.json();
        assertThat(view.path("host").asString()).isEqualTo(name);
        assertThat(view.path("state").asString()).isEqualTo("UNVERIFIED");
        assertThat(view.path("verification").path("name").asString()).isEqualTo("_cascade-challenge." + name);
        assertThat(view.path("verification").path("type").asString()).isEqualTo("TXT");
        String token = view.path("verification").path("value").asString();
        assertThat(token).startsWith("cascade-verify=");

        // not published yet: 422, nothing changes
        Api.Response early = admin.post(base(reseller.id()) + "/" + name + "/verify", Map.of());
        assertThat(early.status()).as("%s", early).isEqualTo(422);
        assertThat(early.text("type")).isEqualTo("urn:cascade:problem:panel-host-unverified");
        dns.publish("_cascade-challenge." + name, "\"some other text\"", "cascade-verify=wrong");
        assertThat(admin.post(base(reseller.id()) + "/" + name + "/verify", null).status()).isEqualTo(422);
        assertThat(admin.get(base(reseller.id()) + "/" + name).json().path("state").asString())
                .isEqualTo("UNVERIFIED");

        dns.publish("_cascade-challenge." + name, "\"some other text\"", token);
        Api.Response verified = admin.post(base(reseller.id()) + "/" + name + "/verify", null);
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        assertThat(verified.json().path("state").asString()).isEqualTo("VERIFIED");
        assertThat(verified.json().path("method").asString()).isEqualTo("DNS");
        assertThat(verified.json().path("verifiedAt").isNull()).isFalse();

        JsonNode list = admin.get(base(reseller.id())).json();
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).path("host").asString()).isEqualTo(name);

        assertThat(admin.delete(base(reseller.id()) + "/" + name).status()).isEqualTo(204);
        assertThat(admin.get(base(reseller.id()) + "/" + name).status()).isEqualTo(404);
        String audit = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?limit=50").body();
        assertThat(audit).contains("panel-host.added", "panel-host.verified", "panel-host.removed", name);

        // its name is free again
        assertThat(provider.post(base(providerId()), Map.of("host", name)).status()).isEqualTo(201);
        assertThat(provider.delete(base(providerId()) + "/" + name).status()).isEqualTo(204);
    }

    @Test
    void aHostNameBelongsToOneVendorAndTheAnswerDoesNotSayWhose() {
        var first = AccountFixtures.reseller("First").create(provider);
        var second = AccountFixtures.reseller("Second").create(provider);
        String name = host("shop");
        assertThat(as(first.adminEmail(), PASSWORD).post(base(first.id()), Map.of("host", name)).status())
                .isEqualTo(201);

        Api.Response taken = as(second.adminEmail(), PASSWORD).post(base(second.id()), Map.of("host", name));
        assertThat(taken.status()).as("%s", taken).isEqualTo(409);
        assertThat(taken.text("type")).isEqualTo("urn:cascade:problem:panel-host-taken");
        assertThat(taken.body()).doesNotContain(first.id()).doesNotContain("First");
        // the same vendor again: taken as well
        assertThat(as(first.adminEmail(), PASSWORD).post(base(first.id()), Map.of("host", name.toUpperCase()))
                .status()).isEqualTo(409);
        assertThat(as(second.adminEmail(), PASSWORD).get(base(second.id())).json().path("items")).isEmpty();
    }

    @Test
    void invalidNamesAreFieldErrorsAndNothingIsWritten() {
        var reseller = AccountFixtures.reseller("Names").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        for (String bad : List.of("", "localhost", "panel.localhost", "panel", "192.168.1.10", "[::1]", "::1",
                "panel.example.com:8443", "https://panel.example.com", "panel.example.com/x", "-bad.example",
                "bad-.example", "under_score.example", "a..b.example", "x".repeat(64) + ".example",
                ("abcdefghi.").repeat(26) + "example")) {
            Api.Response refused = admin.post(base(reseller.id()), Map.of("host", bad));
            assertThat(refused.status()).as("%s: %s", bad, refused).isEqualTo(422);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("host");
        }
        assertThat(admin.post(base(reseller.id()), Map.of()).status()).isEqualTo(422);
        assertThat(admin.post(base(reseller.id()), "{\"host\": 12").status()).isEqualTo(400);
        assertThat(admin.get(base(reseller.id())).json().path("items")).isEmpty();

        // an internationalised name is stored in its ASCII form
        Api.Response idn = admin.post(base(reseller.id()), Map.of("host", "Bücher-" + reseller.id().substring(0, 8)
                + ".example"));
        assertThat(idn.status()).as("%s", idn).isEqualTo(201);
        assertThat(idn.text("host")).startsWith("xn--bcher-").endsWith(".example");
    }

    @Test
    void aVendorHasAtMostTenHosts() {
        var reseller = AccountFixtures.reseller("Many").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = host("h" + i);
            names.add(name);
            assertThat(admin.post(base(reseller.id()), Map.of("host", name)).status()).isEqualTo(201);
        }
        Api.Response refused = admin.post(base(reseller.id()), Map.of("host", host("eleven")));
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:limit-exceeded");
        JsonNode page = admin.get(base(reseller.id()) + "?limit=4").json();
        assertThat(page.path("items")).hasSize(4);
        JsonNode rest = admin.get(base(reseller.id()) + "?limit=10&cursor=" + page.path("nextCursor").asString())
                .json();
        assertThat(rest.path("items")).hasSize(6);
        assertThat(rest.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void customersHaveNoHostsAndOtherSubtreesAreNotFound() {
        var reseller = AccountFixtures.reseller("Scope").create(provider);
        var sub = AccountFixtures.reseller("Sub").under(reseller.id()).create(provider);
        var customer = AccountFixtures.customer("Buyer").under(reseller.id()).create(provider);
        var sibling = AccountFixtures.reseller("Sibling").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String name = host("sub");

        // a vendor attaches hosts for resellers it covers
        assertThat(admin.post(base(sub.id()), Map.of("host", name)).status()).isEqualTo(201);
        assertThat(admin.get(base(sub.id()) + "/" + name).status()).isEqualTo(200);

        // a customer has none, itself or through its vendor
        assertThat(admin.get(base(customer.id())).status()).isEqualTo(404);
        assertThat(admin.post(base(customer.id()), Map.of("host", host("c"))).status()).isEqualTo(404);
        assertThat(as(customer.adminEmail(), PASSWORD).get(base(customer.id())).status()).isEqualTo(404);

        // outside the subtree: 404 on every path, also for a host that exists
        Api other = as(sibling.adminEmail(), PASSWORD);
        assertThat(other.get(base(sub.id())).status()).isEqualTo(404);
        assertThat(other.get(base(sub.id()) + "/" + name).status()).isEqualTo(404);
        assertThat(other.post(base(sub.id()), Map.of("host", host("x"))).status()).isEqualTo(404);
        assertThat(other.post(base(sub.id()) + "/" + name + "/verify", null).status()).isEqualTo(404);
        assertThat(other.delete(base(sub.id()) + "/" + name).status()).isEqualTo(404);
        // another vendor's host under one's own account: 404 too
        assertThat(other.get(base(sibling.id()) + "/" + name).status()).isEqualTo(404);
        assertThat(other.delete(base(sibling.id()) + "/" + name).status()).isEqualTo(404);
        // the sub-reseller does not see its parent's hosts
        String parents = host("parent");
        assertThat(admin.post(base(reseller.id()), Map.of("host", parents)).status()).isEqualTo(201);
        assertThat(as(sub.adminEmail(), PASSWORD).get(base(reseller.id()) + "/" + parents).status()).isEqualTo(404);
    }

    @Test
    void onlyTheProvidersStaffMarkAHostVerifiedByHandAndTheAuditSaysWho() {
        var reseller = AccountFixtures.reseller("Manual").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String name = host("manual");
        assertThat(admin.post(base(reseller.id()), Map.of("host", name)).status()).isEqualTo(201);

        Api.Response refused = admin.post(base(reseller.id()) + "/" + name + "/verify", Map.of("manual", true));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:provider-only");
        assertThat(admin.get(base(reseller.id()) + "/" + name).json().path("state").asString())
                .isEqualTo("UNVERIFIED");

        Api.Response marked = provider.post(base(reseller.id()) + "/" + name + "/verify", Map.of("manual", true));
        assertThat(marked.status()).as("%s", marked).isEqualTo(200);
        assertThat(marked.json().path("state").asString()).isEqualTo("VERIFIED");
        assertThat(marked.json().path("method").asString()).isEqualTo("MANUAL");
        JsonNode events = provider.get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=panel-host.verified&limit=5").json().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).toString()).contains(ADMIN_EMAIL, "MANUAL", name);
    }
}
