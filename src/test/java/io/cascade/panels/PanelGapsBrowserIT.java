package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.SimFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19's panel gaps in Chromium: SIMs imported from an uploaded file (a bad file refused with its lines, nothing
 * imported), handed down to a sub-reseller and retired after a confirmation; a vendor opening the panel as one of its
 * customer users and back (the audit page names the user acted as); a mailbox's quota, aliases and forwarding
 * changed on its page (a bad alias shown at its line), and the customer's administrator opening the panel as the
 * service user (its mailbox page only), audited.
 */
class PanelGapsBrowserIT extends BrowserTest {

    @Test
    void simsAreUploadedHandedDownAndRetiredAndTheVendorActsAsItsCustomerUser() throws IOException {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Gaps Sim Reseller")).create(provider);
        String subName = unique("Gaps Sub Reseller");
        String sub = AccountFixtures.reseller(subName).under(reseller.id()).create(provider).id();
        String alphaName = unique("Gaps Alpha");
        String alpha = AccountFixtures.customer(alphaName).under(reseller.id()).create(provider).id();
        AccountFixtures.customer(unique("Gaps Beta")).under(reseller.id()).create(provider);
        SimFixtures sims = SimFixtures.block();
        Path file = Files.createTempFile("sims-", ".csv");
        Files.writeString(file, sims.csv(0, 4) + "8949,1,2\n");

        signInAs(reseller.adminEmail(), PASSWORD);
        open("/panel/accounts/" + reseller.id() + "/sims");
        byId("import-file").sendKeys(file.toString());
        click("import-button");
        assertThat(path()).startsWith("/panel/sim-imports/");
        waitForText("import-state", "nothing was imported");
        assertThat(text("import-rejected")).contains("line 6, iccid");
        click("back-to-sims");
        assertThat(text("no-sims")).as("nothing of a bad file is imported").isEqualTo("No SIMs match.");
        Files.writeString(file, sims.csv(0, 4));
        byId("import-file").sendKeys(file.toString());
        click("import-button");
        waitForText("import-state", "Imported 4 of 4 SIMs.");
        assertThat(text("import-percent")).isEqualTo("100 %");
        click("back-to-sims");

        click("sim-" + sims.iccid(0));
        click("sim-" + sims.iccid(1));
        select("hand-down-to", sub);
        click("hand-down-sims");
        assertThat(text("confirm-list")).contains(sims.iccid(0), sims.iccid(1));
        assertThat(text("confirm-title")).isEqualTo("Hand 2 SIMs down to " + subName + "?");
        click("confirm-sim-action");
        assertThat(notice()).isEqualTo("Handed 2 SIMs down to " + subName + ".");
        click("retire-" + sims.iccid(2));
        assertThat(text("confirm-list")).contains(sims.iccid(2)).doesNotContain(sims.iccid(3));
        click("confirm-sim-action");
        assertThat(notice()).isEqualTo("Retired 1 SIMs.");
        assertThat(text("sim-list")).contains(sims.iccid(2) + "").contains("retired")
                .doesNotContain(sims.iccid(0));
        Api admin = as(reseller.adminEmail(), PASSWORD);
        assertThat(admin.get("/api/v1/accounts/" + sub + "/assets").json().path("items")).hasSize(2);
        assertThat(actions(admin, reseller.id())).contains("asset.transferred-out", "asset.retired",
                "asset.imported");

        // the reseller opens the panel as its customer user, who sees only its customer
        String email = unique("fleet") + "@gaps.test";
        Api.Response user = admin.post("/api/v1/accounts/" + reseller.id() + "/customer-users", Map.of(
                "email", email, "name", "Fiona Fleet", "password", "Fleet-Manager-2026", "customerIds", List.of(alpha)));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        open("/panel/customer-users/" + user.text("id"));
        click("act-as-user");
        assertThat(text("acting-as-user")).isEqualTo(email);
        assertThat(text("acting-banner")).contains("customer user", reseller.adminEmail());
        open("/panel/accounts");
        assertThat(listedAccounts()).containsExactly(alphaName);
        click("back-home");
        assertThat(path()).isEqualTo("/panel/customer-users/" + user.text("id"));
        assertThat(present(By.id("acting-banner"))).isFalse();
        JsonNode started = admin.get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=panel.acting-started").json().path("items").get(0);
        assertThat(started.path("onBehalfOfUserId").asString()).isEqualTo(user.text("id"));
        assertThat(started.path("actorUserId").asString()).isEqualTo(admin.get("/api/v1/me").json().path("user")
                .path("id").asString());
        assertThat(actions(admin, reseller.id())).contains("panel.acting-ended");
        // the audit page says for whom the staff member acted
        open("/panel/accounts/" + reseller.id() + "/audit?action=panel.acting-started");
        assertThat(text("audit-list")).contains(reseller.adminEmail());
        assertThat(browser.findElement(By.cssSelector("#audit-list .on-behalf-user-name")).getText())
                .isEqualTo(email + ", customer user");
    }

