package io.cascade.dunning;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dunning (issue 17): an issuer's policy (validated, ETag), the steps taken on their days and amounts by the daily
 * evaluation (once each, however often it runs), their mails, the late fee as an invoice of its own, blocked orders, the
 * DUNNING suspension beside a person's, and the end of it all when the buyer pays; a reseller that does not pay its
 * vendor (ADR 0032); the subtree rule. Time moves with the test clock; every test ends with the reconciliation.
 */
class DunningIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    /** A prepaid reseller that invoices its billable customer 25.00 a month (no tax) on the 1st, due in 14 days. */
    private Tree resellerInvoicingItsCustomer() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        return TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Dunning Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Dunning Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
    }

    private Tree tree;
    /** The reseller's and the customer's administrators, signed in again at each day the test travels to. */
    private Api reseller;
    private Api customer;

    private void use(Tree tree) {
        this.tree = tree;
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        customer = as(tree.customerAdminEmail(), PASSWORD);
    }

    private JsonNode evaluate(LocalDate day) {
        travelTo(day);
        use(tree);
        Api.Response done = provider.post("/api/v1/dunning/evaluations", Map.of());
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.json().path("asOf").asString()).isEqualTo(day.toString());
        return done.json();
    }

    private static String pair(Tree tree) {
        return "/api/v1/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId();
    }

    private static Map<String, Object> order(Tree tree) {
        return Map.of("planId", tree.planId(), "resources",
                List.of(Map.of("resourceType", tree.mail().counted(), "quantity", 1)));
    }

    private static String status(Api api, String subscriptionId) {
        return api.get("/api/v1/subscriptions/" + subscriptionId).text("status");
    }

    private static String suspension(Api api, String subscriptionId) {
        return api.get("/api/v1/subscriptions/" + subscriptionId).text("suspension");
    }

    private static List<String> actions(JsonNode state) {
        List<String> actions = new ArrayList<>();
        state.path("history").forEach(step -> actions.add(step.path("action").asString()));
        return actions;
    }

    @Test
    void aBadPolicyIsRefusedFieldByFieldAndNothingIsWritten() {
        Tree tree = resellerInvoicingItsCustomer();
        use(tree);
        String path = "/api/v1/accounts/" + tree.resellerId() + "/dunning-policy";
        Api.Response standard = reseller.get(path);
        assertThat(standard.status()).as("%s", standard).isEqualTo(200);
        assertThat(standard.json().path("standard").asBoolean()).isTrue();
        assertThat(standard.json().path("steps")).hasSize(5);
        assertThat(standard.json().path("steps").get(0).path("action").asString()).isEqualTo("REMINDER");
        assertThat(standard.json().path("customerGraceDays").asInt()).isEqualTo(14);

        Api.Response bad = reseller.withHeader("If-Match", standard.header("ETag")).send("PUT", path, Map.of(
                "steps", List.of(
                        Map.of("daysOverdue", 10, "action", "REMINDER", "lateFee", Map.of("amount", "5.00")),
                        Map.of("daysOverdue", 5, "action", "WARNING"),
                        Map.of("daysOverdue", 0, "action", "SUSPEND"),
                        Map.of("daysOverdue", 40, "action", "FLAG", "minimums", List.of(
                                CatalogFixtures.money("10.00"), CatalogFixtures.money("20.00")))),
                "customerGraceDays", 400), "application/json");
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("steps[0].lateFee", "steps[1].daysOverdue", "steps[2].daysOverdue",
                "steps[3].minimums[1].currency", "customerGraceDays");
        assertThat(reseller.get(path).json().path("standard").asBoolean()).as("nothing written").isTrue();
        Api.Response unknown = reseller.send("PUT", path, Map.of("steps", List.of(
                Map.of("daysOverdue", 3, "action", "SHOUT"))), "application/json");
        assertThat(unknown.status()).as("%s", unknown).isIn(400, 422);

        Api.Response set = reseller.withHeader("If-Match", standard.header("ETag")).send("PUT", path, Map.of(
                "steps", List.of(Map.of("daysOverdue", 3, "action", "REMINDER"),
                        Map.of("daysOverdue", 10, "action", "WARNING", "lateFee", Map.of("percent", "2.5"))),
                "customerGraceDays", 7), "application/json");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(set.json().path("standard").asBoolean()).isFalse();
        assertThat(set.json().path("steps")).hasSize(2);
        assertThat(set.json().path("steps").get(1).path("lateFee").path("percent").asString()).isEqualTo("2.5");
        assertThat(set.header("ETag")).isNotEqualTo(standard.header("ETag"));
        assertThat(reseller.withHeader("If-Match", standard.header("ETag")).send("PUT", path,
                Map.of("steps", List.of()), "application/json").status()).as("stale").isEqualTo(412);
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/audit-events").body())
                .contains("dunning.policy-changed");

        // the customer reads no one's policy but its own account's; a sibling reseller sees nothing of it
        Tree sibling = TreeFixtures.resellerWithHolding(provider).mail(tree.mail()).build();
        assertThat(sibling.reseller().get(path).status()).isEqualTo(404);
        assertThat(sibling.reseller().get(pair(tree) + "/dunning").status()).isEqualTo(404);
        assertThat(sibling.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/dunning/buyers").status())
                .isEqualTo(404);
        assertThat(sibling.reseller().get("/api/v1/accounts/" + tree.customerId() + "/dunning").status())
                .isEqualTo(404);
        assertThat(customer.get(path).status()).isEqualTo(404);
        assertThat(customer.get(pair(tree) + "/dunning").status()).isEqualTo(404);
        assertThat(tree.reseller().post("/api/v1/dunning/evaluations", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void stepsComeOnTheirDaysOnceEachAndPaymentLiftsThem() throws Exception {
        Tree tree = resellerInvoicingItsCustomer();
        use(tree);
        String policy = "/api/v1/accounts/" + tree.resellerId() + "/dunning-policy";
        assertThat(reseller.send("PUT", policy, Map.of("steps", List.of(
                Map.of("daysOverdue", 1, "action", "REMINDER"),
                Map.of("daysOverdue", 14, "action", "WARNING", "lateFee", Map.of("amount", "5.00", "percent", "2")),
                Map.of("daysOverdue", 21, "action", "BLOCK_ORDERS"),
                Map.of("daysOverdue", 25, "action", "FLAG", "minimums", List.of(CatalogFixtures.money("1000.00"))),
                Map.of("daysOverdue", 30, "action", "SUSPEND", "minimumAmount", "30.00"),
                Map.of("daysOverdue", 60, "action", "FLAG"))), "application/json").status()).isEqualTo(200);
        // a second and third subscription: one a person suspends, one a person resumes after dunning suspended it
        String personal = created(reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions",
                order(tree)));
        String resumedByPerson = created(reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions",
                order(tree)));
        run(AUGUST); // one invoice for the three subscriptions
        payTheProvider(tree);
        JsonNode invoice = reseller.get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        String total = invoice.path("total").path("amount").asString();
        assertThat(invoice.path("dueDate").asString()).isEqualTo("2026-08-15");

        // due on the 15th: nothing is overdue on that day
        evaluate(LocalDate.of(2026, 8, 15));
        JsonNode before = reseller.get(pair(tree) + "/dunning").json();
        assertThat(before.path("stage").asString()).isEqualTo("NONE");
        assertThat(before.path("inDunning").asBoolean()).isFalse();

        // one day overdue: the reminder, once however often the evaluation runs
        evaluate(LocalDate.of(2026, 8, 16));
        evaluate(LocalDate.of(2026, 8, 16));
        assertThat(reseller.get(pair(tree) + "/dunning").json().path("history")).hasSize(1);
        var reminder = TestMail.await(tree.customerAdminEmail(), "Payment reminder");
        assertThat(TestMail.text(reminder)).contains(total + " EUR", "2026-08-15", "1 days ago");
        JsonNode reminded = reseller.get(pair(tree) + "/dunning").json();
        assertThat(reminded.path("stage").asString()).isEqualTo("REMINDER");
        assertThat(reminded.path("next").path("action").asString()).isEqualTo("WARNING");
        assertThat(reminded.path("next").path("dueOn").asString()).isEqualTo("2026-08-29");
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/dunning/buyers").json()
                .path("items").get(0).path("buyerAccountId").asString()).isEqualTo(tree.customerId());

        // 14 days: the warning with its late fee, 5.00 + 2 % of the overdue amount, as an invoice of its own
        evaluate(LocalDate.of(2026, 8, 29));
        var warning = TestMail.await(tree.customerAdminEmail(), "Payment warning");
        JsonNode fee = reseller.get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        String expectedFee = new java.math.BigDecimal("5.00").add(new java.math.BigDecimal(total)
                .multiply(new java.math.BigDecimal("0.02"))).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        assertThat(fee.path("total").path("amount").asString()).isEqualTo(expectedFee);
        assertThat(fee.path("tax").path("amount").asString()).isEqualTo("0.00");
        assertThat(fee.path("issueDate").asString()).isEqualTo("2026-08-29");
        assertThat(fee.path("lines").get(0).path("description").asString()).startsWith("Late fee");
        assertThat(TestMail.text(warning)).contains(fee.path("number").asString(), expectedFee + " EUR");
        TestMail.await(tree.customerAdminEmail(), fee.path("number").asString()); // the fee invoice's own mail
        assertThat(reseller.get(pair(tree) + "/dunning").json().path("history").get(1).path("feeInvoiceId")
                .asString()).isEqualTo(fee.path("id").asString());

        // the person's suspension, before dunning suspends anything
        assertThat(reseller.post("/api/v1/subscriptions/" + personal + "/suspend", Map.of()).status())
                .isEqualTo(200);

        // 21 days: new orders refused, naming the rule
        evaluate(LocalDate.of(2026, 9, 5));
        TestMail.await(tree.customerAdminEmail(), "New orders blocked");
        Api.Response refused = reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", order(tree));
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:orders-blocked-dunning");

        // 30 days and at least 30.00 overdue: the services are suspended
        JsonNode thirty = evaluate(LocalDate.of(2026, 9, 14));
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("SUSPENDED");
        assertThat(suspension(reseller, tree.subscriptionId())).isEqualTo("DUNNING");
        assertThat(suspension(reseller, resumedByPerson)).isEqualTo("DUNNING");
        assertThat(suspension(reseller, personal)).as("a person's suspension stays the person's").isEqualTo("OWN");
        assertThat(thirty.path("stepsTaken").asInt()).as("other tests' buyers are evaluated too").isPositive();
        TestMail.await(tree.customerAdminEmail(), "Services suspended");
        JsonNode suspended = reseller.get(pair(tree) + "/dunning").json();
        assertThat(actions(suspended)).containsExactly("REMINDER", "WARNING", "BLOCK_ORDERS", "SUSPEND");
        assertThat(suspended.path("stage").asString()).isEqualTo("SUSPEND");
        assertThat(suspended.path("ordersBlocked").asBoolean()).isTrue();
        assertThat(suspended.path("servicesSuspended").asBoolean()).isTrue();
        // the flag after 25 days needs 1,000.00 EUR overdue: its day has come, its amount has not
        assertThat(suspended.path("next").path("action").asString()).isEqualTo("FLAG");
        assertThat(suspended.path("next").path("position").asInt()).isEqualTo(4);
        assertThat(suspended.path("next").path("minimumAmount").path("amount").asString()).isEqualTo("1000.00");
        JsonNode own = customer.get("/api/v1/accounts/" + tree.customerId() + "/dunning").json();
        assertThat(own.path("items").get(0).path("stage").asString()).as("the buyer sees its own").isEqualTo("SUSPEND");

        // a person resumes one: the next evaluation does not suspend it again
        assertThat(reseller.post("/api/v1/subscriptions/" + resumedByPerson + "/resume", Map.of()).status())
                .isEqualTo(200);
        evaluate(LocalDate.of(2026, 9, 15));
        assertThat(status(reseller, resumedByPerson)).isEqualTo("ACTIVE");

        // the issuer records the payment of all that is overdue: the episode ends by itself
        JsonNode statement = reseller.get(pair(tree) + "/statement").json();
        String owed = statement.path("closingBalance").path("amount").asString();
        assertThat(reseller.post(pair(tree) + "/payments", Map.of("amount", CatalogFixtures.money(owed)))
                .status()).isEqualTo(201);
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("ACTIVE");
        assertThat(suspension(reseller, personal)).as("dunning lifts only its own").isEqualTo("OWN");
        TestMail.await(tree.customerAdminEmail(), "nothing is overdue any more");
        JsonNode paid = reseller.get(pair(tree) + "/dunning").json();
        assertThat(paid.path("inDunning").asBoolean()).isFalse();
        assertThat(paid.path("endedOn").asString()).isEqualTo("2026-09-15");
        assertThat(paid.path("stage").asString()).isEqualTo("NONE");
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/dunning/buyers").json().path("items"))
                .isEmpty();
        assertThat(reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", order(tree)).status())
                .isEqualTo(201);
        assertThat(TestMail.all(tree.customerAdminEmail()).stream().filter(m -> TestMail.subject(m)
                .startsWith("Payment reminder")).count()).as("one reminder").isEqualTo(1);
        String audit = reseller.get("/api/v1/accounts/" + tree.customerId() + "/audit-events?limit=500").body();
        assertThat(audit).contains("dunning.step-taken", "dunning.ended", "subscription.suspended-for-dunning",
                "subscription.resumed-after-dunning", "invoice.fee-issued");
    }

    @Test
    void aResellerThatDoesNotPayLosesOrdersFirstAndItsCustomersServicesOnlyAfterNoticeAndGrace() {
        Tree tree = resellerInvoicingItsCustomer();
        use(tree);
        String resellerPair = "/api/v1/accounts/" + providerId() + "/buyers/" + tree.resellerId();
        run(AUGUST);
        // the customer pays its reseller; the reseller does not pay the provider
        String customerOwes = reseller.get(pair(tree) + "/statement").json().path("closingBalance").path("amount")
                .asString();
        assertThat(reseller.post(pair(tree) + "/payments", Map.of("amount", CatalogFixtures.money(customerOwes)))
                .status()).isEqualTo(201);

        evaluate(LocalDate.of(2026, 8, 16));
        TestMail.await(tree.resellerAdminEmail(), "Payment reminder");
        evaluate(LocalDate.of(2026, 9, 5));
        TestMail.await(tree.resellerAdminEmail(), "New orders blocked");
        // the reseller's own orders, and its customers' orders through it, are paused; its customers keep their services
        Api.Response own = reseller.post("/api/v1/accounts/" + tree.resellerId() + "/subscriptions",
                Map.of("planId", tree.wholesalePlanId()));
        assertThat(own.status()).as("%s", own).isEqualTo(422);
        assertThat(own.text("type")).isEqualTo("urn:cascade:problem:orders-blocked-dunning");
        Api.Response below = reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", order(tree));
        assertThat(below.status()).as("%s", below).isEqualTo(422);
        assertThat(below.text("detail")).doesNotContain("overdue");
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("ACTIVE");

        // 30 days: the reseller's own subscriptions (its holding) are suspended, its customers are told the day
        evaluate(LocalDate.of(2026, 9, 14));
        assertThat(suspension(provider, tree.holdingId())).isEqualTo("DUNNING");
        assertThat(status(reseller, tree.subscriptionId())).as("the paying customer keeps its services")
                .isEqualTo("ACTIVE");
        var resellerMail = TestMail.await(tree.resellerAdminEmail(), "Services suspended");
        assertThat(TestMail.text(resellerMail)).contains("2026-09-28");
        var notice = TestMail.await(tree.customerAdminEmail(), "may be suspended on 2026-09-28");
        assertThat(TestMail.text(notice)).contains("not affected");
        JsonNode state = provider.get(resellerPair + "/dunning").json();
        assertThat(state.path("customersSuspendOn").asString()).isEqualTo("2026-09-28");

        // within the grace period nothing of the customer's changes; after it, its services follow
        evaluate(LocalDate.of(2026, 9, 27));
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("ACTIVE");
        JsonNode graced = evaluate(LocalDate.of(2026, 9, 28));
        assertThat(graced.path("customerSuspensions").asInt()).isPositive();
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("SUSPENDED");
        assertThat(suspension(reseller, tree.subscriptionId())).isEqualTo("DUNNING");
        TestMail.await(tree.customerAdminEmail(), "Your services are suspended");
        assertThat(provider.get(resellerPair + "/dunning").json().path("customersSuspendedOn").asString())
                .isEqualTo("2026-09-28");

        // the reseller pays: its holding and its customer's services resume by themselves, the customer is told
        String resellerOwes = provider.get(resellerPair + "/statement").json().path("closingBalance").path("amount")
                .asString();
        assertThat(provider.post(resellerPair + "/payments", Map.of("amount", CatalogFixtures.money(resellerOwes)))
                .status()).isEqualTo(201);
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("ACTIVE");
        assertThat(suspension(provider, tree.holdingId())).isNull();
        TestMail.await(tree.customerAdminEmail(), "Your services have resumed");
        assertThat(reseller.post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", order(tree)).status())
                .isEqualTo(201);
    }

    /** The reseller pays its own vendor, so that only its customer is in dunning. */
    /**
     * A payment that comes in with a bank statement (recorded set-based, announced as one {@code PaymentsRecorded})
     * ends the episode it pays just as a payment typed in does, and lifts what the episode suspended.
     */
    @Test
    void aBankStatementThatPaysWhatIsOverdueEndsTheEpisode() {
        Tree tree = resellerInvoicingItsCustomer();
        use(tree);
        assertThat(reseller.send("PUT", "/api/v1/accounts/" + tree.resellerId() + "/dunning-policy",
                Map.of("steps", List.of(Map.of("daysOverdue", 1, "action", "REMINDER"),
                        Map.of("daysOverdue", 2, "action", "SUSPEND"))), "application/json").status()).isEqualTo(200);
        run(AUGUST);
        payTheProvider(tree);
        JsonNode invoice = reseller.get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        evaluate(LocalDate.of(2026, 8, 17));
        assertThat(suspension(reseller, tree.subscriptionId())).isEqualTo("DUNNING");
        assertThat(reseller.get(pair(tree) + "/dunning").json().path("inDunning").asBoolean()).isTrue();

        String csv = "booking_date,amount,currency,counterparty_name,counterparty_iban,remittance,bank_reference\n"
                + "2026-08-17," + invoice.path("total").path("amount").asString() + ",EUR,Dunning Customer,,"
                + "Invoice " + invoice.path("number").asString() + "," + unique("BANKREF") + "\n";
        Api.Response imported = reseller.send("POST", "/api/v1/accounts/" + tree.resellerId()
                + "/bank-statements?fileName=august.csv", csv, "text/csv");
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        assertThat(imported.json().path("matched").asInt()).isEqualTo(1);

        JsonNode state = reseller.get(pair(tree) + "/dunning").json();
        assertThat(state.path("inDunning").asBoolean()).isFalse();
        assertThat(state.path("endedOn").asString()).isEqualTo("2026-08-17");
        assertThat(status(reseller, tree.subscriptionId())).isEqualTo("ACTIVE");
    }

    private void payTheProvider(Tree tree) {
        String resellerPair = "/api/v1/accounts/" + providerId() + "/buyers/" + tree.resellerId();
        String owes = provider.get(resellerPair + "/statement").json().path("closingBalance").path("amount").asString();
        assertThat(provider.post(resellerPair + "/payments", Map.of("amount", CatalogFixtures.money(owes))).status())
                .isEqualTo(201);
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.text("id");
    }
}
