package io.cascade.billing;

import io.cascade.billing.api.RunTrigger;
import io.cascade.billing.internal.RunChunks;
import io.cascade.billing.internal.RunStore;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing at the edges (docs/billing.md): credits in commission statements and the margin, a statement for every
 * period, credit notes that credit exactly what is left, nothing to pay settled at once, one holding billed for the
 * usage below it, account suspensions in the terms history, and no period dropped after a long pause of billing;
 * a reseller's own products in its margin as pure revenue.
 */
class BillingEdgesIT extends BillingIntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private RunStore runStore;
    @Autowired
    private RunChunks runChunks;
    @Autowired
    private TransactionTemplate transactions;

    @Test
    void commissionStatementsTakeCreditsAndComeForEveryPeriodEvenWhenARunWasSkipped() {
        travelTo(LocalDate.of(2026, 6, 1));
        providerTaxOf20Percent();
        String plan = providerPlan("30.00");
        var agent = AccountFixtures.reseller(unique("Edge Agent")).with("billCycleDay", 1)
                .with("resellerProfile", Map.of("model", "COMMISSION", "customerBillCycleDay", 1)).create(provider);
        assertThat(provider.post("/api/v1/accounts/" + agent.id() + "/offerings",
                Map.of("planId", plan, "commissionPercent", 10)).status()).isEqualTo(201);
        var customer = AccountFixtures.customer(unique("Edge Agent Customer")).under(agent.id())
                .with("billable", true).create(provider);
        String subscription = created(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan)));
        run(LocalDate.of(2026, 6, 1));
        JsonNode june = only(invoices(customer.id()));
        assertThat(amounts(june)).containsExactly("30.00");

        // 2026-06-16: cancelled (the run credits 15 of 30 days) and 5.00 credited by hand
        travelTo(LocalDate.of(2026, 6, 16));
        assertThat(provider.post("/api/v1/subscriptions/" + subscription + "/cancel", Map.of()).status())
                .isEqualTo(200);
        run(LocalDate.of(2026, 6, 16));
        Api.Response note = provider.post("/api/v1/invoices/" + june.path("id").asString() + "/credit-notes",
                Map.of("reason", "Goodwill", "lines", List.of(Map.of("lineId",
                        june.path("lines").get(0).path("id").asString(), "amount", "5.00"))));
        assertThat(note.status()).as("%s", note).isEqualTo(201);

        // no run on 2026-07-01; the run of 2026-08-03 states June and July
        travelTo(LocalDate.of(2026, 8, 3));
        run(LocalDate.of(2026, 8, 3));
        Api.Response list = provider.get("/api/v1/accounts/" + agent.id() + "/commission-statements");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> statements = StreamSupport.stream(list.json().path("items").spliterator(), false).toList();
        assertThat(statements).extracting(s -> s.path("periodStart").asString())
                .containsExactly("2026-07-01", "2026-06-01", "2026-05-01");
        JsonNode juneStatement = statements.get(1);
        assertThat(juneStatement.path("billed").path("amount").asString()).as("30.00 - 15.00 - 5.00")
                .isEqualTo("10.00");
        assertThat(juneStatement.path("commission").path("amount").asString()).isEqualTo("1.00");
        assertThat(juneStatement.path("lines").get(0).path("planId").asString()).isEqualTo(plan);
        for (JsonNode zero : List.of(statements.get(0), statements.get(2))) {
            assertThat(zero.path("billed").path("amount").asString()).as("%s", zero).isEqualTo("0.00");
            assertThat(zero.path("commission").path("amount").asString()).isEqualTo("0.00");
            assertThat(zero.path("lines")).isEmpty();
        }
        JsonNode again = run(LocalDate.of(2026, 8, 3));
        assertThat(again.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(provider.get("/api/v1/accounts/" + agent.id() + "/commission-statements").json().path("items")
                .size()).as("one statement per period").isEqualTo(3);
    }

    @Test
    void creditsNameTheirHoldingAndReduceTheWholesaleCostInTheMargin() {
        travelTo(LocalDate.of(2026, 6, 1));
        providerTaxOf20Percent();
        var mail = CatalogFixtures.mailService(provider);
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Margin Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerBillCycleDay", 1)))
                .holdingFrom("2026-06-01")
                .customer(AccountFixtures.customer(unique("Margin Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        run(LocalDate.of(2026, 6, 1));
        assertThat(amounts(only(invoices(tree.customerId())))).containsExactlyInAnyOrder("5.00", "4.00");
        JsonNode wholesale = only(invoices(tree.resellerId()));
        assertThat(amounts(wholesale)).containsExactlyInAnyOrder("100.00", "3.00");

        // 2026-06-16: the customer's subscription is cancelled: the reseller credits 15 of 30 days of its fee and
        // extra mailboxes, the provider the extra mailboxes of the holding
        travelTo(LocalDate.of(2026, 6, 16));
        assertThat(as(tree.resellerAdminEmail(), PASSWORD).post("/api/v1/subscriptions/" + tree.subscriptionId()
                        + "/cancel", Map.of())
                .status()).isEqualTo(200);
        run(LocalDate.of(2026, 6, 16));
        JsonNode retailCredit = invoices(tree.customerId()).get(0);
        assertThat(amounts(retailCredit)).containsExactlyInAnyOrder("-2.50", "-2.00");
        assertThat(retailCredit.path("lines").valueStream().map(l -> l.path("wholesaleSubscriptionId").asString())
                .toList()).as("every credit line names the holding").containsOnly(tree.holdingId());
        // and the provider credits 10.00 of the holding's fee by hand
        JsonNode feeLine = wholesale.path("lines").valueStream()
                .filter(l -> l.path("amount").path("amount").asString().equals("100.00")).findFirst().orElseThrow();
        Api.Response note = provider.post("/api/v1/invoices/" + wholesale.path("id").asString() + "/credit-notes",
                Map.of("reason", "Outage", "lines", List.of(Map.of("lineId", feeLine.path("id").asString(),
                        "amount", "10.00"))));
        assertThat(note.status()).as("%s", note).isEqualTo(201);

        Api.Response margin = provider.get("/api/v1/accounts/" + tree.resellerId() + "/margin?period=2026-06");
        assertThat(margin.status()).as("%s", margin).isEqualTo(200);
        JsonNode eur = margin.json().path("currencies").get(0);
        assertThat(eur.path("holdings")).as("one holding, none unnamed: %s", margin).hasSize(1);
        assertThat(eur.path("holdings").get(0).path("subscriptionId").asString()).isEqualTo(tree.holdingId());
        // retail 9.00 - 4.50; cost 103.00 - 1.50 (the holding's extra mailboxes) - 10.00 (the credit note)
        assertThat(eur.path("retail").path("amount").asString()).isEqualTo("4.50");
        assertThat(eur.path("wholesaleCost").path("amount").asString()).isEqualTo("91.50");
        assertThat(eur.path("margin").path("amount").asString()).isEqualTo("-87.00");
    }

    @Test
    void theMarginShowsAResellersOwnProductsAsPureRevenueBesideItsHeldResources() {
        LocalDate september = LocalDate.of(2026, 9, 1);
        travelTo(september);
        var mail = CatalogFixtures.mailService(provider);
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Own Margin Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerBillCycleDay", 1)))
                .holdingFrom(september.toString())
                .customer(AccountFixtures.customer(unique("Own Margin Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        // the reseller's own product (ADR 0036): its support service, sold alone at 12.00 with support hours
        String hours = unique("help-hour");
        Api.Response support = tree.reseller().post("/api/v1/services", Map.of("code", unique("help"), "name",
                "Help desk", "adapter", "manual", "resourceTypes", List.of(Map.of("code", hours, "name",
                        "Support hour", "unit", "hour"))));
        assertThat(support.status()).as("%s", support).isEqualTo(201);
        String ownPlan = CatalogFixtures.publishedPlan(tree.reseller(), tree.resellerId(), "END_CUSTOMER", "12.00",
                List.of(resource(hours, 1, 10, "HARD", "15.00", null)));
        created(tree.reseller().post("/api/v1/accounts/" + tree.customerId() + "/subscriptions", Map.of("planId",
                ownPlan, "resources", List.of(Map.of("resourceType", hours, "quantity", 3)))));

        // a run over just this subtree: the reseller (its holding) and its customer (both plans)
        UUID runId = UUID.randomUUID();
        transactions.executeWithoutResult(s -> {
            assertThat(runStore.create(runId, september, RunTrigger.MANUAL, null, List.of(
                    UUID.fromString(tree.resellerId()), UUID.fromString(tree.customerId())), 2, clock.instant()))
                    .isTrue();
            runChunks.schedule(runId, 2, 2);
        });
        assertThat(awaitRun(runId.toString()).path("progress").path("buyersFailed").asInt()).isZero();
        // retail: the held plan 5.00 and 2 extra mailboxes 4.00; the own plan 12.00 and 2 extra hours 30.00
        assertThat(invoices(tree.customerId()).stream().flatMap(i -> amounts(i).stream()).toList())
                .containsExactlyInAnyOrder("5.00", "4.00", "12.00", "30.00");
        assertThat(amounts(only(invoices(tree.resellerId())))).containsExactlyInAnyOrder("100.00", "3.00");

        Api.Response margin = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/margin?period=2026-09");
        assertThat(margin.status()).as("%s", margin).isEqualTo(200);
        assertThat(margin.json().path("currencies")).hasSize(1);
        JsonNode eur = margin.json().path("currencies").get(0);
        assertThat(eur.path("retail").path("amount").asString()).isEqualTo("51.00");
        assertThat(eur.path("wholesaleCost").path("amount").asString()).isEqualTo("103.00");
        assertThat(eur.path("margin").path("amount").asString()).isEqualTo("-52.00");
        assertThat(eur.path("ownProducts").path("amount").asString()).as("pure revenue: %s", eur).isEqualTo("42.00");
        Map<String, String> byHolding = new java.util.HashMap<>();
        eur.path("holdings").forEach(h -> byHolding.put(h.path("subscriptionId").isNull() ? "own"
                : h.path("subscriptionId").asString(), h.path("retail").path("amount").asString() + " - "
                + h.path("wholesaleCost").path("amount").asString() + " = " + h.path("margin").path("amount")
                .asString()));
        assertThat(byHolding).containsExactlyInAnyOrderEntriesOf(Map.of(tree.holdingId(), "9.00 - 103.00 = -94.00",
                "own", "42.00 - 0.00 = 42.00"));
    }

    @Test
    void creditNotesCreditExactlyWhatIsLeftAndNothingToPayIsSettledAtOnce() {
        travelTo(LocalDate.of(2026, 6, 1));
        providerTaxOf20Percent();
        String plan = providerPlan("30.03");
        String samePrice = providerPlan("30.03");
        var customer = AccountFixtures.customer(unique("Rounding Customer")).with("billCycleDay", 1).create(provider);
        String subscription = created(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan)));
        run(LocalDate.of(2026, 6, 1));
        JsonNode invoice = only(invoices(customer.id()));
        String id = invoice.path("id").asString();
        String lineId = invoice.path("lines").get(0).path("id").asString();
        assertThat(invoice.path("total").path("amount").asString()).as("30.03 + 6.01").isEqualTo("36.04");

        // a credit that rounds to nothing is refused and takes no number
        long next = nextNumber(providerId());
        Api.Response nothing = provider.post("/api/v1/invoices/" + id + "/credit-notes", Map.of("reason", "Tiny",
                "lines", List.of(Map.of("lineId", lineId, "amount", "0.004"))));
        assertThat(nothing.status()).as("%s", nothing).isEqualTo(422);
        assertThat(nothing.text("type")).isEqualTo(PROBLEM + "invalid-input");
        assertThat(nothing.json().path("errors").get(0).path("field").asString()).isEqualTo("lines[0].amount");
        assertThat(nextNumber(providerId())).as("no number used").isEqualTo(next);

        // 10.01 (tax 2.002 -> 2.00), then the rest: 20.02 with the rest of the tax, 4.01 (not 4.004 -> 4.00)
        Api.Response part = provider.post("/api/v1/invoices/" + id + "/credit-notes", Map.of("reason", "Part",
                "lines", List.of(Map.of("lineId", lineId, "amount", "10.01"))));
        assertThat(part.status()).as("%s", part).isEqualTo(201);
        assertThat(part.json().path("tax").path("amount").asString()).isEqualTo("-2.00");
        Api.Response rest = provider.post("/api/v1/invoices/" + id + "/credit-notes", Map.of("reason", "Rest"));
        assertThat(rest.status()).as("%s", rest).isEqualTo(201);
        assertThat(rest.json().path("tax").path("amount").asString()).isEqualTo("-4.01");
        assertThat(rest.json().path("total").path("amount").asString()).isEqualTo("-24.03");
        JsonNode credited = provider.get("/api/v1/invoices/" + id).json();
        assertThat(credited.path("openAmount").path("amount").asString()).isEqualTo("0.00");
        assertThat(credited.path("status").asString()).isEqualTo("VOID");

        // a change to a plan at the same price on 2026-06-11: -20.02 and +20.02, nothing to pay: PAID at once
        travelTo(LocalDate.of(2026, 6, 11));
        assertThat(provider.post("/api/v1/subscriptions/" + subscription + "/change", Map.of("planId", samePrice))
                .status()).isEqualTo(200);
        run(LocalDate.of(2026, 6, 11));
        JsonNode zero = invoices(customer.id()).stream().filter(i -> i.path("runId").asString() != null
                && i.path("issueDate").asString().equals("2026-06-11")).findFirst().orElseThrow();
        assertThat(amounts(zero)).containsExactlyInAnyOrder("-20.02", "20.02");
        assertThat(zero.path("kind").asString()).isEqualTo("INVOICE");
        assertThat(zero.path("total").path("amount").asString()).isEqualTo("0.00");
        assertThat(zero.path("status").asString()).isEqualTo("PAID");
        assertThat(zero.path("openAmount").path("amount").asString()).isEqualTo("0.00");
    }

    @Test
    void aResellerHoldingTwoPlansOfOneServiceIsBilledTheUsageBelowItOnce() {
        travelTo(LocalDate.of(2026, 6, 1));
        var mail = CatalogFixtures.mailService(provider);
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Two Holdings")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerBillCycleDay", 1)))
                .holdingFrom("2026-06-01")
                .customer(AccountFixtures.customer(unique("Two Holdings Customer"))).build();
        String second = CatalogFixtures.publishedPlan(provider, providerId(), "RESELLER", "50.00", List.of(
                resource(mail.counted(), 0, 100, "HARD", "1.00", null),
                resource(mail.metered(), 0, null, "SOFT", null, "0.10")));
        // the second holding from 2026-06-02: the first stays the one the reseller holds the service through
        travelTo(LocalDate.of(2026, 6, 2));
        String secondHolding = created(as(tree.resellerAdminEmail(), PASSWORD).post("/api/v1/accounts/"
                + tree.resellerId() + "/subscriptions", Map.of("planId", second)));
        travelTo(LocalDate.of(2026, 6, 10));
        Api.Response usage = provider.post("/api/v1/usage", Map.of("records", List.of(Map.of("id",
                unique("two-holdings"), "subscriptionId", tree.subscriptionId(), "resourceType", mail.metered(),
                "quantity", 7, "at", "2026-06-10T08:00:00Z"))));
        assertThat(usage.json().path("accepted").asInt()).as("%s", usage).isEqualTo(1);
        travelTo(LocalDate.of(2026, 7, 1));
        run(LocalDate.of(2026, 7, 1));
        List<JsonNode> usageLines = invoices(tree.resellerId()).stream()
                .flatMap(i -> StreamSupport.stream(i.path("lines").spliterator(), false))
                .filter(l -> l.path("description").asString().contains("used below you")).toList();
        assertThat(usageLines).as("7 GB at 0.10, on the first holding only").hasSize(1);
        assertThat(usageLines.get(0).path("subscriptionId").asString()).isEqualTo(tree.holdingId())
                .isNotEqualTo(secondHolding);
        assertThat(usageLines.get(0).path("amount").path("amount").asString()).isEqualTo("0.70");
    }

    @Test
    void suspendingAndResumingAnAccountIsRecordedInItsSubscriptionsTerms() {
        travelTo(LocalDate.of(2026, 6, 1));
        String plan = providerPlan("10.00");
        var customer = AccountFixtures.customer(unique("Suspended Customer")).with("billCycleDay", 1).create(provider);
        String subscription = created(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan)));
        travelTo(LocalDate.of(2026, 6, 5));
        assertThat(provider.post("/api/v1/accounts/" + customer.id() + "/suspend", Map.of()).status())
                .isEqualTo(200);
        travelTo(LocalDate.of(2026, 6, 10));
        assertThat(provider.post("/api/v1/accounts/" + customer.id() + "/resume", Map.of()).status())
                .isEqualTo(200);
        List<String> terms = jdbc.sql("""
                        SELECT effective_from || ' ' || status FROM subscription_terms
                        WHERE subscription_id = :id AND NOT superseded ORDER BY effective_from, id""")
                .param("id", UUID.fromString(subscription)).query(String.class).list();
        assertThat(terms).hasSize(3);
        assertThat(terms.get(0)).startsWith("2026-06-01 ");
        assertThat(terms.get(1)).isEqualTo("2026-06-05 SUSPENDED");
        assertThat(terms.get(2)).isEqualTo("2026-06-10 " + terms.get(0).substring(11));
    }

    @Test
    void aLongPauseOfBillingDropsNoPeriod() {
        travelTo(LocalDate.of(2026, 3, 1));
        String plan = providerPlan("30.00");
        var customer = AccountFixtures.customer(unique("Paused Customer")).with("billCycleDay", 1).create(provider);
        created(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions", Map.of("planId", plan)));
        run(LocalDate.of(2026, 3, 1));
        assertThat(amounts(only(invoices(customer.id())))).containsExactly("30.00");

        // no run for 17 months, longer than the 400 days changes may be backdated: every month is billed still
        travelTo(LocalDate.of(2027, 8, 1));
        run(LocalDate.of(2027, 8, 1));
        JsonNode late = invoices(customer.id()).get(0);
        assertThat(late.path("issueDate").asString()).isEqualTo("2027-08-01");
        assertThat(amounts(late)).as("April 2026 to August 2027").hasSize(17).containsOnly("30.00");
        assertThat(late.path("subtotal").path("amount").asString()).isEqualTo("510.00");
        JsonNode idle = run(LocalDate.of(2027, 8, 1));
        assertThat(idle.path("progress").path("buyersFailed").asInt()).isZero();
        assertThat(invoices(customer.id())).as("nothing billed twice").hasSize(2);
    }

    @Test
    void aSubscriptionCancelledDuringALongPauseIsBilledItsLastPeriods() {
        // dates of its own (later than every other billing test's), so that the run before the pause is this one's
        travelTo(LocalDate.of(2028, 1, 1));
        String plan = providerPlan("30.00");
        var customer = AccountFixtures.customer(unique("Left Customer")).with("billCycleDay", 1).create(provider);
        String subscription = created(provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan)));
        run(LocalDate.of(2028, 1, 1));
        assertThat(amounts(only(invoices(customer.id())))).containsExactly("30.00");
        travelTo(LocalDate.of(2028, 3, 15));
        assertThat(provider.post("/api/v1/subscriptions/" + subscription + "/cancel", Map.of()).status())
                .isEqualTo(200);

        // the next run, 443 days after the last: the cancellation lies before its 400-day horizon
        travelTo(LocalDate.of(2029, 6, 1));
        run(LocalDate.of(2029, 6, 1));
        JsonNode last = invoices(customer.id()).get(0);
        assertThat(last.path("issueDate").asString()).isEqualTo("2029-06-01");
        // February, and 1 to 14 March: 30.00 x 14/31
        assertThat(amounts(last)).containsExactly("30.00", "13.55");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void providerTaxOf20Percent() {
        Api.Response settings = provider.send("PUT", "/api/v1/accounts/" + providerId() + "/billing-settings",
                Map.of("numberPrefix", "P-{YYYY}-", "taxRates", List.of(Map.of("rate", "20"))), "application/json");
        assertThat(settings.status()).as("%s", settings).isEqualTo(200);
    }

    private String providerPlan(String fee) {
        var mail = CatalogFixtures.mailService(provider);
        return CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", fee, List.of(
                resource(mail.counted(), 1, 10, "HARD", "3.00", null)));
    }

    private long nextNumber(String issuerId) {
        return jdbc.sql("SELECT next_number FROM billing_issuer WHERE issuer_id = :id")
                .param("id", UUID.fromString(issuerId)).query(Long.class).single();
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.text("id");
    }

    private List<JsonNode> invoices(String accountId) {
        Api.Response list = provider.get("/api/v1/accounts/" + accountId + "/invoices?role=BUYER&limit=500");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return StreamSupport.stream(list.json().path("items").spliterator(), false).toList();
    }

    private static JsonNode only(List<JsonNode> invoices) {
        assertThat(invoices).hasSize(1);
        return invoices.get(0);
    }

    private static List<String> amounts(JsonNode invoice) {
        return StreamSupport.stream(invoice.path("lines").spliterator(), false)
                .map(l -> new BigDecimal(l.path("amount").path("amount").asString()).toPlainString()).toList();
    }
}
