package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.money;
import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reseller's own products in Chromium (issue 19, ADR 0036): it defines and changes its own service on the services
 * page, its own types are offered for a bundle and shown as pure margin, it defines an add-on on the plan page, and
 * its customer orders and removes the add-on on its subscription page.
 */
class OwnProductsBrowserIT extends BrowserTest {

    @Test
    void aResellerSellsItsOwnProductWithAnAddOnThatItsCustomerOrders() {
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).named("Browser Own Products").build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hours = "help-" + suffix;
        signInAs(tree.resellerAdminEmail(), PASSWORD);

        open("/panel/services");
        fill("service-code", "helpdesk-" + suffix);
        fill("service-name", "Help desk");
        select("service-adapter", "manual");
        fill("type-code-0", hours);
        fill("type-name-0", "Help hour");
        fill("type-unit-0", "hour");
        click("create-service");
        assertThat(notice()).contains("Created the service Help desk");
        assertThat(byId("service-list").getText()).contains(hours, "own product");
        JsonNode service = tree.reseller().get("/api/v1/services").json().path("items").valueStream()
                .filter(s -> s.path("code").asString().equals("helpdesk-" + suffix)).findFirst().orElseThrow();
        assertThat(service.path("ownerId").asString()).isEqualTo(tree.resellerId());

        // change it: a bad name is refused at its field and nothing is saved, then a new type is added
        browser.findElement(By.cssSelector("[data-edit='helpdesk-" + suffix + "']")).click();
        waitUntil(ExpectedConditions.urlContains("/edit"));
        fill("service-name", " ");
        fill("new-code-0", hours + "-night");
        fill("new-name-0", "Night hour");
        fill("new-unit-0", "hour");
        click("save-service");
        assertThat(text("service-name-error")).isNotBlank();
        assertThat(tree.reseller().get("/api/v1/services/" + service.path("id").asString()).json()
                .path("resourceTypes").size()).as("nothing half-written").isEqualTo(1);
        fill("service-name", "Help desk 24/7");
        click("save-service");
        assertThat(notice()).contains("Saved the service Help desk 24/7");
        assertThat(byId("service-list").getText()).contains(hours + "-night");

        // a bundle of held mailboxes and its own hours: the plan form offers both; the plan page shows pure margin
        open("/panel/accounts/" + tree.resellerId() + "/plans/new");
        assertThat(browser.getPageSource()).contains(hours, tree.mail().counted());
        Api.Response plan = tree.reseller().post("/api/v1/accounts/" + tree.resellerId() + "/plans", Map.of(
                "name", "Mail with help", "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "recurringFee", money("12.00"), "resources", List.of(
                        resource(tree.mail().counted(), 1, 10, "HARD", "2.00", null),
                        resource(hours, 0, 10, "HARD", "30.00", null))));
        assertThat(plan.status()).as("%s", plan).isEqualTo(201);
        String planId = plan.text("id");
        assertThat(tree.reseller().post("/api/v1/plans/" + planId + "/publish", null).status()).isEqualTo(200);
        open("/panel/plans/" + planId);
        assertThat(byId("plan-resources").findElement(By.cssSelector("[data-resource='" + hours + "']")).getText())
                .contains("own product", "30.00");

        fill("addon-code", "priority");
        fill("addon-name", "Priority line");
        fill("addon-setup", "25.00");
        fill("addon-recurring", "-1");
        click("create-addon");
        assertThat(text("addon-recurring-error")).contains("negative");
        fill("addon-recurring", "9.00");
        fill("addon-max", "3");
        click("create-addon");
        assertThat(notice()).contains("Added the add-on Priority line");
        assertThat(byId("addon-list").getText()).contains("Priority line", "25.00", "9.00");
        screenshot("plan-addons");

        // its customer orders it on its subscription page, and removes it
        var customer = AccountFixtures.customer("Browser Own Products Customer").create(tree.reseller());
        Api.Response subscribed = tree.reseller().post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", planId));
        assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
        String subscription = subscribed.text("id");
        browser.manage().deleteAllCookies();
        signInAs(customer.adminEmail(), PASSWORD);
        open("/panel/subscriptions/" + subscription);
        fill("addon-quantity", "4");
        click("order-addon-button");
        assertThat(text("addon-quantity-error")).contains("3");
        fill("addon-quantity", "2");
        click("order-addon-button");
        assertThat(notice()).contains("2 × Priority line");
        assertThat(byId("subscription-addons").getText()).contains("Priority line", "2");
        screenshot("subscription-addons");
        browser.findElement(By.cssSelector("[data-remove='priority']")).click();
        waitUntil(driver -> notice().contains("removed"));
        assertThat(present(By.id("subscription-addons"))).isFalse();
        assertThat(tree.reseller().get("/api/v1/subscriptions/" + subscription).json().path("addons").size())
                .isZero();
    }
}
