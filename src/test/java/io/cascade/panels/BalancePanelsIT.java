package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.Reconciliation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Balances in the panel (issue 17), over plain HTTP: the issuer's statement of a buyer with its running balance, a
 * payment recorded and refused through the form, a refund of the credit, a write-off; the buyer's own statement, read
 * only; both CSVs.
 */
class BalancePanelsIT extends IntegrationTest {
    @Value("${local.server.port}")
    private int port;
    @Autowired
    private ApplicationContext context;

    @AfterEach
    void moneyReconciles() {
        Reconciliation.check(context);
    }

    @Test
    void theIssuerRecordsAPaymentRefundsCreditAndWritesOffOnTheStatement() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String plan = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", unique("Balance Mail"),
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("9"),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "3", null))));
        assertThat(provider.post("/api/v1/plans/" + plan + "/publish", null).status()).isEqualTo(200);
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Statement Customer")).create(provider);
        assertThat(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions", Map.of("planId", plan))
                .status()).isEqualTo(201);
        Api.Response started = await("a billing run starts").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> provider.post("/api/v1/billing/runs", Map.of()), r -> r.status() != 409);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        await("the run completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/billing/runs/" + started.text("id")).json()
                        .path("status").asString(), "COMPLETED"::equals);
        JsonNode invoice = provider.get("/api/v1/accounts/" + customer.id() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        String total = invoice.path("total").path("amount").asString();
        String currency = invoice.path("currency").asString();

        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String statement = "/panel/accounts/" + providerId() + "/buyers/" + customer.id() + "/statement";
        PanelClient.Page page = panel.get(statement);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("statement-balance")).isEqualTo("%s · 0.00 · %s %s".formatted(total, total, currency));
        assertThat(page.body()).contains(invoice.path("number").asString(), "record-balance-payment");
        assertThat(panel.get("/panel/accounts/" + providerId() + "/balances").body())
                .contains(customer.id());

        PanelClient.Page refused = panel.post(statement.replace("/statement", "/payments"),
                Map.of("amount", "ten", "paidOn", "", "reference", "", "currency", currency));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("balance-payment-amount-error")).isEqualTo("must be an amount, e.g. 19.90");

        // pays the invoice and 5.00 more: credit, refunded through the form
        String paid = new java.math.BigDecimal(total).add(new java.math.BigDecimal("5.00")).toPlainString();
        PanelClient.Page recorded = panel.post(statement.replace("/statement", "/payments"),
                Map.of("amount", paid, "paidOn", "", "reference", "Bank 9", "currency", currency));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);
        page = panel.get(statement);
        assertThat(page.body()).contains("went to the credit", "Bank 9", "refund-credit");
        assertThat(page.text("statement-balance")).isEqualTo("0.00 · 5.00 · -5.00 " + currency);
        PanelClient.Page refund = panel.post(statement.replace("/statement", "/refunds"),
                Map.of("amount", "5.00", "reference", "Back", "currency", currency));
        assertThat(refund.status()).as(refund.body()).isEqualTo(302);
        assertThat(panel.get(statement).text("statement-balance")).isEqualTo("0.00 · 0.00 · 0.00 " + currency);

        // the buyer reads its own statement, without the forms, and its CSV
        PanelClient buyer = new PanelClient(port, randomAddress()).signedIn(customer.adminEmail(), PASSWORD);
        PanelClient.Page own = buyer.get("/panel/accounts/" + customer.id() + "/vendors/" + providerId()
                + "/statement");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("Bank 9").doesNotContain("record-balance-payment");
        assertThat(buyer.get(statement).status()).as("the issuer's page is not the buyer's").isEqualTo(404);
        PanelClient.Page csv = buyer.get("/panel/accounts/" + customer.id() + "/vendors/" + providerId()
                + "/statement.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("date,type,reference,currency,amount,balance").contains("REFUND,Back");
        assertThat(buyer.get("/panel/accounts/" + customer.id() + "/vendors/" + providerId() + "/statement.pdf")
                .status()).isEqualTo(200);

        // the invoice's payment taken back to the credit, and the invoice written off on the statement
        String invoiceId = invoice.path("id").asString();
        assertThat(provider.post("/api/v1/invoices/" + invoiceId + "/unallocations", Map.of()).status())
                .isEqualTo(200);
        // the credit pays the invoice again through the form: too much is refused at the field, nothing changes
        String open = "%s · %s · 0.00 %s".formatted(total, total, currency);
        assertThat(panel.get(statement).text("statement-balance")).isEqualTo(open);
        String tooMuch = new java.math.BigDecimal(total).add(java.math.BigDecimal.ONE).toPlainString();
        PanelClient.Page over = panel.post(statement.replace("/statement", "/allocations"),
                Map.of("invoiceId", invoiceId, "amount", tooMuch, "currency", currency));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.text("allocate-amount-error")).contains("of credit");
        assertThat(panel.get(statement).text("statement-balance")).isEqualTo(open);
        assertThat(provider.get("/api/v1/invoices/" + invoiceId).json().path("status").asString())
                .isEqualTo("OPEN");
        PanelClient.Page allocated = panel.post(statement.replace("/statement", "/allocations"),
                Map.of("invoiceId", invoiceId, "amount", "", "currency", currency));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(302);
        page = panel.get(statement);
        assertThat(page.body()).contains("from the credit");
        assertThat(page.text("statement-balance")).isEqualTo("0.00 · 0.00 · 0.00 " + currency);
        assertThat(provider.get("/api/v1/invoices/" + invoiceId).json().path("status").asString())
                .isEqualTo("PAID");
        // and is taken back to the credit through the form: more than was paid is refused at the field
        PanelClient.Page overBack = panel.post(statement.replace("/statement", "/unallocations"),
                Map.of("invoiceId", invoiceId, "amount", tooMuch, "currency", currency));
        assertThat(overBack.status()).isEqualTo(422);
        assertThat(overBack.text("unallocate-amount-error")).startsWith("must not exceed");
        assertThat(panel.get(statement).text("statement-balance")).isEqualTo("0.00 · 0.00 · 0.00 " + currency);
        PanelClient.Page back = panel.post(statement.replace("/statement", "/unallocations"),
                Map.of("invoiceId", invoiceId, "amount", "", "currency", currency));
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        assertThat(panel.get(statement).text("statement-balance")).isEqualTo(open);
        assertThat(provider.get("/api/v1/invoices/" + invoiceId).json().path("status").asString())
                .isEqualTo("OPEN");

        assertThat(panel.get(statement).body()).contains("write-off-" + invoice.path("number").asString());
        PanelClient.Page noReason = panel.post("/panel/invoices/" + invoiceId + "/write-off", Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(302);
        assertThat(panel.get(statement).body()).contains("a write-off needs a reason");
        PanelClient.Page written = panel.post("/panel/invoices/" + invoiceId + "/write-off",
                Map.of("reason", "Settled otherwise"));
        assertThat(written.status()).isEqualTo(302);
        assertThat(panel.get(statement).body()).contains("Wrote off " + total);
        assertThat(provider.get("/api/v1/invoices/" + invoiceId).json().path("status").asString())
                .isEqualTo("UNCOLLECTIBLE");

        // the buyer's credit limit: shown with the open balance, set, refused at the field, a stale form refused,
        // cleared
        String limitPath = statement.replace("/statement", "/credit-limit");
        String limitApi = "/api/v1/accounts/" + providerId() + "/buyers/" + customer.id() + "/credit-limit";
        page = panel.get(statement);
        String balance = provider.get(limitApi).json().path("balance").path("amount").asString();
        assertThat(page.text("credit-limit")).isEqualTo("Credit limit: none · open balance %s %s"
                .formatted(balance, currency));
        String version = version(page);
        PanelClient.Page negative = panel.post(limitPath, Map.of("limit", "-1", "currency", currency,
                "version", version));
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.text("credit-limit-amount-error")).isEqualTo("must not be negative");
        assertThat(provider.get(limitApi).json().path("limit").isNull()).isTrue();
        PanelClient.Page set = panel.post(limitPath, Map.of("limit", "500.00", "currency", currency,
                "version", version));
        assertThat(set.status()).as(set.body()).isEqualTo(302);
        page = panel.get(statement);
        assertThat(page.text("credit-limit")).isEqualTo("Credit limit: 500.00 %s · open balance %s %s"
                .formatted(currency, balance, currency));
        assertThat(provider.get(limitApi).json().path("limit").path("amount").asString()).isEqualTo("500.00");
        assertThat(panel.get("/panel/accounts/" + providerId() + "/balances").body())
                .contains("<td class=\"num\">500.00</td>");
        PanelClient.Page stale = panel.post(limitPath, Map.of("limit", "", "currency", currency,
                "version", version));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body()).contains("changed meanwhile");
        assertThat(provider.get(limitApi).json().path("limit").path("amount").asString()).isEqualTo("500.00");
        PanelClient.Page cleared = panel.post(limitPath, Map.of("limit", "", "currency", currency,
                "version", version(page)));
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(302);
        assertThat(panel.get(statement).text("credit-limit")).startsWith("Credit limit: none");
        assertThat(provider.get(limitApi).json().path("limit").isNull()).isTrue();

        // the buyer's side stays read only, and the issuer's forms are not its own; a sibling finds nothing
        own = buyer.get("/panel/accounts/" + customer.id() + "/vendors/" + providerId() + "/statement");
        assertThat(own.body()).doesNotContain("allocate-form", "unallocate-form", "credit-limit-form",
                "id=\"credit-limit\"");
        assertThat(buyer.post(limitPath, Map.of("limit", "1.00", "currency", currency)).status()).isEqualTo(404);
        assertThat(buyer.post(statement.replace("/statement", "/allocations"), Map.of("invoiceId", invoiceId,
                "amount", "", "currency", currency)).status()).isEqualTo(404);
        AccountFixtures.Created sibling = AccountFixtures.customer(unique("Sibling Customer")).create(provider);
        PanelClient other = new PanelClient(port, randomAddress()).signedIn(sibling.adminEmail(), PASSWORD);
        other.get("/panel/accounts/" + sibling.id() + "/balances");
        assertThat(other.get(statement).status()).isEqualTo(404);
        assertThat(other.post(statement.replace("/statement", "/unallocations"), Map.of("invoiceId", invoiceId,
                "amount", "", "currency", currency)).status()).isEqualTo(404);
        assertThat(provider.get(limitApi).json().path("limit").isNull()).isTrue();
    }

    private static String version(PanelClient.Page page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"")
                .matcher(page.body());
        assertThat(m.find()).as("a version in %s", page.body()).isTrue();
        return m.group(1);
    }
}
