package io.cascade.messages.internal;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The billing events as an integrator's receiver meets them: a billing run's invoices, a credit note and a payment
 * reach the endpoints of the buyer's own subtree — each once per endpoint, as {@code GET /invoices/{id}} shows the
 * document, an invoice's issue before its payment — and never a sibling's; the run's completion reaches the provider's
 * endpoints only. The billing context's clock is months away from the real one, so signatures are checked by hand
 * (the reference library also refuses a timestamp that is not about now).
 */
class BillingWebhooksIT extends BillingIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);
    private static final String[] DOCUMENTS = {"invoice.issued", "credit_note.issued", "payment.recorded",
            "billing.run.completed"};
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private record Endpoint(String url, String secret, String path) {
    }

    private static Endpoint register(Api api, String accountId, String... types) {
        String url = receiver.url();
        Api.Response created = api.post("/api/v1/accounts/" + accountId + "/webhook-endpoints",
                Map.of("url", url, "eventTypes", List.of(types)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Endpoint(url, created.text("secret"),
                "/api/v1/accounts/" + accountId + "/webhook-endpoints/" + created.text("id"));
    }

    /** Standard Webhooks' signature by hand: HMAC-SHA256 of "id.timestamp.body" with the decoded secret. */
    private static boolean signed(String secret, WebhookReceiver.Received request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal((request.header("webhook-id")
                    + "." + request.header("webhook-timestamp") + "." + request.body())
                    .getBytes(StandardCharsets.UTF_8)))).getBytes(StandardCharsets.US_ASCII);
            return Arrays.stream(request.header("webhook-signature").split(" ")).anyMatch(s -> MessageDigest.isEqual(
                    s.getBytes(StandardCharsets.US_ASCII), expected));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reseller invoicing its billable customer itself, below the provider that invoices the reseller. */
    private Tree tree(CatalogFixtures.Service mail, String name, String fee) {
        return TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique(name)).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "RAW", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan(fee, resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique(name + " Customer")).with("billable", true))
                .build();
    }

    private static String invoiceOf(Api api, String accountId) {
        JsonNode items = api.get("/api/v1/accounts/" + accountId + "/invoices?role=BUYER").json().path("items");
        assertThat(items.size()).as("invoices of %s", accountId).isEqualTo(1);
        return items.get(0).path("id").asString();
    }

    /** The resource a delivery is about: the document, or the invoice a payment was recorded against. */
    private static String subject(WebhookReceiver.Received r) {
        JsonNode data = r.json().path("data");
        return data.has("invoiceId") ? data.path("invoiceId").asString() : data.path("id").asString();
    }

    private static List<String> types(Endpoint endpoint, String resourceId) {
        return receiver.at(endpoint.url()).stream().filter(r -> subject(r).equals(resourceId))
                .map(WebhookReceiver.Received::type).toList();
    }

    @Test
    void aRunsInvoicesACreditNoteAndAPaymentReachTheirSubtreesEndpointsOnlyAndTheRunTheProvidersOnly() {
        travelTo(AUGUST);
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        Tree a = tree(mail, "Hooks Billing A", "20.00");
        Tree b = tree(mail, "Hooks Billing B", "30.00");
        Endpoint resellerA = register(a.reseller(), a.resellerId(), DOCUMENTS);
        Endpoint customerA = register(a.customer(), a.customerId(), DOCUMENTS);
        Endpoint resellerB = register(b.reseller(), b.resellerId(), DOCUMENTS);
        Endpoint platform = register(provider, providerId(), "billing.run.completed");
        try {
            JsonNode run = run(AUGUST);
            String runId = run.path("id").asString();
            String holdingA = invoiceOf(provider, a.resellerId());
            String invoiceA = invoiceOf(a.reseller(), a.customerId());
            String invoiceB = invoiceOf(b.reseller(), b.customerId());

            // each invoice once to every endpoint of its buyer's subtree: the reseller's holding and its customer's
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(types(resellerA, holdingA)).containsExactly("invoice.issued");
                assertThat(types(resellerA, invoiceA)).containsExactly("invoice.issued");
                assertThat(types(customerA, invoiceA)).containsExactly("invoice.issued");
                assertThat(types(resellerB, invoiceB)).containsExactly("invoice.issued");
            });
            assertThat(types(customerA, holdingA)).as("the vendor's own invoice is not the customer's").isEmpty();
            // as GET /invoices/{id} shows it to the endpoint's account, field by field, with the buyer as accountId
            for (var seen : List.of(Map.entry(resellerA, a.reseller()), Map.entry(customerA, a.customer()))) {
                WebhookReceiver.Received issued = receiver.at(seen.getKey().url()).stream()
                        .filter(r -> subject(r).equals(invoiceA)).findFirst().orElseThrow();
                assertThat(issued.json().path("data")).isEqualTo(seen.getValue().get("/api/v1/invoices/" + invoiceA)
                        .json());
                assertThat(issued.json().path("accountId").asString()).isEqualTo(a.customerId());
            }
            WebhookReceiver.Received holding = receiver.at(resellerA.url()).stream()
                    .filter(r -> subject(r).equals(holdingA)).findFirst().orElseThrow();
            assertThat(holding.json().path("data")).isEqualTo(provider.get("/api/v1/invoices/" + holdingA).json());
            assertThat(holding.json().path("accountId").asString()).isEqualTo(a.resellerId());

            // the run's completion: the provider's endpoint, once, as GET /billing/runs/{id} shows it
            await().atMost(WAIT).untilAsserted(() -> assertThat(types(platform, runId))
                    .containsExactly("billing.run.completed"));
            JsonNode completed = receiver.at(platform.url()).stream().filter(r -> subject(r).equals(runId))
                    .findFirst().orElseThrow().json();
            assertThat(completed.path("data")).isEqualTo(provider.get("/api/v1/billing/runs/" + runId).json());
            assertThat(completed.path("data").path("status").asString()).isEqualTo("COMPLETED");
            assertThat(completed.path("accountId").asString()).isEqualTo(providerId());

            // a credit note by hand: to the reseller's and the customer's endpoints, as the API answered it
            Api.Response note = a.reseller().post("/api/v1/invoices/" + invoiceA + "/credit-notes",
                    Map.of("reason", "Goodwill"));
            assertThat(note.status()).as("%s", note).isEqualTo(201);
            String noteId = note.text("id");
            // a payment of the sibling's invoice: after its issue, with the invoice as it is after the payment
            Api.Response paid = b.reseller().post("/api/v1/invoices/" + invoiceB + "/payments", Map.of(
                    "amount", Map.of("amount", "30.00", "currency", "EUR"), "paidOn", "2026-08-01",
                    "reference", "Transfer 0815"));
            assertThat(paid.status()).as("%s", paid).isEqualTo(200);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(types(resellerA, noteId)).containsExactly("credit_note.issued");
                assertThat(types(customerA, noteId)).containsExactly("credit_note.issued");
                assertThat(types(resellerB, invoiceB)).containsExactly("invoice.issued", "payment.recorded");
            });
            for (Endpoint endpoint : List.of(resellerA, customerA)) {
                JsonNode credit = receiver.at(endpoint.url()).stream().filter(r -> subject(r).equals(noteId))
                        .findFirst().orElseThrow().json();
                assertThat(credit.path("data")).isEqualTo(note.json());
                assertThat(credit.path("data").path("creditedInvoiceId").asString()).isEqualTo(invoiceA);
                assertThat(credit.path("accountId").asString()).isEqualTo(a.customerId());
            }
            JsonNode payment = receiver.at(resellerB.url()).stream()
                    .filter(r -> r.type().equals("payment.recorded")).findFirst().orElseThrow().json();
            assertThat(payment.path("accountId").asString()).isEqualTo(b.customerId());
            JsonNode data = payment.path("data");
            // the payment resource, as GET /payments/{id} shows it
            assertThat(data).isEqualTo(b.reseller().get("/api/v1/payments/" + data.path("id").asString()).json());
            assertThat(data.path("invoiceId").asString()).isEqualTo(invoiceB);
            assertThat(data.path("buyerAccountId").asString()).isEqualTo(b.customerId());
            assertThat(data.path("amount")).isEqualTo(Api.JSON.valueToTree(Map.of("amount", "30.00",
                    "currency", "EUR")));
            assertThat(data.path("paidOn").asString()).isEqualTo("2026-08-01");
            assertThat(data.path("reference").asString()).isEqualTo("Transfer 0815");
            assertThat(data.path("allocations").get(0).path("invoiceId").asString()).isEqualTo(invoiceB);
            assertThat(paid.json().path("status").asString()).isEqualTo("PAID");

            // nothing crossed to a sibling's subtree, nothing reached a reseller of the run, all signed, each once
            Set<String> subtreeA = Set.of(a.resellerId(), a.customerId());
            for (Endpoint endpoint : List.of(resellerA, customerA, resellerB)) {
                List<WebhookReceiver.Received> got = receiver.at(endpoint.url());
                Set<String> ids = new HashSet<>();
                assertThat(got).allSatisfy(r -> {
                    assertThat(signed(endpoint.secret(), r)).as("signature of %s", r.body()).isTrue();
                    assertThat(signed(platform.secret(), r)).isFalse();
                    assertThat(ids.add(r.header("webhook-id"))).as("each delivery once").isTrue();
                    assertThat(r.type()).isNotEqualTo("billing.run.completed");
                    assertThat(subtreeA.contains(r.json().path("accountId").asString()))
                            .isEqualTo(endpoint != resellerB);
                });
            }
            assertThat(receiver.at(platform.url())).allSatisfy(r -> assertThat(signed(platform.secret(), r)).isTrue());
        } finally {
            // later runs of this context would otherwise keep delivering to a receiver that is gone
            assertThat(provider.delete(platform.path()).status()).isEqualTo(204);
        }
    }
}
