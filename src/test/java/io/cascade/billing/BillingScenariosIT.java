package io.cascade.billing;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One tree billed across three tiers with a moving clock: the provider bills a prepaid reseller (wholesale: holding,
 * extra units, its subtree's usage) and its own customer; the reseller bills its customer at its own prices; a
 * commission reseller's customer is billed by the provider and the commission reseller gets a statement. Then a
 * mid-period upgrade and a cancellation, and a second run that bills nothing.
 */
class BillingScenariosIT extends BillingIntegrationTest {
    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    record Tree(String reseller, String resellerAdmin, String customer, String customerSubscription,
                String ownCustomer, String ownSubscription, String commissionReseller, String commissionCustomer,
                CatalogFixtures.Service mail) {
    }

    private Tree tree() {
        travelTo(LocalDate.of(2026, 3, 15));
        String providerId = providerId();
        assertThat(provider.send("PUT", "/api/v1/accounts/" + providerId + "/billing-settings",
                Map.of("numberPrefix", "P-{YYYY}-", "taxRates", List.of(Map.of("rate", "20"))), "application/json")
                .status()).isEqualTo(200);
        var mail = CatalogFixtures.mailService(provider);
        String direct = CatalogFixtures.publishedPlan(provider, providerId, "END_CUSTOMER", "30.00", List.of(
                resource(mail.counted(), 1, 10, "HARD", "3.00", null)));

        TreeFixtures.Tree prepaid = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Prepaid")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("100.00", resource(mail.counted(), 0, 1000, "HARD", "1.00", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.10"))
                .holdingFrom("2026-03-01")
                .customer(AccountFixtures.customer(unique("Retail Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        // the reseller's own consumption ("My Provider"): the provider's end-customer plan, invoiced by the provider
        created(prepaid.reseller().post("/api/v1/accounts/" + prepaid.resellerId() + "/subscriptions",
                Map.of("planId", direct)));

        var own = AccountFixtures.customer(unique("Direct Customer")).with("billCycleDay", 1).create(provider);
        String ownSubscription = created(provider.post("/api/v1/accounts/" + own.id() + "/subscriptions",
                Map.of("planId", direct)));

        var commission = AccountFixtures.reseller(unique("Agent")).with("billCycleDay", 1)
                .with("resellerProfile", Map.of("model", "COMMISSION", "customerBillCycleDay", 1)).create(provider);
        assertThat(provider.post("/api/v1/accounts/" + commission.id() + "/offerings",
                Map.of("planId", direct, "commissionPercent", 10)).status()).isEqualTo(201);
        var agentCustomer = AccountFixtures.customer(unique("Agent Customer")).under(commission.id())
                .with("billable", true).create(provider);
        created(provider.post("/api/v1/accounts/" + agentCustomer.id() + "/subscriptions",
                Map.of("planId", direct)));
        return new Tree(prepaid.resellerId(), prepaid.resellerAdminEmail(), prepaid.customerId(),
                prepaid.subscriptionId(), own.id(), ownSubscription, commission.id(), agentCustomer.id(), mail);
    }

    @Test
    void oneRunBillsEveryTierAtItsOwnPricesAndASecondRunBillsNothing() {
        Tree t = tree();
        JsonNode first = run(LocalDate.of(2026, 3, 15));
        assertThat(first.path("progress").path("buyersFailed").asInt()).as("%s", first).isZero();

        // provider -> prepaid reseller: the holding since 2026-03-01 (cycle day 1), 3 mailboxes ordered below it
        // since 2026-03-15 at 1.00 each: 3.00 x 17/31 = 1.65; and its own use since 2026-03-15: 30.00 x 17/31 =
        // 16.45; tax 20 % per line (20.00 + 0.33 + 3.29)
        JsonNode wholesale = only(invoices(t.reseller(), "BUYER"));
        assertThat(amounts(wholesale)).containsExactlyInAnyOrder("100.00", "1.65", "16.45");
        assertThat(wholesale.path("tax").path("amount").asString()).isEqualTo("23.62");
        assertThat(wholesale.path("total").path("amount").asString()).isEqualTo("141.72");
        assertThat(wholesale.path("number").asString()).startsWith("P-2026-");
        // reseller -> its customer at the reseller's prices, from 2026-03-15: 5.00 x 17/31 and 2 extra x 2.00 x 17/31
        JsonNode retail = only(invoices(t.customer(), "BUYER"));
        assertThat(retail.path("issuerAccountId").asString()).isEqualTo(t.reseller());
        assertThat(amounts(retail)).containsExactlyInAnyOrder("2.74", "2.19");
        assertThat(retail.path("total").path("amount").asString()).isEqualTo("4.93");
        // provider -> its own customer: 30.00 x 17/31 = 16.45, plus 20 % tax
        JsonNode direct = only(invoices(t.ownCustomer(), "BUYER"));
        assertThat(amounts(direct)).containsExactly("16.45");
        assertThat(direct.path("total").path("amount").asString()).isEqualTo("19.74");
        // the commission reseller's customer is billed by the provider at the provider's price
        JsonNode agentCustomer = only(invoices(t.commissionCustomer(), "BUYER"));
        assertThat(agentCustomer.path("issuerAccountId").asString()).isEqualTo(providerId());
        assertThat(amounts(agentCustomer)).containsExactly("16.45");
        // the commission reseller itself buys nothing, so it gets no invoice
        assertThat(invoices(t.commissionReseller(), "BUYER")).isEmpty();

        JsonNode again = run(LocalDate.of(2026, 3, 15));
        assertThat(again.path("progress").path("invoicesWritten").asInt()).as("idempotent: %s", again).isZero();

        // April: fees in advance, March usage in arrears (7 GB used by the customer: retail 0.20, wholesale 0.10)
        travelTo(LocalDate.of(2026, 3, 20));
        Api.Response usage = provider.post("/api/v1/usage", Map.of("records", List.of(Map.of("id", "u1",
                "subscriptionId", t.customerSubscription(), "resourceType", t.mail().metered(), "quantity", 7,
                "at", "2026-03-20T08:00:00Z"))));
        assertThat(usage.json().path("accepted").asInt()).as("%s", usage).isEqualTo(1);
        travelTo(LocalDate.of(2026, 4, 1));
        run(LocalDate.of(2026, 4, 1));
        JsonNode aprilWholesale = invoices(t.reseller(), "BUYER").get(0);
        assertThat(amounts(aprilWholesale)).containsExactlyInAnyOrder("100.00", "3.00", "0.70", "30.00");
        JsonNode aprilRetail = invoices(t.customer(), "BUYER").get(0);
        assertThat(amounts(aprilRetail)).containsExactlyInAnyOrder("5.00", "4.00", "1.40");
        assertThat(amounts(invoices(t.ownCustomer(), "BUYER").get(0))).containsExactly("30.00");

        // the reseller's margin in April: 10.40 retail against 103.70 wholesale (its own use is no cost of resale)
        Api.Response margin = provider.get("/api/v1/accounts/" + t.reseller() + "/margin?period=2026-04");
        assertThat(margin.status()).as("%s", margin).isEqualTo(200);
        JsonNode eur = margin.json().path("currencies").get(0);
        assertThat(eur.path("retail").path("amount").asString()).isEqualTo("10.40");
        assertThat(eur.path("wholesaleCost").path("amount").asString()).isEqualTo("103.70");
        assertThat(eur.path("margin").path("amount").asString()).isEqualTo("-93.30");

        // the commission statement for March: 10 % of 16.45
        Api.Response statements = provider.get("/api/v1/accounts/" + t.commissionReseller()
                + "/commission-statements");
        JsonNode statement = statements.json().path("items").get(0);
        assertThat(statement.path("periodStart").asString()).isEqualTo("2026-03-01");
        assertThat(statement.path("billed").path("amount").asString()).isEqualTo("16.45");
        assertThat(statement.path("commission").path("amount").asString()).isEqualTo("1.65");

        // 2026-04-11: the customer goes from 3 to 5 mailboxes, the direct customer cancels
        travelTo(LocalDate.of(2026, 4, 11));
        Api resellerAdmin = as(t.resellerAdmin(), PASSWORD);
        assertThat(resellerAdmin.post("/api/v1/subscriptions/" + t.customerSubscription() + "/change",
                Map.of("resources", List.of(Map.of("resourceType", t.mail().counted(), "quantity", 5))))
                .status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/subscriptions/" + t.ownSubscription() + "/cancel", Map.of())
                .status()).isEqualTo(200);
        Api.Response upcoming = provider.get("/api/v1/accounts/" + t.customer() + "/upcoming-invoice?asOf=2026-04-11");
        assertThat(upcoming.status()).as("%s", upcoming).isEqualTo(200);
        assertThat(amounts(upcoming.json().path("invoices").get(0))).containsExactlyInAnyOrder("-2.67", "5.33");
        run(LocalDate.of(2026, 4, 11));
        // the old 2 extra mailboxes credited for 20 of 30 days, the new 4 charged for them
        assertThat(amounts(invoices(t.customer(), "BUYER").get(0))).containsExactlyInAnyOrder("-2.67", "5.33");
        assertThat(amounts(invoices(t.reseller(), "BUYER").get(0))).containsExactlyInAnyOrder("-2.00", "3.33");
        JsonNode credit = invoices(t.ownCustomer(), "BUYER").get(0);
        assertThat(credit.path("kind").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(amounts(credit)).containsExactly("-20.00");
        assertThat(credit.path("total").path("amount").asString()).isEqualTo("-24.00");
        JsonNode idle = run(LocalDate.of(2026, 4, 11));
        assertThat(idle.path("progress").path("invoicesWritten").asInt()).as("%s", idle).isZero();
        assertThat(provider.get("/api/v1/accounts/" + t.customer() + "/upcoming-invoice?asOf=2026-04-11").json()
                .path("invoices")).as("nothing left to bill").isEmpty();
        // by default the preview is the next cycle day's run: May's fee and 4 extra mailboxes, April's usage (none)
        JsonNode may = provider.get("/api/v1/accounts/" + t.customer() + "/upcoming-invoice").json();
        assertThat(may.path("asOf").asString()).isEqualTo("2026-05-01");
        assertThat(amounts(may.path("invoices").get(0))).containsExactlyInAnyOrder("5.00", "8.00");

        // every issuer's numbers are gapless and sequential (the sequence runs on whatever the prefix)
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM (
                            SELECT issuer_id, count(*) AS n,
                                   max(CAST(right(number, 6) AS bigint)) - min(CAST(right(number, 6) AS bigint)) + 1
                                       AS span
                            FROM invoice GROUP BY issuer_id) s
                        WHERE n <> span""").query(Long.class).single()).as("issuers with gaps").isZero();
        assertThat(jdbc.sql("SELECT min(CAST(right(number, 6) AS bigint)) FROM invoice WHERE issuer_id = :id")
                .param("id", java.util.UUID.fromString(t.reseller())).query(Long.class).single()).isEqualTo(1L);
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.text("id");
    }

    private List<JsonNode> invoices(String accountId, String role) {
        Api.Response list = provider.get("/api/v1/accounts/" + accountId + "/invoices?role=" + role + "&limit=500");
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
