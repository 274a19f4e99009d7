package io.cascade.panels;

import io.cascade.payments.BankFiles;
import io.cascade.payments.BankFiles.Entry;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.Reconciliation;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17, "Done means", in Chromium: in the panel alone a reseller imports its bank's statement, sees two invoices
 * matched and one credit left for assignment, assigns it to its customer's invoice, and the customer's own statement
 * page shows the balance (the invoice paid, the rest its credit).
 */
class BankStatementPanelsIT extends BrowserTest {
    @Autowired
    private ApplicationContext context;

    @AfterEach
    void moneyReconciles() {
        Reconciliation.check(context);
    }

    @Test
    void aResellerImportsAStatementAndAssignsWhatDidNotMatch() throws Exception {
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Bank Reseller"))
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Bank Customer One")).with("billable", true))
                .build();
        List<String> customers = new ArrayList<>(List.of(tree.customerId()));
        for (String name : List.of("Bank Customer Two", "Bank Customer Three")) {
            String id = AccountFixtures.customer(unique(name)).with("billable", true).create(tree.reseller()).id();
            assertThat(tree.reseller().post("/api/v1/accounts/" + id + "/subscriptions",
                    Map.of("planId", tree.planId())).status()).isEqualTo(201);
            customers.add(id);
        }
        Api.Response started = await("a billing run starts").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> provider.post("/api/v1/billing/runs", Map.of()), r -> r.status() != 409);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        await("the run completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/billing/runs/" + started.text("id")).json()
                        .path("status").asString(), "COMPLETED"::equals);
        List<JsonNode> invoices = new ArrayList<>();
        for (String customer : customers) {
            JsonNode invoice = tree.reseller().get("/api/v1/accounts/" + customer + "/invoices?role=BUYER").json()
                    .path("items").get(0);
            assertThat(invoice.path("issuerAccountId").asString()).isEqualTo(tree.resellerId());
            invoices.add(invoice);
        }
        String today = LocalDate.now().toString();
        String third = invoices.get(2).path("amountDue").path("amount").asString();
        Path file = Files.createTempFile("statement-", ".csv");
        Files.writeString(file, BankFiles.csv(List.of(
                Entry.credit(invoices.get(0).path("amountDue").path("amount").asString(), today, "P-1",
                        "Invoice " + invoices.get(0).path("number").asString()),
                Entry.credit(invoices.get(1).path("amountDue").path("amount").asString(), today, "P-2",
                        invoices.get(1).path("number").asString() + " thanks"),
                Entry.credit(new BigDecimal(third).add(new BigDecimal("5.00")).toPlainString(), today, "P-3",
                        "Our December payment"))));

        signInAs(tree.resellerAdminEmail(), PASSWORD);
        open("/panel/accounts/" + tree.resellerId() + "/balances");
        byId("bank-statements-link").click();
        byId("bank-statement-file").sendKeys(file.toAbsolutePath().toString());
        click("import-bank-statement");
        assertThat(notice()).startsWith("Imported 3 entries: matched 2, unmatched 1");
        assertThat(text("bank-statement-result")).startsWith("Matched 2 · unmatched 1 · duplicates 0");
        assertThat(browser.findElements(By.cssSelector("#bank-statement-entries tr[data-status=MATCHED]")))
                .hasSize(2);
        screenshot("bank-statement");

        click("unmatched-queue-link");
        assertThat(byId("unmatched-entries").getText()).contains("Our December payment");
        select("assign-buyer-0", customers.get(2));
        select("assign-invoice-0", invoices.get(2).path("id").asString());
        click("assign-entry-0");
        assertThat(notice()).startsWith("Assigned ").contains("the payment is recorded");
        assertThat(byId("no-unmatched").getText()).isEqualTo("Nothing waits for assignment.");
        Files.deleteIfExists(file);

        browser.manage().deleteAllCookies();
        signInAs(tree.reseller().get("/api/v1/accounts/" + customers.get(2) + "/users").json().path("items").get(0)
                .path("email").asString(), PASSWORD);
        open("/panel/accounts/" + customers.get(2) + "/balances");
        browser.findElement(By.cssSelector("#vendor-balances a")).click();
        assertThat(text("statement-balance")).isEqualTo("0.00 · 5.00 · -5.00 " + invoices.get(2)
                .path("currency").asString());
        assertThat(byId("statement").getText()).contains("P-3 Our December payment");
    }
}
