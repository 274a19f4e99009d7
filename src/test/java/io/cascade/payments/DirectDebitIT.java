package io.cascade.payments;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.payments.internal.CollectionFilesTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cascade.payments.internal.CollectionFilesTest.xpath;
import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEPA Direct Debit (issue 17, ADR 0030): mandates with their checks, a collection run's pain.008 file valid against
 * the official schema, confirmation recording the payments, returns reopening the invoices, the subtree rule. Every
 * test ends with the reconciliation of {@link BillingIntegrationTest}.
 */
class DirectDebitIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);
    private static final String CREDITOR_ID = "DE98ZZZ09999999999";
    private static final String DEBTOR_IBAN = "DE89370400440532013000";

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private io.cascade.billing.api.Balances balances;
    @Autowired
    private io.cascade.accounts.api.AccountScope scope;

    /** A prepaid reseller that invoices its billable customer 25.00 a month (no tax) on the 1st, due 14 days later. */
    private Tree resellerInvoicingItsCustomer(String name) {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        return TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique(name + " Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique(name + " Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
    }

    /** The reseller's creditor identifier and bank account. */
    private static void setUpDirectDebit(Api reseller, String resellerId) {
        Api.Response settings = reseller.send("PUT", "/api/v1/accounts/" + resellerId + "/billing-settings",
                Map.of("payment", Map.of("accountHolder", "Reseller GmbH", "iban", "DE02120300000000202051",
                        "bic", "BYLADEM1001", "acceptedMethods", List.of("DIRECT_DEBIT"))), "application/json");
        assertThat(settings.status()).as("%s", settings).isEqualTo(200);
        Api.Response creditor = reseller.send("PUT", "/api/v1/accounts/" + resellerId + "/direct-debit-settings",
                Map.of("creditorId", "de98 zzz0 9999 9999 99"), "application/json");
        assertThat(creditor.status()).as("%s", creditor).isEqualTo(200);
        assertThat(creditor.text("creditorId")).isEqualTo(CREDITOR_ID);
    }

    private static Map<String, Object> mandate(String buyerId, String reference, String signedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("buyerId", buyerId);
        body.put("reference", reference);
        body.put("signedOn", signedOn);
        body.put("debtorName", "Customer AG");
        body.put("iban", "de89 3704 0044 0532 0130 00");
        body.put("bic", "COBADEFFXXX");
        return body;
    }

    private List<JsonNode> invoicesOf(String customerId) {
        Api.Response list = provider.get("/api/v1/accounts/" + customerId + "/invoices?role=BUYER");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        list.json().path("items").forEach(items::add);
        Collections.reverse(items); // oldest first
        return items;
    }

    private static String amount(JsonNode node, String field) {
        return node.path(field).path("amount").asString();
    }

    private static List<String> fields(Api.Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private long rows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    @Test
    void aMandateIsCheckedAndOnlyItsPairSeesIt() {
        Tree tree = resellerInvoicingItsCustomer("Mandate");
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        String mandates = "/api/v1/accounts/" + tree.resellerId() + "/mandates";
        long before = rows("direct_debit_mandate");

        // a bad IBAN, BIC, reference and a signature in the future: every field named, nothing written
        Map<String, Object> bad = mandate(tree.customerId(), "M_1", AUGUST.plusDays(1).toString());
        bad.put("iban", "DE89370400440532013001");
        bad.put("bic", "COBA");
        Api.Response refused = reseller.post(mandates, bad);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:invalid-input");
        assertThat(fields(refused)).containsExactlyInAnyOrder("reference", "signedOn", "iban", "bic");
        assertThat(rows("direct_debit_mandate")).isEqualTo(before);
        Map<String, Object> notIban = mandate(tree.customerId(), "M-1", "2026-07-01");
        notIban.put("iban", "XX12");
        assertThat(fields(reseller.post(mandates, notIban))).containsExactly("iban");

        // a bad creditor identifier: the field named, nothing stored
        Api.Response badCreditor = reseller.send("PUT", "/api/v1/accounts/" + tree.resellerId()
                + "/direct-debit-settings", Map.of("creditorId", "DE97ZZZ09999999999"), "application/json");
        assertThat(badCreditor.status()).as("%s", badCreditor).isEqualTo(422);
        assertThat(fields(badCreditor)).containsExactly("creditorId");
        assertThat(badCreditor.json().path("errors").get(0).path("message").asString()).contains("check digits");
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/direct-debit-settings").json()
                .path("creditorId").isNull()).isTrue();

        Api.Response created = reseller.post(mandates, mandate(tree.customerId(), "M-1", "2026-07-01"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/mandates/" + created.text("id"));
        assertThat(created.text("iban")).isEqualTo(DEBTOR_IBAN);
        assertThat(created.text("bic")).isEqualTo("COBADEFFXXX");
        assertThat(created.text("sequence")).isEqualTo("FRST");
        assertThat(created.text("status")).isEqualTo("ACTIVE");
        Api.Response second = reseller.post(mandates, mandate(tree.customerId(), "M-2", "2026-07-01"));
        assertThat(second.status()).as("%s", second).isEqualTo(409);
        assertThat(second.text("type")).isEqualTo("urn:cascade:problem:mandate-active");
        Api.Response sameReference = reseller.post(mandates, mandate(tree.customerId(), "M-1", "2026-07-01"));
        assertThat(sameReference.text("type")).isEqualTo("urn:cascade:problem:mandate-reference-taken");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'payments.mandate-created' "
                        + "AND target_account_id = CAST(:id AS uuid)").param("id", tree.customerId())
                .query(Long.class).single()).isEqualTo(1);

        // the issuer lists per buyer, the buyer sees its own; nobody else sees it
        assertThat(reseller.get(mandates + "?buyerId=" + tree.customerId()).json().path("items")).hasSize(1);
        Api customer = as(tree.customerAdminEmail(), PASSWORD);
        Api.Response own = customer.get("/api/v1/accounts/" + tree.customerId() + "/mandates?role=BUYER");
        assertThat(own.status()).as("%s", own).isEqualTo(200);
        assertThat(own.json().path("items").get(0).path("reference").asString()).isEqualTo("M-1");
        assertThat(customer.get("/api/v1/mandates/" + created.text("id")).status()).isEqualTo(200);
        assertThat(customer.get(mandates).status()).isEqualTo(404);
        Tree other = resellerInvoicingItsCustomer("Sibling");
        Api sibling = as(other.resellerAdminEmail(), PASSWORD);
        assertThat(sibling.get("/api/v1/mandates/" + created.text("id")).status()).isEqualTo(404);
        assertThat(sibling.post("/api/v1/mandates/" + created.text("id") + "/revoke", Map.of()).status())
                .isEqualTo(404);
        assertThat(sibling.get(mandates).status()).isEqualTo(404);
        Api.Response foreignBuyer = reseller.post(mandates, mandate(other.customerId(), "M-9", "2026-07-01"));
        assertThat(fields(foreignBuyer)).containsExactly("buyerId");

        // revoked by the buyer: no longer active, a new one may be recorded
        Api.Response revoked = customer.post("/api/v1/mandates/" + created.text("id") + "/revoke",
                Map.of("reason", "Changed banks"));
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        assertThat(customer.post("/api/v1/mandates/" + created.text("id") + "/revoke", Map.of()).text("type"))
                .isEqualTo("urn:cascade:problem:mandate-revoked");
        assertThat(reseller.post(mandates, mandate(tree.customerId(), "M-2", "2026-08-01")).status()).isEqualTo(201);
    }

    @Test
    void aCollectionRunWritesAValidFileAndItsConfirmationPaysTheInvoices() throws Exception {
        Tree tree = resellerInvoicingItsCustomer("Collect");
        run(AUGUST);
        JsonNode invoice = invoicesOf(tree.customerId()).get(0);
        String number = invoice.path("number").asString();
        LocalDate due = LocalDate.parse(invoice.path("dueDate").asString());
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        String collections = "/api/v1/accounts/" + tree.resellerId() + "/collections";

        Api.Response notSetUp = reseller.post(collections, Map.of("collectionDate", due.toString()));
        assertThat(notSetUp.status()).as("%s", notSetUp).isEqualTo(422);
        assertThat(notSetUp.text("type")).isEqualTo("urn:cascade:problem:direct-debit-not-set-up");
        setUpDirectDebit(reseller, tree.resellerId());
        Api.Response noMandate = reseller.post(collections, Map.of("collectionDate", due.toString()));
        assertThat(noMandate.text("type")).isEqualTo("urn:cascade:problem:nothing-to-collect");
        String mandateId = reseller.post("/api/v1/accounts/" + tree.resellerId() + "/mandates",
                mandate(tree.customerId(), "CUST-0001", "2026-07-15")).text("id");
        Api.Response past = reseller.post(collections, Map.of("collectionDate", AUGUST.minusDays(1).toString()));
        assertThat(fields(past)).containsExactly("collectionDate");
        Api.Response notDueYet = reseller.post(collections, Map.of("collectionDate", due.minusDays(1).toString()));
        assertThat(notDueYet.text("type")).as("the invoice is due later").isEqualTo(
                "urn:cascade:problem:nothing-to-collect");

        Api.Response started = reseller.post(collections, Map.of("collectionDate", due.toString()));
        assertThat(started.status()).as("%s", started).isEqualTo(201);
        String runId = started.text("id");
        assertThat(started.header("Location")).isEqualTo("/api/v1/collections/" + runId);
        assertThat(started.text("status")).isEqualTo("PENDING");
        assertThat(started.json().path("itemCount").asInt()).isEqualTo(1);
        assertThat(amount(started.json(), "controlSum")).isEqualTo("25.00");
        JsonNode item = started.json().path("items").get(0);
        assertThat(item.path("invoiceNumber").asString()).isEqualTo(number);
        assertThat(item.path("sequence").asString()).isEqualTo("FRST");
        assertThat(item.path("status").asString()).isEqualTo("PENDING");

        // the file: valid against the official pain.008.001.08 schema, with the sums, mandate and creditor
        Api.Response file = reseller.withHeader("Accept", "application/xml").get("/api/v1/collections/" + runId
                + "/file");
        assertThat(file.status()).as("%s", file).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("application/xml");
        Document doc = CollectionFilesTest.valid(file.body());
        assertThat(xpath(doc, "//*[local-name()='GrpHdr']/*[local-name()='MsgId']"))
                .isEqualTo(started.text("messageId"));
        assertThat(xpath(doc, "//*[local-name()='GrpHdr']/*[local-name()='NbOfTxs']")).isEqualTo("1");
        assertThat(xpath(doc, "//*[local-name()='GrpHdr']/*[local-name()='CtrlSum']")).isEqualTo("25.00");
        assertThat(xpath(doc, "//*[local-name()='PmtInf']/*[local-name()='ReqdColltnDt']")).isEqualTo(due.toString());
        assertThat(xpath(doc, "//*[local-name()='PmtTpInf']/*[local-name()='SeqTp']")).isEqualTo("FRST");
        assertThat(xpath(doc, "//*[local-name()='CdtrAcct']//*[local-name()='IBAN']"))
                .isEqualTo("DE02120300000000202051");
        assertThat(xpath(doc, "//*[local-name()='CdtrSchmeId']//*[local-name()='Othr']/*[local-name()='Id']"))
                .isEqualTo(CREDITOR_ID);
        assertThat(xpath(doc, "//*[local-name()='EndToEndId']")).isEqualTo(number);
        assertThat(xpath(doc, "//*[local-name()='MndtId']")).isEqualTo("CUST-0001");
        assertThat(xpath(doc, "//*[local-name()='DtOfSgntr']")).isEqualTo("2026-07-15");
        assertThat(xpath(doc, "//*[local-name()='DbtrAcct']//*[local-name()='IBAN']")).isEqualTo(DEBTOR_IBAN);
        assertThat(xpath(doc, "//*[local-name()='RmtInf']/*[local-name()='Ustrd']")).isEqualTo(number);
        assertThat(reseller.withHeader("Accept", "application/xml").get("/api/v1/collections/" + runId + "/file")
                .body()).as("downloaded again: the same file").isEqualTo(file.body());

        // a second run skips the pending invoice
        Api.Response second = reseller.post(collections, Map.of("collectionDate", due.toString()));
        assertThat(second.status()).as("%s", second).isEqualTo(422);
        assertThat(second.text("type")).isEqualTo("urn:cascade:problem:nothing-to-collect");
        assertThat(reseller.get(collections).json().path("items")).hasSize(1);

        // confirmed on the collection date: the payment is recorded and the invoice PAID; the mandate is recurrent
        Api.Response early = reseller.post("/api/v1/collections/" + runId + "/confirm", Map.of());
        assertThat(early.status()).as("%s", early).isEqualTo(409);
        assertThat(early.text("type")).isEqualTo("urn:cascade:problem:collection-not-due");
        Api customer = as(tree.customerAdminEmail(), PASSWORD);
        Api.Response byBuyer = customer.post("/api/v1/collections/" + runId + "/confirm", Map.of());
        assertThat(byBuyer.status()).as("%s", byBuyer).isEqualTo(403);
        assertThat(customer.get("/api/v1/collections/" + runId).status()).isEqualTo(404);
        travelTo(due);
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        Api.Response confirmed = reseller.post("/api/v1/collections/" + runId + "/confirm", Map.of());
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("COLLECTED");
        JsonNode collected = confirmed.json().path("items").get(0);
        assertThat(collected.path("status").asString()).isEqualTo("COLLECTED");
        Api.Response payment = reseller.get("/api/v1/payments/" + collected.path("paymentId").asString());
        assertThat(payment.text("method")).isEqualTo("DIRECT_DEBIT");
        assertThat(payment.text("paidOn")).isEqualTo(due.toString());
        assertThat(amount(payment.json(), "amount")).isEqualTo("25.00");
        JsonNode paid = invoicesOf(tree.customerId()).get(0);
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(amount(paid, "amountDue")).isEqualTo("0.00");
        assertThat(reseller.get("/api/v1/mandates/" + mandateId).text("sequence")).isEqualTo("RCUR");
        assertThat(reseller.post("/api/v1/collections/" + runId + "/confirm", Map.of()).text("type"))
                .isEqualTo("urn:cascade:problem:not-pending");

        // next month's invoice is collected as a recurrent debit
        travelTo(AUGUST.plusMonths(1));
        run(AUGUST.plusMonths(1));
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        LocalDate nextDue = LocalDate.parse(invoicesOf(tree.customerId()).get(1).path("dueDate").asString());
        Api.Response next = reseller.post(collections, Map.of("collectionDate", nextDue.toString()));
        assertThat(next.status()).as("%s", next).isEqualTo(201);
        assertThat(next.json().path("items").get(0).path("sequence").asString()).isEqualTo("RCUR");
        Document nextDoc = CollectionFilesTest.valid(reseller.withHeader("Accept", "application/xml")
                .get("/api/v1/collections/" + next.text("id") + "/file").body());
        assertThat(xpath(nextDoc, "//*[local-name()='PmtTpInf']/*[local-name()='SeqTp']")).isEqualTo("RCUR");
    }

    @Test
    void aReturnedDebitReopensTheInvoiceAndAVoidMandateIsRevoked() {
        Tree tree = resellerInvoicingItsCustomer("Return");
        run(AUGUST);
        JsonNode invoice = invoicesOf(tree.customerId()).get(0);
        LocalDate due = LocalDate.parse(invoice.path("dueDate").asString());
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        setUpDirectDebit(reseller, tree.resellerId());
        String mandateId = reseller.post("/api/v1/accounts/" + tree.resellerId() + "/mandates",
                mandate(tree.customerId(), "CUST-R", "2026-07-15")).text("id");
        Api.Response started = reseller.post("/api/v1/accounts/" + tree.resellerId() + "/collections",
                Map.of("collectionDate", due.toString()));
        String runId = started.text("id");
        String itemId = started.json().path("items").get(0).path("id").asString();
        String returnPath = "/api/v1/collections/" + runId + "/items/" + itemId + "/return";
        Api.Response pending = reseller.post(returnPath, Map.of("reason", "AM04"));
        assertThat(pending.status()).as("%s", pending).isEqualTo(409);
        assertThat(pending.text("type")).isEqualTo("urn:cascade:problem:not-collected");
        travelTo(due);
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        reseller.post("/api/v1/collections/" + runId + "/confirm", Map.of());
        assertThat(invoicesOf(tree.customerId()).get(0).path("status").asString()).isEqualTo("PAID");

        travelTo(due.plusDays(3));
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        Api.Response unknown = reseller.post(returnPath, Map.of("reason", "XX99"));
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(400);
        Api.Response returned = reseller.post(returnPath, Map.of("reason", "MD01"));
        assertThat(returned.status()).as("%s", returned).isEqualTo(200);
        assertThat(returned.text("status")).isEqualTo("RETURNED");
        assertThat(returned.text("returnReason")).isEqualTo("MD01");
        assertThat(returned.text("returnedOn")).isEqualTo(due.plusDays(3).toString());
        JsonNode reopened = invoicesOf(tree.customerId()).get(0);
        assertThat(reopened.path("status").asString()).isEqualTo("OPEN");
        assertThat(amount(reopened, "amountDue")).isEqualTo("25.00");
        assertThat(amount(reopened, "amountPaid")).isEqualTo("0.00");
        JsonNode mandate = reseller.get("/api/v1/mandates/" + mandateId).json();
        assertThat(mandate.path("status").asString()).as("MD01: no valid mandate").isEqualTo("REVOKED");
        assertThat(mandate.path("revokeReason").asString()).startsWith("Return MD01");

        // the statement shows the payment and its return; the balance is what the invoice asks again
        JsonNode statement = reseller.get("/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId()
                + "/statement").json();
        List<String> types = new ArrayList<>();
        statement.path("entries").forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).containsExactly("INVOICE", "PAYMENT", "RETURN");
        JsonNode last = statement.path("entries").get(2);
        assertThat(amount(last, "amount")).isEqualTo("25.00");
        assertThat(last.path("reference").asString()).startsWith("MD01");
        assertThat(amount(statement, "closingBalance")).isEqualTo("25.00");
        Api customer = as(tree.customerAdminEmail(), PASSWORD);
        JsonNode own = customer.get("/api/v1/accounts/" + tree.customerId() + "/vendors/" + tree.resellerId()
                + "/statement").json();
        assertThat(own.path("entries")).hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'billing.payment-returned' "
                        + "AND target_account_id = CAST(:id AS uuid)").param("id", tree.customerId())
                .query(Long.class).single()).isEqualTo(1);

        // returned once; and a revoked mandate collects nothing more
        Api.Response again = reseller.post(returnPath, Map.of("reason", "AM04"));
        assertThat(again.text("type")).isEqualTo("urn:cascade:problem:not-collected");
        assertThat(reseller.post("/api/v1/accounts/" + tree.resellerId() + "/collections",
                Map.of("collectionDate", due.plusDays(3).toString())).text("type"))
                .isEqualTo("urn:cascade:problem:nothing-to-collect");

        // a sibling reseller reaches nothing of it
        Tree other = resellerInvoicingItsCustomer("Return Sibling");
        Api sibling = as(other.resellerAdminEmail(), PASSWORD);
        assertThat(sibling.withHeader("Accept", "application/xml").get("/api/v1/collections/" + runId + "/file")
                .status()).isEqualTo(404);
        for (String path : List.of("/api/v1/collections/" + runId,
                "/api/v1/accounts/" + tree.resellerId() + "/collections",
                "/api/v1/accounts/" + tree.resellerId() + "/direct-debit-settings")) {
            assertThat(sibling.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(sibling.post("/api/v1/collections/" + runId + "/confirm", Map.of()).status()).isEqualTo(404);
        assertThat(sibling.post(returnPath, Map.of("reason", "AM04")).status()).isEqualTo(404);
        assertThat(sibling.post("/api/v1/accounts/" + tree.resellerId() + "/collections",
                Map.of("collectionDate", due.plusDays(3).toString())).status()).isEqualTo(404);
    }

    @Test
    void aReturnTakesBackTheCreditTheDebitLeftEvenWhenALaterInvoiceSpentIt() {
        Tree tree = resellerInvoicingItsCustomer("Credit Return");
        run(AUGUST);
        JsonNode august = invoicesOf(tree.customerId()).get(0);
        LocalDate due = LocalDate.parse(august.path("dueDate").asString());
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        setUpDirectDebit(reseller, tree.resellerId());
        reseller.post("/api/v1/accounts/" + tree.resellerId() + "/mandates",
                mandate(tree.customerId(), "CUST-C", "2026-07-15"));
        Api.Response started = reseller.post("/api/v1/accounts/" + tree.resellerId() + "/collections",
                Map.of("collectionDate", due.toString()));
        assertThat(amount(started.json(), "controlSum")).isEqualTo("25.00");
        String runId = started.text("id");
        String itemId = started.json().path("items").get(0).path("id").asString();

        // meanwhile the buyer transfers 10.00 for the same invoice: the debit of 25.00 leaves 10.00 of credit
        String pair = "/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId();
        Api.Response transfer = reseller.post(pair + "/payments", Map.of("amount", CatalogFixtures.money("10.00"),
                "paidOn", AUGUST.toString(), "reference", "Transfer"));
        assertThat(transfer.status()).as("%s", transfer).isEqualTo(201);
        travelTo(due);
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        Api.Response confirmed = reseller.post("/api/v1/collections/" + runId + "/confirm", Map.of());
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        JsonNode debit = reseller.get("/api/v1/payments/" + confirmed.json().path("items").get(0)
                .path("paymentId").asString()).json();
        assertThat(amount(debit, "credited")).isEqualTo("10.00");
        assertThat(amount(reseller.get(pair + "/statement").json(), "credit")).isEqualTo("10.00");

        // September's invoice is paid from that credit as it is issued
        travelTo(AUGUST.plusMonths(1));
        run(AUGUST.plusMonths(1));
        JsonNode september = invoicesOf(tree.customerId()).get(1);
        assertThat(amount(september, "amountPaid")).isEqualTo("10.00");
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        assertThat(amount(reseller.get(pair + "/statement").json(), "credit")).isEqualTo("0.00");

        // the debit comes back: 15.00 from August's invoice, 10.00 from September's (the credit is spent)
        Api.Response returned = reseller.post("/api/v1/collections/" + runId + "/items/" + itemId + "/return",
                Map.of("reason", "AM04", "returnedOn", AUGUST.plusMonths(1).toString()));
        assertThat(returned.status()).as("%s", returned).isEqualTo(200);
        List<JsonNode> after = invoicesOf(tree.customerId());
        assertThat(after.get(0).path("status").asString()).isEqualTo("OPEN");
        assertThat(amount(after.get(0), "amountPaid")).as("the transfer stays").isEqualTo("10.00");
        assertThat(amount(after.get(0), "amountDue")).isEqualTo("15.00");
        assertThat(amount(after.get(1), "amountPaid")).isEqualTo("0.00");
        assertThat(amount(after.get(1), "amountDue")).isEqualTo("25.00");
        JsonNode statement = reseller.get(pair + "/statement").json();
        assertThat(amount(statement, "closingBalance")).as("50.00 invoiced, 10.00 transferred").isEqualTo("40.00");
        assertThat(amount(statement, "credit")).isEqualTo("0.00");
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/mandates").json().path("items").get(0)
                .path("status").asString()).as("AM04 (no funds) keeps the mandate").isEqualTo("ACTIVE");
    }

    @Test
    void aReturnWhoseMoneyWasRefundedIsRefusedWithNothingWritten() {
        Tree tree = resellerInvoicingItsCustomer("Refunded Return");
        run(AUGUST);
        LocalDate due = LocalDate.parse(invoicesOf(tree.customerId()).get(0).path("dueDate").asString());
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        setUpDirectDebit(reseller, tree.resellerId());
        reseller.post("/api/v1/accounts/" + tree.resellerId() + "/mandates",
                mandate(tree.customerId(), "CUST-F", "2026-07-15"));
        Api.Response started = reseller.post("/api/v1/accounts/" + tree.resellerId() + "/collections",
                Map.of("collectionDate", due.toString()));
        String runId = started.text("id");
        String itemId = started.json().path("items").get(0).path("id").asString();
        // the issuer gives up on the invoice while the debit is on its way: the debit then is all credit, refunded
        String pair = "/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId();
        String invoiceId = invoicesOf(tree.customerId()).get(0).path("id").asString();
        assertThat(reseller.post("/api/v1/invoices/" + invoiceId + "/write-off", Map.of("reason", "Gave up"))
                .status()).isEqualTo(200);
        travelTo(due);
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        Api.Response confirmed = reseller.post("/api/v1/collections/" + runId + "/confirm", Map.of());
        String paymentId = confirmed.json().path("items").get(0).path("paymentId").asString();
        assertThat(amount(reseller.get("/api/v1/payments/" + paymentId).json(), "credited")).isEqualTo("25.00");
        assertThat(reseller.post(pair + "/refunds", Map.of("amount", CatalogFixtures.money("25.00")))
                .status()).isEqualTo(201);

        long returns = rows("payment_return");
        long allocations = rows("payment_allocation");
        Api.Response refused = reseller.post("/api/v1/collections/" + runId + "/items/" + itemId + "/return",
                Map.of("reason", "MD01"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:insufficient-credit");
        assertThat(rows("payment_return")).isEqualTo(returns);
        assertThat(rows("payment_allocation")).isEqualTo(allocations);
        JsonNode item = reseller.get("/api/v1/collections/" + runId).json().path("items").get(0);
        assertThat(item.path("status").asString()).isEqualTo("COLLECTED");
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/mandates").json().path("items").get(0)
                .path("status").asString()).as("nothing revoked either").isEqualTo("ACTIVE");

        // billing's own guard: a payment is returned once
        var provider = scope.provider().orElseThrow();
        io.cascade.shared.Caller platform = io.cascade.shared.Caller.system(provider.id(), provider.path(), "test");
        String transferId = reseller.post(pair + "/payments", Map.of("amount", CatalogFixtures.money("5.00")))
                .text("id");
        var first = balances.returnPayment(platform, java.util.UUID.fromString(transferId), due, "AM04 test");
        assertThat(first.reopened()).isEmpty();
        assertThat(first.fromCredit().amount()).isEqualByComparingTo("5.00");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> balances.returnPayment(platform,
                        java.util.UUID.fromString(transferId), due, "AM04 again"))
                .isInstanceOfSatisfying(io.cascade.shared.RuleViolationException.class,
                        e -> assertThat(e.problem()).isEqualTo(io.cascade.shared.Problem.PAYMENT_RETURNED));
        assertThat(invoicesOf(tree.customerId()).get(0).path("status").asString()).isEqualTo("UNCOLLECTIBLE");
    }
}