    @Test
    void aMailboxGetsAliasesAndForwardingAndTheAdministratorActsAsItsServiceUser() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "mbx-" + suffix;
        assertThat(provider.post("/api/v1/services", Map.of("code", "gaps-panel-mail-" + suffix, "name",
                "Hosted mail", "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailbox),
                "resourceTypes", List.of(Map.of("code", mailbox, "name", "Mailbox", "unit", "count")))).status())
                .isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "5.00",
                List.of(resource(mailbox, 2, 10, "HARD", "2.00", null)));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Gaps Mail Customer")).create(provider);
        String subscription = provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan)).text("id");
        await("the mail subscription is active").atMost(Duration.ofSeconds(30)).until(() -> provider
                .get("/api/v1/subscriptions/" + subscription).text("status"), "ACTIVE"::equals);
        String domain = suffix + ".gaps-mail.test";
        Api admin = as(customer.adminEmail(), PASSWORD);
        String ann = admin.post("/api/v1/accounts/" + customer.id() + "/service-users", Map.of("name", "Ann Archer",
                "email", "ann@" + domain, "password", "Mailbox-Secret-2026", "mailboxQuotaMb", 2048)).text("id");

        signInAs(customer.adminEmail(), PASSWORD);
        open("/panel/service-users/" + ann);
        fill("mb-quota", "4096");
        fill("mb-aliases", "info@" + domain + "\nsales@elsewhere.test");
        fill("mb-forward", "ann@example.org");
        click("save-mailbox");
        assertThat(text("mb-aliases-error")).startsWith("line 2 must be on one of the account's mail domains");
        assertThat(byId("mb-forward").getDomProperty("value")).as("what was typed stays").isEqualTo("ann@example.org");
        assertThat(text("service-user-aliases")).as("nothing was saved").isEqualTo("none");
        fill("mb-aliases", "info@" + domain);
        click("save-mailbox");
        assertThat(notice()).startsWith("Saved the mailbox ann@" + domain);
        assertThat(text("service-user-quota")).isEqualTo("4,096 MB");
        assertThat(text("service-user-aliases")).isEqualTo("info@" + domain);
        assertThat(text("service-user-forwarding")).isEqualTo("ann@example.org (keeps a copy)");

        // the administrator opens the panel as the service user: its mailbox page, nothing else
        await("ann's mailbox is active").atMost(Duration.ofSeconds(30)).until(() -> admin
                .get("/api/v1/service-users/" + ann).json().path("mailbox").path("state").asString(), "ACTIVE"::equals);
        click("act-as-user");
        assertThat(path()).isEqualTo("/panel/profile");
        assertThat(text("acting-as-user")).isEqualTo("ann@" + domain);
        assertThat(text("mailbox-address")).isEqualTo("ann@" + domain);
        assertThat(present(By.id("password-form"))).as("not the acting user's password").isFalse();
        open("/panel/accounts/" + customer.id() + "/service-users");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        open("/panel/profile");
        click("back-home");
        assertThat(path()).isEqualTo("/panel/service-users/" + ann);
        JsonNode ended = admin.get("/api/v1/accounts/" + customer.id()
                + "/audit-events?action=panel.acting-ended").json().path("items").get(0);
        assertThat(ended.path("onBehalfOfUserId").asString()).isEqualTo(ann);
        assertThat(ended.path("onBehalfOfAccountId").asString()).isEqualTo(customer.id());
    }

    private static List<String> actions(Api api, String accountId) {
        return api.get("/api/v1/accounts/" + accountId + "/audit-events?limit=100").json().path("items")
                .valueStream().map(e -> e.path("action").asString()).toList();
    }
}
