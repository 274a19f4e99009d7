package io.cascade.panels;

import io.cascade.payments.TestPaymentService;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.Reconciliation;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paying online in a real browser (issue 17, ADR 0031): a reseller sets up its gateway on the panel page (the
 * secrets never shown again, a bad secret named at its field), its customer's administrator opens an open invoice,
 * clicks "Pay online", lands on the hosted page of the payment service written in the test, cancels (back to the
 * invoice: cancelled), tries again and comes back before deciding (pending), pays, and comes back to its invoice shown
 * paid.
 */
class OnlinePaymentBrowserIT extends BrowserTest {
    @Autowired
    private ApplicationContext context;

    @AfterEach
    void moneyReconciles() {
        Reconciliation.check(context);
    }

    @Test
    void theCustomerPaysItsInvoiceOnlineAndComesBackToItPaid() throws Exception {
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Pay Online Reseller"))
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH")))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Pay Online Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        Api.Response started = await("a billing run starts").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> provider.post("/api/v1/billing/runs", Map.of()), r -> r.status() != 409);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        await("the run completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/billing/runs/" + started.text("id")).json()
                        .path("status").asString(), "COMPLETED"::equals);
        JsonNode invoice = tree.customer().get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER")
                .json().path("items").valueStream()
                .filter(i -> i.path("issuerAccountId").asString().equals(tree.resellerId())).findFirst().orElseThrow();
        String invoiceId = invoice.path("id").asString();
        assertThat(invoice.path("status").asString()).isEqualTo("OPEN");
        Api.Response online = tree.reseller().send("PUT", "/api/v1/accounts/" + tree.resellerId()
                + "/billing-settings", Map.of("paymentTermDays", 14, "payment",
                Map.of("acceptedMethods", List.of("ONLINE"))), "application/json");
        assertThat(online.status()).as("%s", online).isEqualTo(200);

        try (TestPaymentService service = new TestPaymentService(Instant::now)) {
            // the reseller sets up its gateway on the panel
            signInAs(tree.resellerAdminEmail(), PASSWORD);
            open("/panel/accounts/" + tree.resellerId() + "/billing-settings");
            click("payment-gateway-link");
            fill("gateway-base-url", service.baseUrl());
            fill("gateway-api-key", service.apiKey);
            fill("gateway-signing-secret", "not-a-secret");
            click("save-payment-gateway");
            assertThat(text("gateway-signing-secret-error")).startsWith("must be whsec_");
            fill("gateway-api-key", service.apiKey);
            fill("gateway-signing-secret", service.secret);
            click("save-payment-gateway");
            assertThat(notice()).isEqualTo("The payment gateway has been saved.");
            assertThat(text("gateway-callback-url")).contains("/api/v1/payment-callbacks/");
            assertThat(text("gateway-api-key-hint")).isEqualTo("…" + service.apiKey.substring(service.apiKey.length() - 4));
            assertThat(browser.getPageSource()).doesNotContain(service.apiKey).doesNotContain(service.secret);
            screenshot("payment-gateway");
            open("/panel/invoices/" + invoiceId);
            assertThat(present(org.openqa.selenium.By.id("invoice-number"))).isTrue();
            assertThat(present(org.openqa.selenium.By.id("pay-online"))).as("the issuer does not pay itself").isFalse();
            open("/logout");
            browser.manage().deleteAllCookies();

            // the customer pays
            signInAs(tree.customerAdminEmail(), PASSWORD);
            open("/panel/invoices/" + invoiceId);
            assertThat(text("pay-online")).isEqualTo("Pay " + invoice.path("amountDue").path("amount").asString()
                    + " " + invoice.path("currency").asString() + " online");
            screenshot("invoice-pay-online");
            click("pay-online");
            waitUntil(ExpectedConditions.urlContains(service.baseUrl() + "/pay/"));
            assertThat(text("pay-description")).isEqualTo("Invoice " + invoice.path("number").asString());
            click("cancel");
            waitUntil(ExpectedConditions.urlContains("/panel/invoices/" + invoiceId + "?checkout="));
            assertThat(notice()).isEqualTo("The payment was cancelled; the invoice is still open.");

            // again; back before deciding: pending
            click("pay-online");
            waitUntil(ExpectedConditions.urlContains(service.baseUrl() + "/pay/"));
            String hosted = browser.getCurrentUrl();
            browser.get(service.checkout(hosted.substring(hosted.lastIndexOf('/') + 1)).returnUrl());
            assertThat(notice()).startsWith("Payment pending:");
            browser.get(hosted);
            click("pay");
            waitUntil(ExpectedConditions.urlContains("/panel/invoices/" + invoiceId + "?checkout="));
            assertThat(notice()).isEqualTo("Payment received: thank you. The invoice is paid.");
            assertThat(text("invoice-open")).endsWith(" · 0.00");
            assertThat(browser.findElements(org.openqa.selenium.By.id("pay-online"))).as("nothing left to pay")
                    .isEmpty();
        }
        JsonNode paid = tree.customer().get("/api/v1/invoices/" + invoiceId).json();
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        JsonNode payments = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/buyers/"
                + tree.customerId() + "/payments").json().path("items");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).path("method").asString()).isEqualTo("ONLINE");
    }
}
