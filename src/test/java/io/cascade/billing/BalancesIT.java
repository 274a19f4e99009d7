package io.cascade.billing;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.cascade.support.Reconciliation;
import io.cascade.support.TestMail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Balances (issue 17, ADR 0027): payments of a buyer allocated oldest due first, the rest kept as credit and applied to
 * the next invoice a run issues; explicit allocations, unallocations, refunds of credit and write-offs; the statement of
 * account from both sides, as JSON and CSV. Every test ends with the reconciliation of {@link BillingIntegrationTest}.
 */
class BalancesIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private org.springframework.core.env.Environment environment;

    private java.net.http.HttpResponse<byte[]> pdf(Api api, String path) throws Exception {
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + api.token()).header("Accept", "application/pdf").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A prepaid reseller that invoices its billable customer 25.00 a month (no tax) on the 1st. */
    private Tree resellerInvoicingItsCustomer() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        return TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Balance Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Balance Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
    }

    private List<JsonNode> invoicesOf(String customerId) {
        Api.Response list = provider.get("/api/v1/accounts/" + customerId + "/invoices?role=BUYER");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> items = new java.util.ArrayList<>();
        list.json().path("items").forEach(items::add);
        java.util.Collections.reverse(items); // oldest first
        return items;
    }

    private static String amount(JsonNode node, String field) {
        return node.path(field).path("amount").asString();
    }

    @Test
    void aPaymentPaysTheOldestInvoicesFirstAndItsRestPaysTheNextInvoice() throws Exception {
        Tree tree = resellerInvoicingItsCustomer();
        run(AUGUST);
        travelTo(AUGUST.plusMonths(1));
        run(AUGUST.plusMonths(1));
        List<JsonNode> invoices = invoicesOf(tree.customerId());
        assertThat(invoices).hasSize(2);
        assertThat(invoices).allSatisfy(i -> {
            assertThat(amount(i, "total")).isEqualTo("25.00");
            assertThat(amount(i, "amountDue")).isEqualTo("25.00");
            assertThat(amount(i, "amountPaid")).isEqualTo("0.00");
        });
        String pair = "/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId();

        // 60.00 pays both invoices, oldest due first; 10.00 is left as credit
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        Api.Response paid = reseller.withHeader("Idempotency-Key", "pay-60").post(pair + "/payments",
                Map.of("amount", CatalogFixtures.money("60.00"), "paidOn", "2026-09-01", "reference", "Bank 7",
                        "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        assertThat(paid.header("Location")).isEqualTo("/api/v1/payments/" + paid.text("id"));
        assertThat(paid.json().path("allocations")).hasSize(2);
        assertThat(paid.json().path("allocations").get(0).path("invoiceId").asString())
                .isEqualTo(invoices.get(0).path("id").asString());
        assertThat(amount(paid.json(), "credited")).isEqualTo("10.00");
        Api.Response again = reseller.withHeader("Idempotency-Key", "pay-60").post(pair + "/payments",
                Map.of("amount", CatalogFixtures.money("60.00"), "paidOn", "2026-09-01", "reference", "Bank 7",
                        "method", "BANK_TRANSFER"));
        assertThat(again.text("id")).as("the same key records nothing twice").isEqualTo(paid.text("id"));
        assertThat(reseller.get(pair + "/payments").json().path("items")).hasSize(1);
        assertThat(invoicesOf(tree.customerId())).allSatisfy(i -> {
            assertThat(i.path("status").asString()).isEqualTo("PAID");
            assertThat(amount(i, "amountDue")).isEqualTo("0.00");
            assertThat(amount(i, "amountPaid")).isEqualTo("25.00");
        });

        JsonNode statement = reseller.get(pair + "/statement").json();
        assertThat(statement.path("entries")).hasSize(3);
        assertThat(statement.path("entries").get(2).path("type").asString()).isEqualTo("PAYMENT");
        assertThat(amount(statement.path("entries").get(1), "balance")).isEqualTo("50.00");
        assertThat(amount(statement.path("entries").get(2), "balance")).isEqualTo("-10.00");
        assertThat(amount(statement, "closingBalance")).isEqualTo("-10.00");
        assertThat(amount(statement, "credit")).isEqualTo("10.00");

        // the next run's invoice is paid from the credit as it is issued
        travelTo(AUGUST.plusMonths(2));
        run(AUGUST.plusMonths(2));
        JsonNode october = invoicesOf(tree.customerId()).get(2);
        assertThat(october.path("status").asString()).isEqualTo("OPEN");
        assertThat(amount(october, "amountPaid")).isEqualTo("10.00");
        assertThat(amount(october, "amountDue")).isEqualTo("15.00");

        // the buyer reads its statement with its vendor, as JSON and CSV; not the issuer's path
        Api customer = as(tree.customerAdminEmail(), PASSWORD);
        Api.Response own = customer.get("/api/v1/accounts/" + tree.customerId() + "/vendors/" + tree.resellerId()
                + "/statement");
        assertThat(own.status()).as("%s", own).isEqualTo(200);
        assertThat(amount(own.json(), "closingBalance")).isEqualTo("15.00");
        assertThat(amount(own.json(), "credit")).isEqualTo("0.00");
        assertThat(customer.get(pair + "/statement").status()).isEqualTo(404);
        assertThat(customer.get(pair + "/payments").status()).isEqualTo(404);
        Api.Response csv = customer.withHeader("Accept", "text/csv").get("/api/v1/accounts/" + tree.customerId()
                + "/vendors/" + tree.resellerId() + "/statement");
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.body().lines().toList()).containsExactly("date,type,reference,currency,amount,balance",
                "2026-08-01,INVOICE," + invoices.get(0).path("number").asString() + ",EUR,25.00,25.00",
                "2026-09-01,INVOICE," + invoices.get(1).path("number").asString() + ",EUR,25.00,50.00",
                "2026-09-01,PAYMENT,Bank 7,EUR,-60.00,-10.00",
                "2026-10-01,INVOICE," + october.path("number").asString() + ",EUR,25.00,15.00",
                ",CLOSING_BALANCE,,EUR,,15.00");
        var document = pdf(customer, "/api/v1/accounts/" + tree.customerId() + "/vendors/" + tree.resellerId()
                + "/statement/pdf");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (var parsed = org.apache.pdfbox.Loader.loadPDF(document.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(parsed)).contains("Statement of account",
                    "Bank 7", "-60.00", "-10.00", october.path("number").asString(), "15.00 EUR");
        }
        assertThat(pdf(customer, pair + "/statement/pdf").statusCode()).isEqualTo(404);
        JsonNode balances = customer.get("/api/v1/accounts/" + tree.customerId() + "/balances?role=BUYER").json();
        assertThat(balances.path("items")).hasSize(1);
        assertThat(amount(balances.path("items").get(0), "balance")).isEqualTo("15.00");
        assertThat(customer.post(pair + "/payments", Map.of("amount", CatalogFixtures.money("1.00"))).status())
                .as("the buyer cannot record payments on the issuer's path").isEqualTo(404);
    }

    @Test
    void allocationsRefundsAndWriteOffsMoveMoneyOnlyAsFarAsItGoes() {
        Tree tree = resellerInvoicingItsCustomer();
        run(AUGUST);
        JsonNode invoice = invoicesOf(tree.customerId()).get(0);
        String id = invoice.path("id").asString();
        String pair = "/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId();

        // explicit: 5.00 of a 12.00 payment to the invoice, 7.00 credit
        Api.Response explicit = provider.post(pair + "/payments", Map.of("amount", CatalogFixtures.money("12.00"),
                "allocations", List.of(Map.of("invoiceId", id, "amount", CatalogFixtures.money("5.00")))));
        assertThat(explicit.status()).as("%s", explicit).isEqualTo(201);
        assertThat(amount(explicit.json(), "credited")).isEqualTo("7.00");
        Api.Response tooMuch = provider.post(pair + "/payments", Map.of("amount", CatalogFixtures.money("50.00"),
                "allocations", List.of(Map.of("invoiceId", id, "amount", CatalogFixtures.money("30.00")))));
        assertThat(tooMuch.status()).as("%s", tooMuch).isEqualTo(422);
        assertThat(tooMuch.text("type")).isEqualTo("urn:cascade:problem:overpayment");
        Api.Response dollars = provider.post(pair + "/payments", Map.of("amount",
                Map.of("amount", "5.00", "currency", "USD")));
        assertThat(dollars.status()).as("%s", dollars).isEqualTo(422);
        assertThat(dollars.text("type")).isEqualTo("urn:cascade:problem:currency-mismatch");

        // take the 5.00 back to the credit (12.00), then pay the invoice from the credit: 12.00 of 25.00
        Api.Response back = provider.post("/api/v1/invoices/" + id + "/unallocations", Map.of());
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        assertThat(amount(back.json(), "amountPaid")).isEqualTo("0.00");
        Api.Response fromCredit = provider.post("/api/v1/invoices/" + id + "/allocations", Map.of());
        assertThat(fromCredit.status()).as("%s", fromCredit).isEqualTo(200);
        assertThat(amount(fromCredit.json(), "amountPaid")).isEqualTo("12.00");
        assertThat(amount(fromCredit.json(), "amountDue")).isEqualTo("13.00");
        Api.Response noCredit = provider.post("/api/v1/invoices/" + id + "/allocations", Map.of());
        assertThat(noCredit.status()).as("%s", noCredit).isEqualTo(422);
        assertThat(noCredit.text("type")).isEqualTo("urn:cascade:problem:insufficient-credit");

        // an overpayment through the invoice's own endpoint is credit, and the credit is refunded
        Api.Response over = provider.post("/api/v1/invoices/" + id + "/payments",
                Map.of("amount", CatalogFixtures.money("20.00")));
        assertThat(over.status()).as("%s", over).isEqualTo(200);
        assertThat(over.json().path("status").asString()).isEqualTo("PAID");
        Api.Response refundTooMuch = provider.post(pair + "/refunds", Map.of("amount",
                CatalogFixtures.money("7.01")));
        assertThat(refundTooMuch.status()).as("%s", refundTooMuch).isEqualTo(422);
        assertThat(refundTooMuch.text("type")).isEqualTo("urn:cascade:problem:insufficient-credit");
        Api.Response refund = provider.post(pair + "/refunds", Map.of("amount", CatalogFixtures.money("7.00"),
                "reference", "Refund 1"));
        assertThat(refund.status()).as("%s", refund).isEqualTo(201);
        JsonNode statement = provider.get(pair + "/statement").json();
        assertThat(amount(statement, "closingBalance")).isEqualTo("0.00");
        assertThat(amount(statement, "credit")).isEqualTo("0.00");

        // the next invoice is written off by a person, with a reason, and audited
        travelTo(AUGUST.plusMonths(1));
        run(AUGUST.plusMonths(1));
        String september = invoicesOf(tree.customerId()).get(1).path("id").asString();
        Api.Response noReason = provider.post("/api/v1/invoices/" + september + "/write-off", Map.of());
        assertThat(noReason.status()).as("%s", noReason).isEqualTo(422);
        Api.Response written = provider.post("/api/v1/invoices/" + september + "/write-off",
                Map.of("reason", "Customer insolvent"));
        assertThat(written.status()).as("%s", written).isEqualTo(200);
        assertThat(written.json().path("status").asString()).isEqualTo("UNCOLLECTIBLE");
        assertThat(amount(written.json(), "writtenOff")).isEqualTo("25.00");
        assertThat(amount(written.json(), "amountDue")).isEqualTo("0.00");
        Api.Response twice = provider.post("/api/v1/invoices/" + september + "/write-off",
                Map.of("reason", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("type")).isEqualTo("urn:cascade:problem:nothing-due");
        assertThat(provider.post("/api/v1/invoices/" + september + "/credit-notes", Map.of("reason", "late"))
                .status()).isEqualTo(409);
        Api.Response audit = provider.get("/api/v1/accounts/" + tree.customerId() + "/audit-events?limit=500");
        assertThat(audit.body()).contains("invoice.written-off", "Customer insolvent", "billing.payment-recorded",
                "billing.credit-refunded", "invoice.credit-allocated", "invoice.payment-unallocated");
        JsonNode after = provider.get(pair + "/statement").json();
        JsonNode last = after.path("entries").get(after.path("entries").size() - 1);
        assertThat(last.path("type").asString()).isEqualTo("WRITE_OFF");
        assertThat(amount(last, "balance")).isEqualTo("0.00");

        // nothing open: a payment goes to the credit whole, and its mail names no invoice
        Api.Response toCredit = provider.post(pair + "/payments", Map.of("amount", CatalogFixtures.money("5.00"),
                "reference", "Prepaid 5"));
        assertThat(toCredit.status()).as("%s", toCredit).isEqualTo(201);
        assertThat(toCredit.json().path("allocations")).isEmpty();
        assertThat(amount(toCredit.json(), "credited")).isEqualTo("5.00");
        jakarta.mail.internet.MimeMessage mail = org.awaitility.Awaitility.await("the payment's mail")
                .atMost(java.time.Duration.ofSeconds(30)).until(() -> TestMail.all(tree.customerAdminEmail()).stream()
                        .filter(m -> TestMail.text(m).contains("Prepaid 5")).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertThat(TestMail.subject(mail)).isEqualTo("Payment received");
        assertThat(TestMail.text(mail)).contains("a payment of 5.00 EUR on").doesNotContain("for invoice");

        // the rows are append-only
        assertThatThrownBy(() -> jdbc.sql("UPDATE invoice_write_off SET amount = 1").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM payment_allocation").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theReconciliationSeesAPaymentThatMovedNoMoneyAndAnInvoicePaidWithoutAllocation() {
        Tree tree = resellerInvoicingItsCustomer();
        run(AUGUST);
        String id = invoicesOf(tree.customerId()).get(0).path("id").asString();
        assertThat(Reconciliation.violations(jdbc)).isEmpty();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO payment (id, issuer_id, issuer_path, buyer_id, buyer_path, currency, amount,
                                                 paid_on, created_at)
                            SELECT gen_random_uuid(), issuer_id, issuer_path, buyer_id, buyer_path, currency, 3,
                                   issue_date, now() FROM invoice WHERE id = CAST(:id AS uuid)""")
                    .param("id", id).update();
            assertThat(Reconciliation.violations(jdbc)).singleElement().asString()
                    .contains("pair", "credit expected 3");
            jdbc.sql("UPDATE invoice SET paid = 1 WHERE id = CAST(:id AS uuid)").param("id", id).update();
            assertThat(Reconciliation.violations(jdbc)).anySatisfy(v -> assertThat(v).startsWith("invoice ")
                    .contains("paid 1"));
            status.setRollbackOnly();
        });
        assertThat(Reconciliation.violations(jdbc)).isEmpty();
    }

    @Test
    void anOrderThatWouldTakeTheBalanceAboveTheCreditLimitIsRefused() {
        Tree tree = resellerInvoicingItsCustomer();
        run(AUGUST);
        String limitPath = "/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId() + "/credit-limit";
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        Api.Response none = reseller.get(limitPath);
        assertThat(none.status()).as("%s", none).isEqualTo(200);
        assertThat(none.json().path("limit").isNull()).isTrue();
        assertThat(amount(none.json(), "balance")).isEqualTo("25.00");
        Api.Response set = reseller.withHeader("If-Match", none.header("ETag")).send("PUT", limitPath,
                Map.of("limit", CatalogFixtures.money("40.00")), "application/json");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(amount(set.json(), "limit")).isEqualTo("40.00");
        JsonNode listed = reseller.get("/api/v1/accounts/" + tree.resellerId() + "/balances?role=ISSUER").json()
                .path("items").get(0);
        assertThat(listed.path("buyerAccountId").asString()).isEqualTo(tree.customerId());
        assertThat(amount(listed, "creditLimit")).isEqualTo("40.00");
        assertThat(reseller.withHeader("If-Match", none.header("ETag")).send("PUT", limitPath,
                Map.of("limit", CatalogFixtures.money("50.00")), "application/json").status()).isEqualTo(412);

        // 25.00 open + the plan's 20.00 fee > 40.00
        Map<String, Object> order = Map.of("planId", tree.planId(), "resources",
                List.of(Map.of("resourceType", tree.mail().counted(), "quantity", 1)));
        Api.Response refused = reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", order);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:credit-limit-exceeded");
        assertThat(refused.json().path("limit").path("amount").asString()).isEqualTo("40.00");
        assertThat(refused.json().path("balance").path("amount").asString()).isEqualTo("25.00");
        assertThat(refused.text("detail")).contains("40.00 EUR", "25.00 EUR");

        // paid: the order passes
        assertThat(reseller.post("/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId()
                + "/payments", Map.of("amount", CatalogFixtures.money("25.00"))).status()).isEqualTo(201);
        Api.Response ordered = reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", order);
        assertThat(ordered.status()).as("%s", ordered).isEqualTo(201);
    }
}
