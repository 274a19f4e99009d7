package io.cascade.panels;

import com.sun.net.httpserver.HttpServer;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provisioning tasks, billing runs and customer users in a real browser (issue 6): a task the remote system refused
 * shows among the dashboard's provisioning failures and is retried from there (htmx swaps its row); the account's
 * provisioning tab lists it; the billing page lists the runs, newest first, each leading to its progress; a customer
 * user is renamed (a blank name shown at its field), disabled, moved to another customer and removed by its
 * account's staff, while upstream staff are refused with the service's message.
 */
class ProvisioningPanelsIT extends BrowserTest {

    @Test
    void aFailedTaskShowsOnTheDashboardAndIsRetriedFromThePanel() throws IOException {
        AtomicInteger refusals = new AtomicInteger(1);
        HttpServer remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/provision", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = refusals.getAndDecrement() > 0 ? 400 : 200;
            byte[] body = (status == 400 ? "{\"error\": \"unknown plan\"}" : "{}").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        remote.start();
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String seats = "seat-" + suffix;
            Api.Response service = provider.post("/api/v1/services", Map.of("code", "crm-" + suffix, "name",
                    "Remote CRM", "adapter", "http", "adapterConfig", Map.of("url", "http://127.0.0.1:"
                            + remote.getAddress().getPort() + "/provision", "secret",
                            "whsec_" + Base64.getEncoder().encodeToString(key)),
                    "resourceTypes", List.of(Map.of("code", seats, "name", "Seat", "unit", "count"))));
            assertThat(service.status()).as("%s", service).isEqualTo(201);
            String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "10.00",
                    List.of(resource(seats, 1, 50, "HARD", "3.00", null)));
            String customerName = unique("Refused Customer");
            String customer = AccountFixtures.customer(customerName).create(provider).id();
            AccountFixtures.Created sibling = AccountFixtures.reseller(unique("Calm Reseller")).create(provider);
            Api.Response subscribed = provider.post("/api/v1/accounts/" + customer + "/subscriptions",
                    Map.of("planId", plan, "resources", List.of(Map.of("resourceType", seats, "quantity", 1))));
            assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
            String task = awaitTask(customer, "FAILED");

            signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
            WebElement row = byId("task-" + task);
            assertThat(byId("dashboard-failures").getText()).contains(customerName);
            assertThat(row.getText()).contains("provision", "Remote CRM", "failed", "1 of 3", "HTTP 400",
                    "unknown plan");
            assertThat(row.findElement(By.linkText(customerName)).getDomAttribute("href"))
                    .isEqualTo("/panel/accounts/" + customer);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                    byId("provisioning-failures"));
            screenshot("dashboard-failures");

            row.findElement(By.cssSelector("button.retry")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10), POLL).ignoring(StaleElementReferenceException.class)
                    .until(d -> !"FAILED".equals(d.findElement(By.id("task-" + task)).getDomAttribute("data-status")));
            assertThat(path()).as("htmx swapped the row; the page stayed").isEqualTo("/");
            assertThat(present(By.cssSelector("#task-" + task + " button.retry"))).isFalse();
            awaitTask(customer, "DONE");
            assertThat(provider.get("/api/v1/accounts/" + customer + "/audit-events?action=provisioning.task-retried")
                    .json().path("items").get(0).path("actorUserId").asString()).as("audited with the user")
                    .isEqualTo(provider.get("/api/v1/me").json().path("user").path("id").asString());

            open("/panel/accounts/" + customer);
            clickLink("Provisioning");
            assertThat(byId("task-list").getText()).contains("Remote CRM", "done");
            assertThat(byId("task-" + task).getDomAttribute("data-status")).isEqualTo("DONE");
            assertThat(present(By.cssSelector("#task-list button.retry"))).isFalse();
            screenshot("provisioning-tasks");
            open("/panel/provisioning/failures");
            assertThat(present(By.id("task-" + task))).as("a task retried to DONE has left the failures").isFalse();

            browser.manage().deleteAllCookies();
            signInAs(sibling.adminEmail(), PASSWORD);
            assertThat(text("no-failures")).as("nothing of another subtree")
                    .isEqualTo("No provisioning task has failed.");
        } finally {
            remote.stop(0);
        }
    }

    @Test
    void aManualServicesStopIsAToDoItsVendorsStaffMarkDoneInThePanel() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        io.cascade.support.TreeFixtures.Tree tree = io.cascade.support.TreeFixtures.resellerWithHolding(provider)
                .named(unique("By Hand Reseller")).mail(mail)
                .plan("5.00", resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, 10, "HARD", null, "0.20"))
                .customer(unique("By Hand Customer")).build();
        assertThat(tree.reseller().post("/api/v1/usage", Map.of("records", List.of(Map.of("id",
                UUID.randomUUID().toString(), "subscriptionId", tree.subscriptionId(), "resourceType",
                mail.metered(), "quantity", 12, "at", java.time.Instant.now().minusSeconds(30).toString()))))
                .status()).isEqualTo(200);
        String tab = "/panel/accounts/" + tree.customerId() + "/provisioning";
        int port = Integer.parseInt(base().substring(base().lastIndexOf(':') + 1));
        PanelClient.Page own = new PanelClient(port, randomAddress()).signedIn(tree.customerAdminEmail(), PASSWORD)
                .get(tab);
        assertThat(own.body()).contains("to do by hand: stop " + mail.metered() + " at its hard limit")
                .as("the customer cannot mark its own stop done").doesNotContain("Mark done");

        PanelClient vendor = new PanelClient(port, randomAddress()).signedIn(tree.resellerAdminEmail(), PASSWORD);
        java.util.regex.Matcher button = java.util.regex.Pattern.compile("id=\"complete-([0-9a-f-]{36})\"")
                .matcher(vendor.get(tab).body());
        assertThat(button.find()).as("the vendor's staff get the button").isTrue();
        PanelClient.Page marked = vendor.post("/panel/provisioning-tasks/" + button.group(1) + "/complete",
                Map.of("back", tab));
        assertThat(marked.status()).as(marked.body()).isEqualTo(302);
        assertThat(tree.reseller().get("/api/v1/provisioning-tasks/" + button.group(1)).text("status"))
                .isEqualTo("DONE");
        assertThat(vendor.get(tab).body()).doesNotContain("Mark done", "to do by hand");
    }

    @Test
    void theBillingPageListsTheRunsNewestFirst() {
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        clickLink("Billing");
        click("start-run");
        assertThat(path()).startsWith("/panel/billing/runs/");
        String run = path().substring("/panel/billing/runs/".length());
        new WebDriverWait(browser, Duration.ofSeconds(120), POLL).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("run-progress")).getText().contains("completed"));
        clickLink("Billing");
        WebElement first = browser.findElement(By.cssSelector("#run-list tbody tr"));
        assertThat(first.getDomAttribute("data-run")).as("newest first").isEqualTo(run);
        assertThat(first.getText()).contains("manual", "completed");
        screenshot("billing");
        first.findElement(By.tagName("a")).click();
        waitUntil(d -> path().equals("/panel/billing/runs/" + run));
        assertThat(byId("run-progress").getText()).contains("completed");

        String customer = AccountFixtures.customer(unique("Run Reader Customer")).create(provider).id();
        String email = unique("run-reader") + "@panel.test";
        assertThat(provider.post("/api/v1/accounts/" + providerId() + "/customer-users", Map.of("email", email,
                "name", "Run Reader", "password", PASSWORD, "customerIds", List.of(customer))).status()).isEqualTo(201);
        browser.manage().deleteAllCookies();
        signInAs(email, PASSWORD);
        assertThat(browser.findElements(By.linkText("Billing"))).as("no billing in its menu").isEmpty();
        open("/panel/billing/runs/" + run);
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .as("a customer user of the provider finds no run").isEqualTo("Not found");
    }

    @Test
    void aCustomerUserIsChangedDisabledAndRemovedByItsAccountsOwnStaffOnly() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Fleet Reseller")).create(provider);
        String alphaName = unique("Alpha Trucks");
        String alpha = AccountFixtures.customer(alphaName).under(reseller.id()).create(provider).id();
        String betaName = unique("Beta Vans");
        String beta = AccountFixtures.customer(betaName).under(reseller.id()).create(provider).id();
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String email = unique("erin") + "@fleet.test";
        Api.Response created = admin.post("/api/v1/accounts/" + reseller.id() + "/customer-users",
                Map.of("email", email, "name", "Erin", "password", PASSWORD, "customerIds", List.of(alpha)));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.text("id");

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/panel/customer-users/" + id);
        fill("cu-name", "Erin Upstream");
        click("save-customer-user");
        assertThat(byId("main").findElement(By.className("alert")).getText())
                .as("upstream staff are refused with the service's message")
                .contains("Only the account's own users manage its customer users");
        assertThat(byId("cu-name").getDomProperty("value")).isEqualTo("Erin Upstream");
        click("remove-customer-user-button");
        assertThat(byId("main").findElement(By.className("alert")).getText())
                .contains("Only the account's own users manage its customer users");
        assertThat(admin.get("/api/v1/customer-users/" + id).text("name")).as("nothing changed").isEqualTo("Erin");
        open("/panel/accounts/" + reseller.id() + "/users");
        assertThat(browser.findElements(By.cssSelector("tr[data-user='" + email + "'] button")))
                .as("the staff page offers upstream staff no way to disable it either").isEmpty();
        assertThat(browser.findElements(By.cssSelector("tr[data-user='" + reseller.adminEmail() + "'] button")))
                .as("while a staff member below can be").isNotEmpty();

        browser.manage().deleteAllCookies();
        signInAs(reseller.adminEmail(), PASSWORD);
        clickLink("My account");
        clickLink("Customer users");
        browser.findElement(By.cssSelector("#customer-user-list tr[data-user='" + email + "'] a")).click();
        fill("cu-name", " ");
        click("save-customer-user");
        assertThat(text("cu-name-error")).isEqualTo("must not be blank");
        assertThat(byId("cu-name").getDomAttribute("aria-invalid")).isEqualTo("true");
        fill("cu-name", "Erin Fleet");
        select("cu-status", "DISABLED");
        click("cu-customer-" + alpha);
        click("cu-customer-" + beta);
        screenshot("customer-user");
        click("save-customer-user");
        assertThat(notice()).isEqualTo("Saved the customer user " + email + " (disabled).");
        WebElement listed = byId("customer-user-list").findElement(By.cssSelector("tr[data-user='" + email + "']"));
        assertThat(listed.getText()).contains("Erin Fleet", betaName, "disabled").doesNotContain(alphaName);
        Api.Response after = admin.get("/api/v1/customer-users/" + id);
        assertThat(after.text("status")).isEqualTo("DISABLED");
        assertThat(after.json().path("customerIds").valueStream().map(c -> c.asString()).toList())
                .containsExactly(beta);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", email, "password", PASSWORD)).status())
                .as("a disabled customer user cannot sign in").isNotEqualTo(201);

        browser.findElement(By.cssSelector("#customer-user-list tr[data-user='" + email + "'] a")).click();
        click("remove-customer-user-button");
        assertThat(notice()).isEqualTo("Removed the customer user " + email + ".");
        assertThat(byId("customer-user-list").getText()).doesNotContain(email);
        assertThat(admin.get("/api/v1/customer-users/" + id).status()).isEqualTo(404);
    }

    /** Waits until the account's only task has this status; answers its id. */
    private String awaitTask(String accountId, String status) {
        return await("a task of %s %s".formatted(accountId, status)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/accounts/" + accountId + "/provisioning-tasks").json().path("items"),
                        items -> items.size() > 0 && status.equals(items.get(0).path("status").asString()))
                .get(0).path("id").asString();
    }
}
