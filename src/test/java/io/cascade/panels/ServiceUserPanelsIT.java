package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service users in a real browser (issue 6): a customer's administrator creates mailboxes (a bad address shown at
 * its field first), resets a password (a generated one shown once, a weak typed one refused at its field), suspends,
 * resumes and removes one; a service user signs in to its own mailbox page only, changes its password, and every other panel
 * page answers it 404.
 */
class ServiceUserPanelsIT extends BrowserTest {
    private static final String MAILBOX_PASSWORD = "Mailbox-Secret-2026";

    @Test
    void aCustomerAdministratorManagesMailboxesAndAServiceUserSeesOnlyItsOwn() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "mbx-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "panel-mail-" + suffix,
                "name", "Hosted mail", "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailbox),
                "resourceTypes", List.of(Map.of("code", mailbox, "name", "Mailbox", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "5.00",
                List.of(resource(mailbox, 2, 10, "HARD", "2.00", null)));
        String companyName = unique("Mailbox Customer");
        AccountFixtures.Created customer = AccountFixtures.customer(companyName).create(provider);
        Api.Response subscription = provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan));
        assertThat(subscription.status()).as("%s", subscription).isEqualTo(201);
        awaitActive("/api/v1/subscriptions/" + subscription.text("id"), "status");
        String domain = suffix + ".mailbox.test";

        signInAs(customer.adminEmail(), PASSWORD);
        clickLink("Service users");
        assertThat(path()).isEqualTo("/panel/accounts/" + customer.id() + "/service-users");
        assertThat(text("no-service-users")).isEqualTo("No service users yet.");

        fill("su-email", "not-an-address");
        fill("su-name", "Ann Archer");
        fill("su-password", MAILBOX_PASSWORD);
        click("create-service-user");
        assertThat(text("su-email-error")).isEqualTo("must be a well-formed email address");
        assertThat(byId("su-name").getDomProperty("value")).as("the typed values stay").isEqualTo("Ann Archer");
        assertThat(byId("su-password").getDomProperty("value")).as("the password does not").isEmpty();
        fill("su-email", "ann@" + domain);
        fill("su-quota", "4096");
        fill("su-password", MAILBOX_PASSWORD);
        click("create-service-user");
        assertThat(notice()).isEqualTo("Created the mailbox ann@" + domain + ".");
        fill("su-email", "bob@" + domain);
        fill("su-name", "Bob Baker");
        click("create-service-user");
        assertThat(text("invitation-token")).as("without a password: an invitation, shown once").startsWith("inv_");
        assertThat(listed()).containsExactly("ann@" + domain, "bob@" + domain);
        assertThat(byId("service-user-list").getText()).contains("4,096 MB", "invited");
        screenshot("service-users");

        // reset Bob's password: a weak one refused at its field, then a generated one shown once
        clickLink("bob@" + domain);
        fill("su-new-password", "aaaaaaaaaaaa");
        click("reset-password-button");
        assertThat(text("su-new-password-error")).isEqualTo("is too simple: use at least 5 different characters");
        click("reset-password-button");
        String generated = text("generated-password");
        assertThat(generated).hasSize(20);
        assertThat(text("service-user-status")).isEqualTo("active");
        assertThat(as("bob@" + domain, generated).get("/api/v1/me").status()).as("the new password works")
                .isEqualTo(200);

        // suspend and resume Bob, then remove him
        click("suspend-service-user");
        assertThat(notice()).isEqualTo("bob@" + domain + " is suspended.");
        assertThat(text("service-user-status")).isEqualTo("suspended");
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", "bob@" + domain, "password", generated))
                .status()).as("a suspended service user cannot sign in").isIn(401, 403);
        click("resume-service-user");
        assertThat(notice()).isEqualTo("bob@" + domain + " is active again.");
        assertThat(as("bob@" + domain, generated).get("/api/v1/me").status()).isEqualTo(200);
        click("remove-service-user");
        assertThat(notice()).isEqualTo("Removed the mailbox bob@" + domain + ".");
        assertThat(byId("service-user-list").getText()).contains("removed");
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", "bob@" + domain, "password", generated))
                .status()).as("a removed service user cannot sign in").isIn(401, 403);

        // the mail subscription leads to its service users
        clickLink("mail subscription");
        clickLink("service users");
        assertThat(path()).isEqualTo("/panel/accounts/" + customer.id() + "/service-users");

        // the service user's own panel
        String annId = provider.get("/api/v1/accounts/" + customer.id() + "/service-users").json().path("items")
                .get(0).path("id").asString();
        awaitActive("/api/v1/service-users/" + annId, "mailbox.state");
        browser.manage().deleteAllCookies();
        signInAs("ann@" + domain, MAILBOX_PASSWORD);
        assertThat(path()).isEqualTo("/panel/profile");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your mailbox");
        assertThat(text("mailbox-address")).isEqualTo("ann@" + domain);
        assertThat(text("mailbox-quota")).isEqualTo("4,096 MB");
        assertThat(text("mailbox-state")).isEqualTo("active");
        assertThat(browser.findElements(By.cssSelector("header.top a")).stream().map(WebElement::getText))
                .as("nothing else to go to").containsExactly("Cascade", "Your mailbox", "ann@" + domain);
        screenshot("service-user-mailbox");

        fill("currentPassword", MAILBOX_PASSWORD);
        fill("newPassword", "Ann-New-Mailbox-1");
        fill("confirmPassword", "Ann-New-Mailbox-1");
        click("change-password");
        assertThat(notice()).isEqualTo("Your password has been changed.");
        assertThat(as("ann@" + domain, "Ann-New-Mailbox-1").get("/api/v1/me").status()).isEqualTo(200);

        open("/");
        assertThat(path()).as("the start page is its mailbox").isEqualTo("/panel/profile");
        for (String page : List.of("/panel/accounts/" + customer.id(), "/panel/accounts",
                "/panel/accounts/" + customer.id() + "/service-users", "/panel/service-users/" + annId,
                "/panel/accounts/" + customer.id() + "/subscriptions", "/panel/tokens", "/panel/services",
                "/panel/settings", "/panel/billing", "/panel/subscriptions/" + subscription.text("id"),
                "/panel/plans/" + plan)) {
            open(page);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).isEqualTo("Not found");
        }
        Cookie session = browser.manage().getCookieNamed("CASCADE_SESSION");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String page : List.of("/panel/accounts/" + customer.id(), "/panel/tokens", "/panel/accounts",
                "/panel/service-users/" + annId, "/panel/dashboard")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + page))
                    .header("Cookie", "CASCADE_SESSION=" + session.getValue()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(404);
        }
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create(base() + "/panel/profile"))
                .header("Cookie", "CASCADE_SESSION=" + session.getValue()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as("the same session still reads its own page").isEqualTo(200);
    }

    private List<String> listed() {
        byId("service-user-list");
        return browser.findElements(By.cssSelector("#service-user-list tbody tr[data-email]")).stream()
                .map(r -> r.getDomAttribute("data-email")).toList();
    }

    private void awaitActive(String path, String field) {
        await("%s: %s becomes ACTIVE".formatted(path, field)).atMost(Duration.ofSeconds(30)).until(() -> {
            var json = provider.get(path).json();
            for (String part : field.split("\\.")) {
                json = json.path(part);
            }
            return json.asString();
        }, "ACTIVE"::equals);
    }
}
