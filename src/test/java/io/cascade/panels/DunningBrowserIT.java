package io.cascade.panels;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Done means" of issue 17's dunning, in headless Chromium with the test clock: a customer that does not pay its
 * reseller gets the reminder and the warning mail, then its services are suspended (the account page's badge and the
 * subscription say so), and the reseller recording the payment in the panel lifts the suspension by itself. The daily
 * job is the evaluation this test runs on each day it travels to. Its own browser: the billing context is not the
 * one of {@link BrowserTest}; skipped, like those, without Chromium.
 */
class DunningBrowserIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    private static WebDriver browser;
    private static Path profile;

    @Value("${local.server.port}")
    private int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Chromium.installed()) {
            return;
        }
        profile = Files.createTempDirectory("cascade-dunning-chromium-");
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private WebElement byId(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10), BrowserTest.POLL)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void signIn(String email) {
        browser.manage().deleteAllCookies();
        open("/login");
        byId("email").sendKeys(email);
        byId("password").sendKeys(PASSWORD);
        byId("sign-in").click();
        new WebDriverWait(browser, Duration.ofSeconds(10), BrowserTest.POLL)
                .until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** The daily job on this day: the evaluation, as the provider runs it by hand. */
    private void dailyJob(LocalDate day) {
        travelTo(day);
        Api.Response done = provider.post("/api/v1/dunning/evaluations", Map.of());
        assertThat(done.status()).as("%s", done).isEqualTo(200);
    }

    @Test
    void aCustomerThatDoesNotPayIsRemindedWarnedSuspendedAndPayingLiftsItByItself() {
        Assumptions.assumeTrue(browser != null, "Chromium is not installed");
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Browser Dunning Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Browser Dunning Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        run(AUGUST);
        // the reseller pays its own vendor: only its customer is in dunning
        String resellerPair = "/api/v1/accounts/" + providerId() + "/buyers/" + tree.resellerId();
        assertThat(provider.post(resellerPair + "/payments", Map.of("amount", CatalogFixtures.money(
                provider.get(resellerPair + "/statement").json().path("closingBalance").path("amount").asString()))
        ).status()).isEqualTo(201);

        dailyJob(LocalDate.of(2026, 8, 16));
        TestMail.await(tree.customerAdminEmail(), "Payment reminder");
        dailyJob(LocalDate.of(2026, 8, 29));
        TestMail.await(tree.customerAdminEmail(), "Payment warning");
        signIn(tree.resellerAdminEmail());
        open("/panel/accounts/" + tree.customerId());
        assertThat(byId("dunning-badge-0").getText()).isEqualTo("Dunning: warned");
        assertThat(byId("dunning-next-0").getText()).contains("block orders", "2026-09-05");

        dailyJob(LocalDate.of(2026, 9, 14));
        TestMail.await(tree.customerAdminEmail(), "Services suspended");
        signIn(tree.resellerAdminEmail());
        open("/panel/accounts/" + tree.customerId());
        assertThat(byId("dunning-badge-0").getText()).isEqualTo("Dunning: suspended");
        assertThat(byId("dunning-history-0").getText()).contains("reminder", "warning", "block orders", "suspend");
        open("/panel/subscriptions/" + tree.subscriptionId());
        assertThat(byId("dunning-suspension").getText()).contains("resumes by itself");
        // the customer sees why in its own panel: its new orders are blocked
        signIn(tree.customerAdminEmail());
        assertThat(byId("dunning-banner").getText()).contains("new orders are blocked", "services");

        // the reseller records the payment on the customer's statement
        signIn(tree.resellerAdminEmail());
        open("/panel/accounts/" + tree.resellerId() + "/dunning");
        assertThat(byId("dunning-buyer-" + tree.customerId()).getText()).contains("suspend");
        open("/panel/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId() + "/statement");
        String owed = reseller(tree).get("/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId()
                + "/statement").json().path("closingBalance").path("amount").asString();
        byId("balance-payment-amount").sendKeys(owed);
        byId("balance-payment-reference").sendKeys("Bank transfer");
        byId("record-balance-payment").click();
        new WebDriverWait(browser, Duration.ofSeconds(10), BrowserTest.POLL).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".notice")));

        open("/panel/subscriptions/" + tree.subscriptionId());
        assertThat(browser.findElements(By.id("dunning-suspension"))).isEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("active");
        open("/panel/accounts/" + tree.customerId());
        assertThat(byId("dunning-badge-0").getText()).startsWith("Dunning: ended");
        TestMail.await(tree.customerAdminEmail(), "nothing is overdue any more");
        open("/panel/accounts/" + tree.resellerId() + "/dunning");
        assertThat(byId("no-buyers").getText()).contains("No buyer");
    }

    private Api reseller(Tree tree) {
        return as(tree.resellerAdminEmail(), PASSWORD);
    }
}
