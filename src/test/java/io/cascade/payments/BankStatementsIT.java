package io.cascade.payments;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.payments.BankFiles.Entry;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bank statements (issue 17, docs/billing.md "Bank statements"): camt.053 (.001.02 and .001.08) and CSV imported by a
 * reseller, credits matched to its open invoices by number, by payment reference and by amount and recorded as
 * payments; the rest assigned or ignored by a person; a second import records nothing twice; bad files write nothing;
 * other subtrees get 404. Every test ends with the reconciliation of {@link BillingIntegrationTest}.
 */
class BankStatementsIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    @Autowired
    private JdbcClient jdbc;

    /** A reseller invoicing customer A 25.00 and customer B 22.50 a month, billed for August and September. */
    private record Fixture(Tree tree, Api reseller, Api customer, String buyerA, String buyerB,
                           List<JsonNode> invoicesA, List<JsonNode> invoicesB) {
        String resellerId() {
            return tree.resellerId();
        }
    }

    private Fixture twoBuyersBilledTwice() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Statement Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Payer A")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        String b = AccountFixtures.customer(unique("Payer B")).with("billable", true).create(tree.reseller()).id();
        Api.Response subscribed = tree.reseller().post("/api/v1/accounts/" + b + "/subscriptions", Map.of(
                "planId", tree.planId(), "resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 2))));
        assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
        run(AUGUST);
        travelTo(AUGUST.plusMonths(1));
        run(AUGUST.plusMonths(1));
        List<JsonNode> a = invoicesOf(tree.customerId());
        List<JsonNode> bs = invoicesOf(b);
        assertThat(a).extracting(i -> amount(i, "amountDue")).containsExactly("25.00", "25.00");
        assertThat(bs).extracting(i -> amount(i, "amountDue")).containsExactly("22.50", "22.50");
        return new Fixture(tree, as(tree.resellerAdminEmail(), PASSWORD), as(tree.customerAdminEmail(), PASSWORD),
                tree.customerId(), b, a, bs);
    }

    private List<JsonNode> invoicesOf(String customerId) {
        Api.Response list = provider.get("/api/v1/accounts/" + customerId + "/invoices?role=BUYER");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        list.json().path("items").forEach(items::add);
        Collections.reverse(items); // oldest first
        return items;
    }

    private JsonNode invoice(JsonNode invoice) {
        return provider.get("/api/v1/invoices/" + invoice.path("id").asString()).json();
    }

    private static String amount(JsonNode node, String field) {
        return node.path(field).path("amount").asString();
    }

    private static String number(JsonNode invoice) {
        return invoice.path("number").asString();
    }

    private static Api.Response upload(Api api, String issuerId, String content, String type) {
        return api.send("POST", "/api/v1/accounts/" + issuerId + "/bank-statements?fileName=statement", content, type);
    }

    private List<JsonNode> entries(Api api, String statementId) {
        Api.Response page = api.get("/api/v1/bank-statements/" + statementId + "/entries?limit=500");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }

    private int payments(Api api, Fixture f, String buyer) {
        return api.get("/api/v1/accounts/" + f.resellerId() + "/buyers/" + buyer + "/payments").json().path("items")
                .size();
    }

    @Test
    void camt053Version08IsMatchedByNumberReferenceAndAmountAndImportedTwiceRecordsNothingTwice() {
        Fixture f = twoBuyersBilledTwice();
        Api reseller = f.reseller();
        String day = AUGUST.plusMonths(1).toString();
        String reference = "RF" + checkDigits(number(f.invoicesB().get(0))) + number(f.invoicesB().get(0))
                .replaceAll("[^A-Za-z0-9]", "");
        List<Entry> file = List.of(
                Entry.credit("25.00", day, "BANK-1", "Invoice " + number(f.invoicesA().get(0)) + " thank you"),
                Entry.credit("22.50", day, "BANK-2", null).withCreditorReference(reference),
                Entry.credit("22.50", day, "BANK-3", "September"),
                Entry.credit("30.00", day, "BANK-4", "no idea what for"),
                Entry.credit("10.00", day, "BANK-5", "fees").debit(),
                Entry.credit("5.00", day, "BANK-6", "on its way").pending());
        String xml = BankFiles.camt053("08", "STMT-08", file);

        Api.Response imported = upload(reseller, f.resellerId(), xml, "application/xml");
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        JsonNode statement = imported.json();
        assertThat(imported.header("Location")).isEqualTo("/api/v1/bank-statements/" + statement.path("id").asString());
        assertThat(statement.path("format").asString()).isEqualTo("CAMT_053");
        assertThat(statement.path("messageVersion").asString()).isEqualTo("001.08");
        assertThat(statement.path("bankStatementId").asString()).isEqualTo("STMT-08");
        assertThat(List.of(statement.path("entries").asInt(), statement.path("matched").asInt(),
                statement.path("unmatched").asInt(), statement.path("duplicates").asInt(),
                statement.path("ignored").asInt())).containsExactly(6, 3, 1, 0, 2);

        List<JsonNode> entries = entries(reseller, statement.path("id").asString());
        assertThat(entries).extracting(e -> e.path("status").asString())
                .containsExactly("MATCHED", "MATCHED", "MATCHED", "UNMATCHED", "IGNORED", "IGNORED");
        assertThat(entries).extracting(e -> e.path("matchedBy").asString(null))
                .containsExactly("NUMBER", "REFERENCE", "AMOUNT", null, null, null);
        assertThat(entries.get(0).path("buyerAccountId").asString()).isEqualTo(f.buyerA());
        assertThat(entries.get(2).path("invoiceIds").get(0).asString())
                .as("the first 22.50 paid B's first invoice: only its second had 22.50 due")
                .isEqualTo(f.invoicesB().get(1).path("id").asString());
        assertThat(entries.get(3).path("note").asString()).contains("no open invoice has 30 EUR due");
        assertThat(entries.get(4).path("direction").asString()).isEqualTo("DEBIT");
        JsonNode payment = reseller.get("/api/v1/payments/" + entries.get(0).path("paymentId").asString()).json();
        assertThat(payment.path("method").asString()).isEqualTo("BANK_TRANSFER");
        assertThat(payment.path("paidOn").asString()).isEqualTo(day);
        assertThat(payment.path("reference").asString()).startsWith("BANK-1 Invoice ");
        assertThat(invoice(f.invoicesA().get(0)).path("status").asString()).isEqualTo("PAID");
        assertThat(invoice(f.invoicesA().get(1)).path("status").asString()).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_message WHERE kind = 'payment-recorded' "
                        + "AND account_id IN (CAST(:a AS uuid), CAST(:b AS uuid))")
                .param("a", f.buyerA()).param("b", f.buyerB()).query(Long.class).single())
                .as("each matched payment's mail is queued, as for a payment typed in").isEqualTo(3);
        assertThat(invoice(f.invoicesB().get(0)).path("status").asString()).isEqualTo("PAID");
        assertThat(invoice(f.invoicesB().get(1)).path("status").asString()).isEqualTo("PAID");

        // the queue: one entry; a person assigns it to A's open invoice, 5.00 is A's credit
        Api.Response queue = reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries");
        assertThat(queue.status()).as("%s", queue).isEqualTo(200);
        assertThat(queue.json().path("items")).hasSize(1);
        String unmatched = queue.json().path("items").get(0).path("id").asString();
        Api.Response assigned = reseller.post("/api/v1/bank-entries/" + unmatched + "/assign", Map.of(
                "buyerId", f.buyerA(), "invoiceIds", List.of(f.invoicesA().get(1).path("id").asString())));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.json().path("status").asString()).isEqualTo("ASSIGNED");
        assertThat(assigned.json().path("matchedBy").asString()).isEqualTo("PERSON");
        assertThat(invoice(f.invoicesA().get(1)).path("status").asString()).isEqualTo("PAID");
        JsonNode balance = reseller.get("/api/v1/accounts/" + f.resellerId() + "/buyers/" + f.buyerA() + "/statement")
                .json();
        assertThat(amount(balance, "closingBalance")).isEqualTo("-5.00");
        assertThat(reseller.post("/api/v1/bank-entries/" + unmatched + "/ignore", Map.of("reason", "again"))
                .json().path("type").asString()).isEqualTo("urn:cascade:problem:statement-entry-decided");
        assertThat(reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries").json().path("items")).isEmpty();
        assertThat(reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries?status=ASSIGNED").json()
                .path("items")).hasSize(1);

        // the same statement again: four duplicates, nothing recorded twice
        int paymentsA = payments(reseller, f, f.buyerA());
        int paymentsB = payments(reseller, f, f.buyerB());
        Api.Response again = upload(reseller, f.resellerId(), xml, "application/xml");
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(List.of(again.json().path("matched").asInt(), again.json().path("unmatched").asInt(),
                again.json().path("duplicates").asInt(), again.json().path("ignored").asInt()))
                .containsExactly(0, 0, 4, 2);
        List<JsonNode> repeated = entries(reseller, again.json().path("id").asString());
        assertThat(repeated.get(0).path("duplicateOf").asString()).isEqualTo(entries.get(0).path("id").asString());
        assertThat(payments(reseller, f, f.buyerA())).isEqualTo(paymentsA);
        assertThat(payments(reseller, f, f.buyerB())).isEqualTo(paymentsB);
        Api.Response list = reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-statements?limit=1");
        Api.Response next = reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-statements?limit=1&cursor="
                + list.json().path("nextCursor").asString());
        // the test clock stands still: both imports have the same time, and the id decides their order
        assertThat(List.of(list.json().path("items").get(0).path("id").asString(),
                next.json().path("items").get(0).path("id").asString()))
                .containsExactlyInAnyOrder(again.json().path("id").asString(), statement.path("id").asString());
        assertThat(next.json().path("nextCursor").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_account_id = CAST(:id AS uuid) AND action "
                        + "IN ('payments.bank-statement-imported', 'payments.bank-entry-assigned')")
                .param("id", f.resellerId()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void camt053Version02AndCsvAreReadAlikeAndAPersonIgnoresWhatIsNotAPayment() {
        Fixture f = twoBuyersBilledTwice();
        Api reseller = f.reseller();
        String day = AUGUST.plusMonths(1).toString();
        Api.Response old = upload(reseller, f.resellerId(), BankFiles.camt053("02", "STMT-02", List.of(
                Entry.credit("25.00", day, "OLD-1", "RE " + number(f.invoicesA().get(0)).toLowerCase()))),
                "text/xml");
        assertThat(old.status()).as("%s", old).isEqualTo(201);
        assertThat(old.json().path("messageVersion").asString()).isEqualTo("001.02");
        assertThat(old.json().path("matched").asInt()).isEqualTo(1);
        assertThat(entries(reseller, old.json().path("id").asString()).get(0).path("counterpartyName").asString())
                .isEqualTo("Payer 25.00");

        // CSV without bank references: the same lines twice are two payments; the file again, duplicates
        String csv = BankFiles.csv(List.of(
                Entry.credit("22.50", day, null, number(f.invoicesB().get(0))),
                Entry.credit("12.00", day, null, "lottery win"),
                Entry.credit("12.00", day, null, "lottery win"),
                Entry.credit("3.00", day, null, "card fee").debit()));
        Api.Response first = upload(reseller, f.resellerId(), csv, "text/csv");
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(List.of(first.json().path("matched").asInt(), first.json().path("unmatched").asInt(),
                first.json().path("ignored").asInt())).containsExactly(1, 2, 1);
        Api.Response second = upload(reseller, f.resellerId(), csv, "text/csv; charset=UTF-8");
        assertThat(second.json().path("duplicates").asInt()).isEqualTo(3);
        assertThat(second.json().path("matched").asInt()).isZero();

        List<JsonNode> queue = new ArrayList<>();
        reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries?limit=1").json().path("items")
                .forEach(queue::add);
        String cursor = reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries?limit=1").json()
                .path("nextCursor").asString();
        reseller.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries?limit=1&cursor=" + cursor).json()
                .path("items").forEach(queue::add);
        assertThat(queue).hasSize(2).extracting(e -> e.path("id").asString()).doesNotHaveDuplicates();
        String lottery = queue.get(0).path("id").asString();
        Api.Response noReason = reseller.post("/api/v1/bank-entries/" + lottery + "/ignore", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        Api.Response ignored = reseller.post("/api/v1/bank-entries/" + lottery + "/ignore",
                Map.of("reason", "Returned to the sender"));
        assertThat(ignored.status()).as("%s", ignored).isEqualTo(200);
        assertThat(ignored.json().path("status").asString()).isEqualTo("IGNORED");
        assertThat(ignored.json().path("note").asString()).isEqualTo("Returned to the sender");
        Api.Response decided = reseller.post("/api/v1/bank-entries/" + lottery + "/assign",
                Map.of("buyerId", f.buyerA()));
        assertThat(decided.status()).isEqualTo(409);

        // the other one: an invoice of another buyer is refused; to B without invoices, oldest due first
        String other = queue.get(1).path("id").asString();
        Api.Response wrong = reseller.post("/api/v1/bank-entries/" + other + "/assign", Map.of("buyerId", f.buyerB(),
                "invoiceIds", List.of(f.invoicesA().get(1).path("id").asString())));
        assertThat(wrong.status()).as("%s", wrong).isEqualTo(422);
        assertThat(wrong.json().path("errors").get(0).path("field").asString()).isEqualTo("invoiceIds[0]");
        Api.Response assigned = reseller.post("/api/v1/bank-entries/" + other + "/assign",
                Map.of("buyerId", f.buyerB()));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.json().path("invoiceIds").get(0).asString())
                .isEqualTo(f.invoicesB().get(1).path("id").asString());
        assertThat(amount(invoice(f.invoicesB().get(1)), "amountDue")).isEqualTo("10.50");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_account_id = CAST(:id AS uuid) "
                        + "AND action = 'payments.bank-entry-ignored'")
                .param("id", f.resellerId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badFilesAreRefusedWithNothingWrittenAndOtherSubtreesSeeNothing() {
        Fixture f = twoBuyersBilledTwice();
        Api reseller = f.reseller();
        String path = "/api/v1/accounts/" + f.resellerId() + "/bank-statements";
        String day = AUGUST.plusMonths(1).toString();
        Api.Response notXml = upload(reseller, f.resellerId(), "this is no XML", "application/xml");
        assertThat(notXml.status()).isEqualTo(422);
        assertThat(notXml.json().path("errors").get(0).path("field").asString()).isEqualTo("file");
        Api.Response noColumn = upload(reseller, f.resellerId(), "booking_date,amount\n" + day + ",1.00\n", "text/csv");
        assertThat(noColumn.status()).isEqualTo(422);
        assertThat(noColumn.json().path("errors").get(0).path("message").asString()).contains("currency");
        String csv = BankFiles.csv(List.of(Entry.credit("25.00", day, "OK-1", number(f.invoicesA().get(0))),
                Entry.credit("1.00", "2026-09-31", "BAD-DAY", "x")));
        Api.Response badLine = upload(reseller, f.resellerId(), csv, "text/csv");
        assertThat(badLine.status()).isEqualTo(422);
        assertThat(badLine.json().path("errors").get(0).path("field").asString()).isEqualTo("line 3.booking_date");
        Api.Response future = upload(reseller, f.resellerId(), BankFiles.csv(List.of(
                Entry.credit("25.00", day, "OK-1", number(f.invoicesA().get(0))),
                Entry.credit("1.00", AUGUST.plusMonths(2).toString(), "LATER", "x"))), "text/csv");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("errors").get(0).path("field").asString()).isEqualTo("entries[2].bookingDate");
        assertThat(reseller.send("POST", path, "{}", "application/json").status()).isEqualTo(415);
        assertThat(reseller.get(path).json().path("items")).as("nothing written").isEmpty();
        assertThat(invoice(f.invoicesA().get(0)).path("status").asString()).isEqualTo("OPEN");

        // another reseller, and the customer itself, see nothing of the reseller's statements
        String good = BankFiles.csv(List.of(Entry.credit("99.00", day, "Q-1", "unknown")));
        Api.Response imported = upload(reseller, f.resellerId(), good, "text/csv");
        assertThat(imported.status()).isEqualTo(201);
        String statementId = imported.json().path("id").asString();
        String entryId = entries(reseller, statementId).get(0).path("id").asString();
        AccountFixtures.Created stranger = AccountFixtures.reseller(unique("Stranger")).create(provider);
        Api other = as(stranger.adminEmail(), PASSWORD);
        Api customer = f.customer();
        for (Api outside : List.of(other, customer)) {
            assertThat(upload(outside, f.resellerId(), good, "text/csv").status()).isEqualTo(404);
            assertThat(outside.get(path).status()).isEqualTo(404);
            assertThat(outside.get("/api/v1/bank-statements/" + statementId).status()).isEqualTo(404);
            assertThat(outside.get("/api/v1/bank-statements/" + statementId + "/entries").status()).isEqualTo(404);
            assertThat(outside.get("/api/v1/accounts/" + f.resellerId() + "/bank-entries").status()).isEqualTo(404);
            assertThat(outside.get("/api/v1/bank-entries/" + entryId).status()).isEqualTo(404);
            assertThat(outside.post("/api/v1/bank-entries/" + entryId + "/assign", Map.of("buyerId", f.buyerA()))
                    .status()).isEqualTo(404);
            assertThat(outside.post("/api/v1/bank-entries/" + entryId + "/ignore", Map.of("reason", "no"))
                    .status()).isEqualTo(404);
        }
        // the provider above sees it; a buyer outside the issuer's subtree is not assignable
        assertThat(provider.get("/api/v1/bank-entries/" + entryId).status()).isEqualTo(200);
        assertThat(reseller.post("/api/v1/bank-entries/" + entryId + "/assign", Map.of("buyerId", stranger.id()))
                .status()).isEqualTo(404);
        assertThat(reseller.get("/api/v1/bank-entries/" + entryId).json().path("status").asString())
                .isEqualTo("UNMATCHED");
    }

    /** ISO 11649 check digits of an invoice number, computed here independently of the product. */
    private static String checkDigits(String number) {
        String body = number.replaceAll("[^A-Za-z0-9]", "").toUpperCase() + "RF00";
        StringBuilder digits = new StringBuilder();
        for (char c : body.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new java.math.BigInteger(digits.toString()).mod(java.math.BigInteger.valueOf(97)).intValue();
        return (check < 10 ? "0" : "") + check;
    }
}
