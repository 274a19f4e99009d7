package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.SimFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 in a real browser (seed 004, ADR 0037): a standard account's administrator creates a simple customer (a
 * missing name shown at its field), hands it a SIM, creates a customer user for it, and sees the SIMs per simple
 * customer; the customer user then sees only that SIM.
 */
class SimpleCustomerPanelsIT extends BrowserTest {

    @Test
    void aStandardAccountOrganisesItsSimsWithSimpleCustomers() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Std Reseller")).create(provider);
        String enterpriseName = unique("Std Enterprise");
        AccountFixtures.Created enterprise = AccountFixtures.customer(enterpriseName).under(reseller.id())
                .create(provider);
        Api vendor = as(reseller.adminEmail(), PASSWORD);
        SimFixtures sims = SimFixtures.block();
        String stock = "/api/v1/accounts/" + reseller.id() + "/assets";
        assertThat(vendor.send("POST", stock + "/import", sims.csv(0, 2), "text/csv").status()).isEqualTo(201);
        List<String> ids = vendor.get(stock).json().path("items").valueStream().map(a -> a.path("id").asString())
                .toList();
        assertThat(vendor.post(stock + "/assign", Map.of("customerId", enterprise.id(), "assetIds", ids)).status())
                .isEqualTo(200);

        signInAs(enterprise.adminEmail(), PASSWORD);
        clickLink("Simple customers");
        assertThat(byId("no-simple-customers").getText()).isEqualTo("No simple customers yet.");
        fill("simple-admin-name", "Dora Dept");
        fill("simple-admin-email", unique("dora") + "@dept.test");
        fill("simple-admin-password", "Department-Head-2026");
        click("create-simple-customer");
        assertThat(text("simple-name-error")).isEqualTo("must not be blank");
        String deptName = unique("Logistics Dept");
        fill("simple-name", deptName);
        fill("simple-admin-password", "Department-Head-2026");
        click("create-simple-customer");
        assertThat(notice()).startsWith("Created the simple customer " + deptName);
        String dept = provider.get("/api/v1/accounts?under=" + enterprise.id()).json().path("items").get(0)
                .path("id").asString();
        assertThat(byId("simple-customers").getText()).contains(deptName);

        open("/panel/accounts/" + enterprise.id() + "/sims");
        click("sim-" + sims.iccid(0));
        select("assign-customer", dept);
        click("assign-sims");
        assertThat(notice()).startsWith("Assigned 1 SIMs");
        assertThat(browser.findElement(By.cssSelector("#sim-list tr[data-iccid='" + sims.iccid(0) + "']")).getText())
                .contains(deptName);

        clickLink("Customer users");
        String email = unique("dept-ops") + "@dept.test";
        fill("cu-email", email);
        fill("cu-name", "Dept Ops");
        fill("cu-password", "Dept-Operator-2026");
        click("cu-customer-" + dept);
        click("create-customer-user");
        assertThat(notice()).isEqualTo("Created the customer user " + email + ".");

        clickLink("Simple customers");
        assertThat(browser.findElement(By.cssSelector("#simple-customers tr[data-customer='" + dept + "']"))
                .getText()).contains(deptName, "1");
        assertThat(text("unheld-row")).contains("1");
        screenshot("simple-customers");

        browser.manage().deleteAllCookies();
        signInAs(email, "Dept-Operator-2026");
        assertThat(path()).as("its simple customers are its home").endsWith("/simple-customers");
        assertThat(byId("simple-customers").getText()).contains(deptName);
        assertThat(present(By.id("unheld-row"))).as("it sees only its own customers' rows").isFalse();
        open("/panel/accounts/" + enterprise.id() + "/sims");
        assertThat(browser.findElements(By.cssSelector("#sim-list tbody tr[data-iccid]")).stream()
                .map(r -> r.getDomAttribute("data-iccid")).toList()).containsExactly(sims.iccid(0));
    }
}
