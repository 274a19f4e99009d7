package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog and subscription panels in a real browser (issue 6): the provider builds and publishes a plan (a refused
 * limit shown at its field first); a reseller sees its wholesale cost and margin beside its prices; a customer is
 * subscribed from its account page (a quantity over the hard limit refused at its field), its usage is shown against
 * what is included, its vendor suspends and resumes it; a customer administrator orders and cancels by itself; a
 * commission reseller's offerings are set by its vendor; the dashboard counts and charts the subscriptions.
 */
class CatalogPanelsIT extends BrowserTest {

    @Test
    void theProviderBuildsAndPublishesAPlan() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);

        clickLink("Services");
        assertThat(byId("service-list").getText()).contains(mail.counted(), mail.metered());
        String code = "voip-" + unique("x").substring(2).toLowerCase();
        fill("service-code", code);
        fill("service-name", "Voice");
        fill("type-code-0", code + "-line");
        fill("type-name-0", "Line");
        fill("type-unit-0", "count");
        fill("type-code-1", "Bad Code");
        fill("type-name-1", "Minutes");
        fill("type-unit-1", "minute");
        click("type-metered-1");
        click("create-service");
        assertThat(text("type-code-1-error")).isEqualTo("must be lower-case, e.g. mailbox");
        assertThat(byId("type-metered-1").isSelected()).as("the form keeps the metered box").isTrue();
        assertThat(byId("type-metered-0").isSelected()).isFalse();
        assertThat(provider.get("/api/v1/services").body()).doesNotContain(code);
        fill("type-code-1", code + "-minutes");
        click("create-service");
        assertThat(notice()).contains("Created the service Voice");
        assertThat(byId("service-list").getText()).contains(code + "-minutes");
        assertThat(browser.findElement(By.cssSelector("[data-metered='" + code + "-minutes']")).getText())
                .isEqualTo("metered");
        assertThat(browser.findElement(By.cssSelector("[data-metered='" + code + "-line']")).getText())
                .isEqualTo("counted");
        Map<String, Boolean> metered = new java.util.HashMap<>();
        provider.get("/api/v1/services").json().path("items").valueStream()
                .filter(s -> s.path("code").asString().equals(code))
                .forEach(s -> s.path("resourceTypes").forEach(t -> metered.put(t.path("code").asString(),
                        t.path("metered").asBoolean())));
        assertThat(metered).isEqualTo(Map.of(code + "-line", false, code + "-minutes", true));

        clickLink("Catalog");
        click("new-plan");
        String name = unique("Mail Business");
        fill("plan-name", name);
        fill("plan-recurring-fee", "12.50");
        select("res-0-type", mail.counted());
        fill("res-0-included", "5");
        select("res-0-limit-type", "HARD");
        fill("res-0-unitPrice", "2");
        select("res-1-type", mail.metered());
        fill("res-1-included", "10");
        fill("res-1-usagePrice", "0.10");
        click("save-plan");

        assertThat(text("res-0-limit-error")).isEqualTo("is required for a HARD limit");
        assertThat(byId("res-0-limit").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("plan-name").getDomProperty("value")).as("what was typed stays").isEqualTo(name);
        screenshot("plan-form-errors");
        fill("res-0-limit", "20");
        click("save-plan");

        assertThat(text("plan-name")).isEqualTo(name);
        assertThat(notice()).contains("Created the draft plan");
        assertThat(byId("plan-resources").getText()).contains("Mailbox", "20 (hard)", "2.00");
        String planId = path().substring("/panel/plans/".length());
        assertThat(provider.get("/api/v1/plans/" + planId).json().path("status").asString()).isEqualTo("DRAFT");

        click("publish-plan");
        assertThat(notice()).isEqualTo(name + " is now PUBLISHED.");
        assertThat(provider.get("/api/v1/plans/" + planId).json().path("status").asString())
                .isEqualTo("PUBLISHED");
        screenshot("plan");

        click("edit-plan");
        fill("plan-recurring-fee", "14.00");
        click("save-plan");
        assertThat(text("plan-effective-from-error")).startsWith("is required to change the prices");
        date("plan-effective-from", java.time.LocalDate.now().plusDays(10).toString());
        click("save-plan");
        assertThat(byId("upcoming-prices").getText()).contains("14.00 EUR");

        click("retire-plan");
        assertThat(notice()).isEqualTo(name + " is now RETIRED.");
        assertThat(present(By.id("edit-plan"))).as("a retired plan no longer changes").isFalse();
    }

    @Test
    void aResellerSeesItsWholesaleCostAndMargin() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String wholesale = CatalogFixtures.publishedPlan(provider, providerId(), "RESELLER", "0", List.of(
                resource(mail.counted(), 0, 100, "HARD", "1.50", null),
                resource(mail.metered(), 0, null, "SOFT", null, "0.05")));
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Margin Reseller")).create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        assertThat(resellerApi.post("/api/v1/accounts/" + reseller.id() + "/subscriptions",
                Map.of("planId", wholesale)).status()).isEqualTo(201);
        String plan = CatalogFixtures.draftPlan(resellerApi, reseller.id(), Map.of("name", "Resold Mail",
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("5"),
                "allowBelowCost", true, "resources", List.of(
                        resource(mail.counted(), 1, 10, "HARD", "2.25", null),
                        resource(mail.metered(), 5, null, "SOFT", null, "0.04"))));

        signInAs(reseller.adminEmail(), PASSWORD);
        clickLink("Catalog");
        clickLink("Resold Mail");
        WebElement counted = byId("plan-resources").findElement(By.cssSelector("tr[data-resource='"
                + mail.counted() + "']"));
        List<String> cells = counted.findElements(By.cssSelector("td.cost, td.margin")).stream()
                .map(WebElement::getText).toList();
        assertThat(cells).containsExactly("1.50", "0.75", "—", "—");
        WebElement metered = byId("plan-resources").findElement(By.cssSelector("tr[data-resource='"
                + mail.metered() + "']"));
        assertThat(metered.findElement(By.cssSelector("td.margin.margin-neg")).getText())
                .as("sold below cost on purpose, shown in red").isEqualTo("-0.01");
        screenshot("reseller-plan-margin");
        assertThat(resellerApi.get("/api/v1/plans/" + plan + "/margins").json().path("resources").get(0)
                .path("unitMargin").path("amount").asString()).isEqualTo("0.75");

        clickLink("My Provider");
        assertThat(byId("holding-list").getText()).contains("resale (holding)");
    }

    @Test
    void aCustomerIsSubscribedAndItsUsageShown() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String planName = unique("Office Mail");
        String plan = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", planName,
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("9"),
                "resources", List.of(resource(mail.counted(), 2, 10, "HARD", "3", null),
                        resource(mail.metered(), 5, null, "SOFT", null, "0.20"))));
        provider.post("/api/v1/plans/" + plan + "/publish", null);
        String customerName = unique("Subscribed Customer");
        AccountFixtures.Created customer = AccountFixtures.customer(customerName).create(provider);

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/panel/accounts/" + customer.id());
        clickLink("Subscriptions");
        browser.findElement(By.cssSelector("#available-plans tr[data-plan='" + planName + "'] a")).click();
        fill("quantity-" + mail.counted(), "11");
        fill("quantity-" + mail.metered(), "5");
        click("place-order");
        assertThat(text("quantity-" + mail.counted() + "-error")).isEqualTo("exceeds the plan's hard limit of 10");
        assertThat(byId("quantity-" + mail.counted()).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(provider.get("/api/v1/accounts/" + customer.id() + "/subscriptions").json().path("items"))
                .as("nothing was subscribed").isEmpty();
        fill("quantity-" + mail.counted(), "4");
        click("place-order");

        assertThat(notice()).isEqualTo(customerName + " now subscribes to " + planName + " (active).");
        String subscription = path().substring("/panel/subscriptions/".length());
        assertThat(text("subscription-plan")).isEqualTo(planName);
        assertThat(provider.post("/api/v1/usage", Map.of("records", List.of(
                Map.of("id", "u1", "subscriptionId", subscription, "resourceType", mail.metered(), "quantity", 4,
                        "at", Instant.now().minusSeconds(60).toString()),
                Map.of("id", "u2", "subscriptionId", subscription, "resourceType", mail.metered(), "quantity", 3.5,
                        "at", Instant.now().minusSeconds(30).toString())))).status()).isEqualTo(200);
        browser.navigate().refresh();
        WebElement meters = byId("subscription-meters");
        assertThat(meters.findElement(By.cssSelector("tr[data-resource='" + mail.counted() + "'] .ordered"))
                .getText()).isEqualTo("4 / 10 (hard)");
        assertThat(meters.findElement(By.cssSelector("tr[data-resource='" + mail.metered() + "'] .used"))
                .getText()).isEqualTo("7.5 / 5 included (150 %)");
        assertThat(byId("chart-daily-0").findElements(By.cssSelector("svg rect")))
                .as("one bar per day of this month so far")
                .hasSize(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfMonth());
        screenshot("subscription");

        fill("change-quantity-" + mail.counted(), "12");
        click("save-change");
        assertThat(text("change-quantity-" + mail.counted() + "-error")).contains("hard limit of 10");
        fill("change-quantity-" + mail.counted(), "6");
        click("save-change");
        assertThat(notice()).isEqualTo("The subscription is changed.");
        assertThat(byId("subscription-meters").getText()).contains("6 / 10 (hard)");

        click("suspend-subscription");
        assertThat(notice()).isEqualTo("The subscription is now suspended.");
        click("resume-subscription");
        assertThat(notice()).isEqualTo("The subscription is now active.");

        clickLink("Subscriptions");
        assertThat(byId("chart-account-usage-0").findElements(By.cssSelector("svg text.value")).stream()
                .map(WebElement::getText).toList()).as("this month's usage per month").endsWith("7.5");

        open("/");
        assertThat(byId("subscription-counts").getText()).isNotBlank();
        assertThat(byId("chart-live").findElements(By.cssSelector("svg rect"))).hasSize(6);
        assertThat(present(By.id("revenue-title"))).as("the revenue section").isTrue();
        screenshot("dashboard-charts");
    }

    @Test
    void aCustomerAdministratorOrdersAndCancelsByItself() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String planName = unique("Self Service Mail");
        String plan = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", planName,
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("4"),
                "resources", List.of(resource(mail.counted(), 1, 3, "HARD", "3", null))));
        provider.post("/api/v1/plans/" + plan + "/publish", null);
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Self Service")).create(provider);

        signInAs(customer.adminEmail(), PASSWORD);
        clickLink("Services and subscriptions");
        assertThat(byId("subscription-list").getText()).contains("No subscriptions yet.");
        browser.findElement(By.cssSelector("#available-plans tr[data-plan='" + planName + "'] a")).click();
        fill("quantity-" + mail.counted(), "");
        click("place-order");
        assertThat(text("quantity-" + mail.counted() + "-error")).isEqualTo("must not be null");
        fill("quantity-" + mail.counted(), "2");
        byId("quantity-" + mail.counted()).sendKeys(Keys.ENTER);
        assertThat(notice()).as("the keyboard alone orders").contains("now subscribes to " + planName);
        assertThat(present(By.id("suspend-subscription"))).as("its vendor suspends, not itself").isFalse();
        phoneScreenshot("customer-subscription-phone");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).longValue()).as("nothing wider than a phone's screen").isLessThanOrEqualTo(0);
            browser.navigate().refresh();
            new Actions(browser).sendKeys(Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getText()).as("the first stop").isEqualTo("Skip to content");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1024));
        }

        click("cancel-at-period-end");
        assertThat(notice()).startsWith("The subscription ends on ");
        String subscriptionPage = path();
        click("cancel-now");
        assertThat(text("cancel-now-consequences")).as("cancel now asks first").contains("stop today");
        click("keep-subscription");
        waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base() + subscriptionPage));
        assertThat(text("cancel-at")).as("kept as it was").startsWith("· ends on");
        click("cancel-now");
        click("confirm-cancel-now");
        assertThat(notice()).isEqualTo("The subscription is now cancelled.");
        assertThat(present(By.id("save-change"))).isFalse();
        clickLink("Subscriptions");
        assertThat(byId("subscription-list").getText()).contains("cancelled");
    }

    @Test
    void aCommissionResellersVendorSetsItsOfferings() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String planName = unique("Offered Mail");
        String plan = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", planName,
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("6"),
                "resources", List.of(resource(mail.counted(), 1, 5, "HARD", "2", null))));
        provider.post("/api/v1/plans/" + plan + "/publish", null);
        AccountFixtures.Created agent = AccountFixtures.reseller(unique("Agent"))
                .with("resellerProfile", Map.of("model", "COMMISSION")).create(provider);
        AccountFixtures.Created client = AccountFixtures.customer(unique("Agent Client")).under(agent.id())
                .create(provider);

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/panel/accounts/" + agent.id());
        clickLink("Offerings");
        fill("offer-percent", "15");
        click("offer-plan-button");
        assertThat(text("offer-plan-error")).isEqualTo("must not be null");
        select("offer-plan", plan);
        fill("offer-percent", "150");
        click("offer-plan-button");
        assertThat(text("offer-percent-error")).startsWith("must be less than or equal to 100");
        fill("offer-percent", "15");
        click("offer-plan-button");
        assertThat(notice()).isEqualTo(planName + " is offered with 15 % commission.");
        assertThat(byId("offering-list").getText()).contains(planName, "15 %");

        browser.manage().deleteAllCookies();
        signInAs(client.adminEmail(), PASSWORD);
        clickLink("Services and subscriptions");
        assertThat(byId("available-plans").getText()).contains(planName);
    }
}
