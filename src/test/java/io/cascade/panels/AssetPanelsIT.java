package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.SimFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIMs and customer users in a real browser (issue 6): a reseller imports SIMs (a bad row refused with its line,
 * then the good rows only), assigns them to its customers, and creates a customer user for one customer (a missing
 * choice shown at its field); the customer user then sees only that customer and its SIMs.
 */
class AssetPanelsIT extends BrowserTest {

    @Test
    void aCustomerUserSeesOnlyItsCustomersSims() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Sim Reseller")).create(provider);
        String alphaName = unique("Alpha Fleet");
        String alpha = AccountFixtures.customer(alphaName).under(reseller.id()).create(provider).id();
        String betaName = unique("Beta Fleet");
        String beta = AccountFixtures.customer(betaName).under(reseller.id()).create(provider).id();
        SimFixtures sims = SimFixtures.block();
        String badLuhn = sims.iccid(4).substring(0, 18) + ((sims.iccid(4).charAt(18) - '0' + 1) % 10);

        signInAs(reseller.adminEmail(), PASSWORD);
        clickLink("SIMs");
        fill("import-csv", sims.csv(0, 4) + badLuhn + "," + sims.imsi(4) + "," + sims.msisdn(4) + "\n");
        click("import-button");
        assertThat(text("import-csv-error")).contains("nothing was imported");
        assertThat(text("import-rejected")).contains("line 6", "Luhn");
        assertThat(byId("no-sims").getText()).isEqualTo("No SIMs match.");
        click("import-good-rows");
        click("import-button");
        assertThat(notice()).startsWith("Imported 4 of 5 SIMs; left out: line 6");
        assertThat(rows()).hasSize(4);

        click("sim-" + sims.iccid(0));
        click("sim-" + sims.iccid(1));
        select("assign-customer", alpha);
        click("assign-sims");
        assertThat(notice()).startsWith("Assigned 2 SIMs");
        click("sim-" + sims.iccid(2));
        click("assign-sims");
        assertThat(text("assign-customer-error")).isEqualTo("must not be null");
        click("sim-" + sims.iccid(2));
        select("assign-customer", beta);
        click("assign-sims");
        assertThat(notice()).startsWith("Assigned 1 SIMs");
        screenshot("sims");

        clickLink("My account");
        clickLink("Customer users");
        String email = unique("fleet") + "@sim-reseller.test";
        fill("cu-email", email);
        fill("cu-name", "Fiona Fleet");
        fill("cu-password", "Fleet-Manager-2026");
        click("create-customer-user");
        assertThat(text("cu-customers-error")).isEqualTo("must not be empty");
        click("cu-customer-" + alpha);
        fill("cu-password", "Fleet-Manager-2026");
        click("create-customer-user");
        assertThat(notice()).isEqualTo("Created the customer user " + email + ".");
        assertThat(byId("customer-user-list").getText()).contains(email, alphaName);

        browser.manage().deleteAllCookies();
        signInAs(email, "Fleet-Manager-2026");
        assertThat(path()).startsWith("/panel/accounts");
        assertThat(listedAccounts()).containsExactly(alphaName);
        clickLink("SIMs");
        assertThat(rows()).containsExactlyInAnyOrder(sims.iccid(0), sims.iccid(1));
        assertThat(byId("sim-list").getText()).contains(alphaName).doesNotContain(betaName);
        assertThat(present(By.id("add-sim"))).as("a customer user manages no inventory").isFalse();
        fill("sim-iccid", sims.iccid(1));
        click("search-sims");
        assertThat(rows()).containsExactly(sims.iccid(1));
        open("/panel/accounts/" + reseller.id() + "/subscriptions");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    private List<String> rows() {
        byId("sim-list");
        return browser.findElements(By.cssSelector("#sim-list tbody tr[data-iccid]")).stream()
                .map(r -> r.getDomAttribute("data-iccid")).toList();
    }

}
