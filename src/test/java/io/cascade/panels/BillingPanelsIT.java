package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing panels in a real browser (issue 6): the provider runs billing and watches its progress update in place
 * (htmx polling), opens the customer's invoice, downloads it as PDF and CSV, and corrects it with a credit note (a
 * missing reason shown at its field first); the customer's administrator sees both documents and cannot correct them.
 */
class BillingPanelsIT extends BrowserTest {

    @Test
    void theProviderRunsBillingAndCorrectsAnInvoice() throws Exception {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String planName = unique("Billed Mail");
        String plan = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", planName,
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("30"),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "3", null))));
        provider.post("/api/v1/plans/" + plan + "/publish", null);
        String customerName = unique("Billed Customer");
        AccountFixtures.Created customer = AccountFixtures.customer(customerName).create(provider);
        assertThat(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan)).status()).isEqualTo(201);

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        clickLink("Billing");
        click("start-run");
        assertThat(path()).startsWith("/panel/billing/runs/");
        // htmx swaps the progress in place every two seconds: an element read a moment ago may be gone
        new WebDriverWait(browser, Duration.ofSeconds(120), POLL).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("run-progress")).getText().contains("completed"));
        assertThat(byId("run-progress").getDomAttribute("hx-get")).as("polling stops when the run is done").isNull();
        assertThat(text("run-percent")).isEqualTo("100 %");
        screenshot("billing-run");

        open("/");
        assertThat(byId("chart-revenue-0").getText()).as("the provider's revenue per month")
                .contains("Billed by you (EUR, before tax)");

        open("/panel/accounts/" + customer.id() + "/invoices");
        browser.findElement(By.cssSelector("#invoice-list tbody tr a")).click();
        String number = text("invoice-number");
        assertThat(byId("invoice-lines").getText()).contains(planName);
        screenshot("invoice");

        HttpResponse<byte[]> pdf = fetch(byId("download-pdf").getDomAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        HttpResponse<byte[]> csv = fetch(byId("download-csv").getDomAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body())).contains(planName);
        assertThat(fetchAnonymously(byId("download-pdf").getDomAttribute("href")).statusCode())
                .as("documents need the session").isNotEqualTo(200);

        fill("credit-amount-0", "5");
        click("issue-credit-note");
        assertThat(text("credit-reason-error")).isEqualTo("must not be blank");
        assertThat(byId("credit-amount-0").getDomProperty("value")).isEqualTo("5");
        fill("credit-reason", "Goodwill for the outage");
        click("issue-credit-note");
        assertThat(notice()).startsWith("Issued the credit note ").contains("-");
        assertThat(byId("main").getText()).contains("Goodwill for the outage");

        browser.manage().deleteAllCookies();
        signInAs(customer.adminEmail(), PASSWORD);
        clickLink("Invoices");
        assertThat(byId("invoice-list").getText()).contains(number, "credit note");
        browser.findElement(By.linkText(number)).click();
        assertThat(present(By.id("credit-form"))).as("the issuer corrects, not the buyer").isFalse();
        assertThat(fetch(byId("download-pdf").getDomAttribute("href")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> fetch(String href) throws Exception {
        Cookie session = browser.manage().getCookieNamed("CASCADE_SESSION");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + href))
                .header("Cookie", "CASCADE_SESSION=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> fetchAnonymously(String href) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
