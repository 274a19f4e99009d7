package io.cascade.payments;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online payments (issue 17, ADR 0031) against a payment service written in the test ({@link TestPaymentService}):
 * a reseller invoices its customer 25.00, sets up the {@code http} gateway and accepts ONLINE; the customer starts a
 * checkout, the service confirms it with a Standard Webhooks message, and the payment is recorded through the
 * balances. Forged, stale and unknown confirmations record nothing, replays are answered alike, a failed payment
 * leaves the invoice open. Every test ends with the reconciliation of {@link BillingIntegrationTest}.
 */
class OnlinePaymentsIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);
    private static final String PROBLEM = "urn:cascade:problem:";

    private TestPaymentService service;

    @BeforeEach
    void startTheService() throws Exception {
        service = new TestPaymentService(() -> clock.instant());
    }

    @AfterEach
    void stopTheService() {
        service.close();
    }

    /** A reseller that invoiced its billable customer 25.00 (no tax) on August 1st; the customer's invoice. */
    private record Invoiced(Tree tree, String invoiceId, Api reseller, Api customer) {
    }

    private Invoiced invoiced() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Online Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Online Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        run(AUGUST);
        JsonNode invoice = provider.get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        assertThat(invoice.path("amountDue").path("amount").asString()).isEqualTo("25.00");
        return new Invoiced(tree, invoice.path("id").asString(), as(tree.resellerAdminEmail(), PASSWORD),
                as(tree.customerAdminEmail(), PASSWORD));
    }

    private void acceptOnline(Invoiced i, boolean online) {
        Api.Response settings = i.reseller().send("PUT", "/api/v1/accounts/" + i.tree().resellerId()
                + "/billing-settings", Map.of("numberPrefix", "ON-", "paymentTermDays", 14, "payment", Map.of(
                "acceptedMethods", online ? List.of("BANK_TRANSFER", "ONLINE") : List.of("BANK_TRANSFER"))),
                "application/json");
        assertThat(settings.status()).as("%s", settings).isEqualTo(200);
    }

    private Api.Response gateway(Invoiced i, Map<String, Object> settings) {
        return i.reseller().send("PUT", "/api/v1/accounts/" + i.tree().resellerId() + "/payment-gateway", settings,
                "application/json");
    }

    /** The reseller accepts ONLINE through the test service; answers the gateway's id. */
    private String setUp(Invoiced i) {
        acceptOnline(i, true);
        Api.Response set = gateway(i, Map.of("kind", "http", "baseUrl", service.baseUrl(), "apiKey", service.apiKey,
                "signingSecret", service.secret));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        return set.text("id");
    }

    private JsonNode invoice(Invoiced i) {
        return i.customer().get("/api/v1/invoices/" + i.invoiceId()).json();
    }

    private JsonNode payments(Invoiced i) {
        return i.reseller().get("/api/v1/accounts/" + i.tree().resellerId() + "/buyers/" + i.tree().customerId()
                + "/payments").json().path("items");
    }

    @Test
    void theBuyerPaysThroughTheGatewayAndTheConfirmationRecordsAnOnlinePaymentOnce() {
        Invoiced i = invoiced();
        String gatewayId = setUp(i);

        Api.Response read = i.reseller().get("/api/v1/accounts/" + i.tree().resellerId() + "/payment-gateway");
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.text("callbackUrl")).endsWith("/api/v1/payment-callbacks/" + gatewayId);
        assertThat(read.text("apiKeyHint")).isEqualTo("…" + service.apiKey.substring(service.apiKey.length() - 4));
        assertThat(read.body()).as("the secrets are never shown again").doesNotContain(service.apiKey)
                .doesNotContain(service.secret);

        Api.Response started = i.customer().post("/api/v1/invoices/" + i.invoiceId() + "/checkouts", null);
        assertThat(started.status()).as("%s", started).isEqualTo(201);
        String checkoutId = started.text("id");
        String paymentId = started.text("gatewayPaymentId");
        assertThat(started.text("status")).isEqualTo("OPEN");
        assertThat(started.text("redirectUrl")).isEqualTo(service.baseUrl() + "/pay/" + paymentId);
        TestPaymentService.Checkout order = service.checkout(paymentId);
        assertThat(order.amount()).isEqualTo("25.00");
        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(order.reference()).isEqualTo(checkoutId);
        assertThat(order.idempotencyKey()).isEqualTo(checkoutId);
        assertThat(order.description()).isEqualTo("Invoice " + invoice(i).path("number").asString());
        assertThat(order.callbackUrl()).endsWith("/api/v1/payment-callbacks/" + gatewayId);
        assertThat(order.returnUrl()).endsWith("/panel/invoices/" + i.invoiceId() + "?checkout=" + checkoutId);

        Api.Response again = i.customer().post("/api/v1/invoices/" + i.invoiceId() + "/checkouts", null);
        assertThat(again.status()).as("the open checkout again: %s", again).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(checkoutId);
        assertThat(service.checkouts()).as("the gateway was asked once").hasSize(1);

        String messageId = "msg_paid";
        long now = clock.instant().getEpochSecond();
        String body = service.body(paymentId, "PAID", "25.00", "EUR");
        TestPaymentService.Answer paid = service.post(order.callbackUrl(), messageId, now, body, service.secret);
        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        assertThat(paid.json().path("outcome").asString()).isEqualTo("RECORDED");
        assertThat(paid.json().path("status").asString()).isEqualTo("PAID");
        JsonNode invoice = invoice(i);
        assertThat(invoice.path("status").asString()).isEqualTo("PAID");
        assertThat(invoice.path("amountPaid").path("amount").asString()).isEqualTo("25.00");
        JsonNode payments = payments(i);
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).path("method").asString()).isEqualTo("ONLINE");
        assertThat(payments.get(0).path("reference").asString()).isEqualTo("Online http " + paymentId);
        assertThat(payments.get(0).path("allocations").get(0).path("invoiceId").asString()).isEqualTo(i.invoiceId());
        JsonNode statement = i.customer().get("/api/v1/accounts/" + i.tree().customerId() + "/vendors/"
                + i.tree().resellerId() + "/statement").json();
        assertThat(statement.path("entries").get(1).path("type").asString()).isEqualTo("PAYMENT");
        assertThat(statement.path("closingBalance").path("amount").asString()).isEqualTo("0.00");

        // the same message again (the gateway retries): answered as the first time, nothing recorded twice
        TestPaymentService.Answer replay = service.post(order.callbackUrl(), messageId, now, body, service.secret);
        assertThat(replay.status()).as("%s", replay).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(paid.body());
        // another message saying the same: the checkout is paid once
        TestPaymentService.Answer second = service.confirm(paymentId, "PAID");
        assertThat(second.status()).as("%s", second).isEqualTo(200);
        assertThat(second.json().path("outcome").asString()).isEqualTo("ALREADY_PAID");
        assertThat(payments(i)).as("one payment, whatever the gateway repeats").hasSize(1);

        // paid: no further checkout
        Api.Response closed = i.customer().post("/api/v1/invoices/" + i.invoiceId() + "/checkouts", null);
        assertThat(closed.status()).as("%s", closed).isEqualTo(409);
        assertThat(closed.text("type")).isEqualTo(PROBLEM + "not-payable");

        JsonNode audit = i.reseller().get("/api/v1/accounts/" + i.tree().customerId() + "/audit-events?limit=500")
                .json().path("items");
        List<String> actions = audit.valueStream().map(e -> e.path("action").asString()).toList();
        assertThat(actions).contains("payment.checkout-started", "payment.online-confirmed",
                "billing.payment-recorded");
        JsonNode resellerAudit = i.reseller().get("/api/v1/accounts/" + i.tree().resellerId()
                + "/audit-events?limit=500").json();
        assertThat(resellerAudit.toString()).contains("payment.gateway-changed").doesNotContain(service.apiKey)
                .doesNotContain(service.secret);
    }

    @Test
    void forgedStaleAndUnknownConfirmationsRecordNothingAndAFailedPaymentLeavesTheInvoiceOpen() {
        Invoiced i = invoiced();
        String gatewayId = setUp(i);
        Api.Response started = i.customer().post("/api/v1/invoices/" + i.invoiceId() + "/checkouts", null);
        assertThat(started.status()).as("%s", started).isEqualTo(201);
        String paymentId = started.text("gatewayPaymentId");
        String callback = service.checkout(paymentId).callbackUrl();
        String body = service.body(paymentId, "PAID", "25.00", "EUR");
        long now = clock.instant().getEpochSecond();

        TestPaymentService.Answer forged = service.post(callback, "msg_forged", now, body,
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        TestPaymentService.Answer stale = service.post(callback, "msg_stale", now - 600, body, service.secret);
        TestPaymentService.Answer unknown = service.post(callback.replace(gatewayId, UUID.randomUUID().toString()),
                "msg_unknown", now, body, service.secret);
        for (TestPaymentService.Answer refused : List.of(forged, stale, unknown)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
            assertThat(refused.json().path("type").asString()).isEqualTo(PROBLEM + "invalid-signature");
        }
        assertThat(unknown.json().path("detail")).isEqualTo(forged.json().path("detail"));
        TestPaymentService.Answer nobody = service.post(callback, "msg_nobody", now,
                body.replace("\"" + paymentId + "\"", "\"pay_never\""), service.secret);
        assertThat(nobody.status()).as("%s", nobody).isEqualTo(422);
        assertThat(invoice(i).path("status").asString()).isEqualTo("OPEN");
        assertThat(payments(i)).isEmpty();
        // the stale message, signed afresh, is taken: the refusals wrote nothing under its id
        TestPaymentService.Answer failed = service.post(callback, "msg_stale", now,
                service.body(paymentId, "FAILED", "25.00", "EUR"), service.secret);
        assertThat(failed.status()).as("%s", failed).isEqualTo(200);
        assertThat(failed.json().path("outcome").asString()).isEqualTo("FAILED");
        assertThat(invoice(i).path("status").asString()).as("a failed payment leaves the invoice open")
                .isEqualTo("OPEN");
        assertThat(payments(i)).isEmpty();

        // the buyer tries again: a new checkout, paid
        Api.Response retry = i.customer().post("/api/v1/invoices/" + i.invoiceId() + "/checkouts", null);
        assertThat(retry.status()).as("%s", retry).isEqualTo(201);
        assertThat(retry.text("id")).isNotEqualTo(started.text("id"));
        assertThat(service.confirm(retry.text("gatewayPaymentId"), "PAID").status()).isEqualTo(200);
        assertThat(invoice(i).path("status").asString()).isEqualTo("PAID");
        assertThat(payments(i)).hasSize(1);
    }

    @Test
    void anOverpaymentIsTheBuyersCredit() {
        Invoiced i = invoiced();
        setUp(i);
        Api.Response started = i.customer().post("/api/v1/invoices/" + i.invoiceId() + "/checkouts", null);
        TestPaymentService.Answer paid = service.confirm(started.text("gatewayPaymentId"), "PAID", "30.00", "EUR");
        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        assertThat(invoice(i).path("status").asString()).isEqualTo("PAID");
        JsonNode payment = payments(i).get(0);
        assertThat(payment.path("amount").path("amount").asString()).isEqualTo("30.00");
        assertThat(payment.path("credited").path("amount").asString()).isEqualTo("5.00");
        TestPaymentService.Answer dollars = service.post(service.checkout(started.text("gatewayPaymentId"))
                        .callbackUrl(), "msg_usd", clock.instant().getEpochSecond(),
                service.body(started.text("gatewayPaymentId"), "PAID", "30.00", "USD"), service.secret);
        assertThat(dollars.status()).as("already paid, in whatever currency: %s", dollars).isEqualTo(200);
        assertThat(payments(i)).hasSize(1);
    }

    @Test
    void checkoutsAreRefusedWithClearProblemsAndWriteNothing() {
        Invoiced i = invoiced();
        String checkouts = "/api/v1/invoices/" + i.invoiceId() + "/checkouts";

        Api.Response notAccepted = i.customer().post(checkouts, null);
        assertThat(notAccepted.status()).as("%s", notAccepted).isEqualTo(422);
        assertThat(notAccepted.text("type")).isEqualTo(PROBLEM + "online-payment-not-accepted");

        acceptOnline(i, true);
        Api.Response noGateway = i.customer().post(checkouts, null);
        assertThat(noGateway.status()).as("%s", noGateway).isEqualTo(422);
        assertThat(noGateway.text("type")).isEqualTo(PROBLEM + "payment-gateway-not-configured");
        assertThat(i.reseller().get("/api/v1/accounts/" + i.tree().resellerId() + "/payment-gateway").status())
                .isEqualTo(404);

        // bad settings are refused, every field named
        Api.Response bad = gateway(i, Map.of("kind", "http", "baseUrl", "http://10.20.30.40/pay", "apiKey",
                "with space", "signingSecret", "secret"));
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactlyInAnyOrder("baseUrl", "apiKey", "signingSecret");
        Api.Response kind = gateway(i, Map.of("kind", "stripe"));
        assertThat(kind.status()).as("%s", kind).isEqualTo(422);
        assertThat(kind.json().path("errors").get(0).path("field").asString()).isEqualTo("kind");
        Api.Response byCustomer = i.customer().send("PUT", "/api/v1/accounts/" + i.tree().resellerId()
                + "/payment-gateway", Map.of("kind", "http"), "application/json");
        assertThat(byCustomer.status()).as("the vendor's settings are outside the buyer: %s", byCustomer)
                .isEqualTo(404);

        // a wrong API key: the gateway refuses, nothing is stored
        assertThat(gateway(i, Map.of("kind", "http", "baseUrl", service.baseUrl(), "apiKey", "sk_wrong",
                "signingSecret", service.secret)).status()).isEqualTo(200);
        Api.Response refused = i.customer().post(checkouts, null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "payment-gateway-unavailable");
        assertThat(service.refusedKeys()).containsExactly("Bearer sk_wrong");
        // the right key, the URL unchanged and the secret kept (left out)
        Api.Response fixed = i.reseller().withHeader("If-Match", "\"0\"").send("PUT", "/api/v1/accounts/"
                        + i.tree().resellerId() + "/payment-gateway",
                Map.of("kind", "http", "baseUrl", service.baseUrl(), "apiKey", service.apiKey), "application/json");
        assertThat(fixed.status()).as("%s", fixed).isEqualTo(200);
        assertThat(fixed.header("ETag")).isEqualTo("\"1\"");
        Api.Response stale = i.reseller().withHeader("If-Match", "\"0\"").send("PUT", "/api/v1/accounts/"
                        + i.tree().resellerId() + "/payment-gateway", Map.of("kind", "http", "baseUrl",
                service.baseUrl()), "application/json");
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
        service.failNextCreations(1);
        Api.Response down = i.customer().post(checkouts, null);
        assertThat(down.status()).as("%s", down).isEqualTo(503);
        Api.Response up = i.customer().post(checkouts, null);
        assertThat(up.status()).as("%s", up).isEqualTo(201);

        // someone else's invoice does not exist for a sibling; the issuer may start one (to hand the link on)
        var sibling = AccountFixtures.customer(unique("Online Sibling")).under(i.tree().resellerId())
                .create(provider);
        Api.Response foreign = as(sibling.adminEmail(), PASSWORD).post(checkouts, null);
        Api.Response missing = as(sibling.adminEmail(), PASSWORD).post("/api/v1/invoices/" + UUID.randomUUID()
                + "/checkouts", null);
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(404);
        assertThat(foreign.json().path("detail")).isEqualTo(missing.json().path("detail"));
        assertThat(i.reseller().post(checkouts, null).status()).isEqualTo(200);

        // ONLINE withdrawn: refused again, though a gateway is set up
        acceptOnline(i, false);
        assertThat(i.customer().post(checkouts, null).text("type")).isEqualTo(PROBLEM + "online-payment-not-accepted");
        assertThat(invoice(i).path("status").asString()).isEqualTo("OPEN");
        assertThat(payments(i)).isEmpty();
    }
}
