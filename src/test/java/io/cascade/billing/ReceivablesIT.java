package io.cascade.billing;

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
 * Receivables (issue 17): the ageing of an issuer's open invoices in buckets of days past due, and a vendor's MRR with
 * its movement per month, as JSON and CSV, within the caller's subtree only. Every test ends with the reconciliation
 * of {@link BillingIntegrationTest}.
 */
class ReceivablesIT extends BillingIntegrationTest {
    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private io.cascade.billing.api.BillingReports reports;

    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    /** A prepaid reseller that invoices its billable customer 25.00 a month (20.00 and 2 extra units at 2.50). */
    private Tree resellerInvoicingItsCustomer() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        return TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Ageing Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Ageing Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
    }

    private void assertRevenueAsInvoiced(String... accountIds) {
        String providerPath = jdbc.sql("SELECT path FROM account WHERE type = 'PROVIDER'").query(String.class).single();
        var platform = io.cascade.shared.Caller.system(java.util.UUID.fromString(providerId()), providerPath, "test");
        for (String accountId : accountIds) {
            String path = jdbc.sql("SELECT path FROM account WHERE id = ?").param(java.util.UUID.fromString(accountId))
                    .query(String.class).single();
            var revenue = reports.revenue(platform, java.util.UUID.fromString(accountId), 6);
            Map<String, String> kept = new java.util.TreeMap<>();
            revenue.tiers().forEach(t -> {
                for (int i = 0; i < revenue.months().size(); i++) {
                    if (t.billed().get(i).amount().signum() != 0) {
                        kept.put(t.level() + " " + t.currency() + " " + revenue.months().get(i),
                                t.billed().get(i).amount().toPlainString());
                    }
                }
            });
            Map<String, String> summed = new java.util.TreeMap<>();
            jdbc.sql("""
                            SELECT a.level || ' ' || i.currency || ' ' || to_char(i.issue_date, 'YYYY-MM') AS k,
                                   sum(i.subtotal) AS billed
                            FROM invoice i JOIN account a ON a.id = i.issuer_id
                            WHERE i.issuer_path >= ? AND i.issuer_path < ? AND i.issue_date >= DATE '2026-07-01'
                              AND i.issue_date < DATE '2027-01-01'
                            GROUP BY 1 HAVING sum(i.subtotal) <> 0""")
                    .param(path).param(path + "~")
                    .query((rs, n) -> summed.put(rs.getString("k"),
                            rs.getBigDecimal("billed").setScale(2).toPlainString())).list();
            assertThat(kept).as("revenue below %s", accountId).isEqualTo(summed).isNotEmpty();
        }
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

    private static List<String> buckets(JsonNode buckets) {
        return List.of(amount(buckets, "current"), amount(buckets, "days1To30"), amount(buckets, "days31To60"),
                amount(buckets, "days61To90"), amount(buckets, "over90"), amount(buckets, "total"));
    }

    @Test
    void openInvoicesAreAgedByDaysPastDueAfterPaymentsAndWriteOffs() {
        Tree tree = resellerInvoicingItsCustomer();
        for (int m = 0; m < 5; m++) {
            travelTo(AUGUST.plusMonths(m));
            run(AUGUST.plusMonths(m));
        }
        // five invoices of 25.00 issued on the 1st of August to December, due on the 15th
        List<JsonNode> invoices = invoicesOf(tree.customerId());
        assertThat(invoices).hasSize(5);
        assertThat(invoices).allSatisfy(i -> assertThat(amount(i, "amountDue")).isEqualTo("25.00"));
        String august = invoices.get(0).path("id").asString();
        String september = invoices.get(1).path("id").asString();
        String november = invoices.get(3).path("id").asString();
        assertThat(provider.post("/api/v1/invoices/" + august + "/write-off", Map.of("reason", "Gone")).status())
                .isEqualTo(200);
        assertThat(provider.post("/api/v1/invoices/" + september + "/payments",
                Map.of("amount", CatalogFixtures.money("10.00"))).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/invoices/" + november + "/payments",
                Map.of("amount", CatalogFixtures.money("25.00"))).status()).isEqualTo(200);

        // as of 10 December: December's is not due yet, November's (25 days) is paid, October's is 56 days past due,
        // September's 86 days with 15.00 left, August's (117 days) written off
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        String path = "/api/v1/accounts/" + tree.resellerId() + "/receivables/ageing";
        Api.Response ageing = reseller.get(path + "?asOf=2026-12-10");
        assertThat(ageing.status()).as("%s", ageing).isEqualTo(200);
        assertThat(ageing.text("asOf")).isEqualTo("2026-12-10");
        JsonNode eur = ageing.json().path("currencies").get(0);
        assertThat(ageing.json().path("currencies")).hasSize(1);
        assertThat(eur.path("currency").asString()).isEqualTo("EUR");
        assertThat(buckets(eur.path("totals"))).containsExactly("25.00", "0.00", "25.00", "15.00", "0.00", "65.00");
        assertThat(eur.path("buyers")).hasSize(1);
        assertThat(eur.path("buyers").get(0).path("buyerId").asString()).isEqualTo(tree.customerId());
        assertThat(buckets(eur.path("buyers").get(0).path("buckets")))
                .containsExactly("25.00", "0.00", "25.00", "15.00", "0.00", "65.00");

        // as of 20 November: December's invoice is not issued yet; October's is 36 days, September's 66 days past due
        JsonNode november20 = reseller.get(path + "?asOf=2026-11-20").json().path("currencies").get(0);
        assertThat(buckets(november20.path("totals")))
                .containsExactly("0.00", "0.00", "25.00", "15.00", "0.00", "40.00");
        // by default as of today (1 December): December's is current, October's 47 days, September's 77 days
        JsonNode today = reseller.get(path).json();
        assertThat(today.path("asOf").asString()).isEqualTo("2026-12-01");
        assertThat(buckets(today.path("currencies").get(0).path("totals")))
                .containsExactly("25.00", "0.00", "25.00", "15.00", "0.00", "65.00");

        // the edges of the buckets: 0 days is current, 30 days 1-30, 60 days 31-60, 90 days 61-90, 91 over 90
        assertThat(buckets(reseller.get(path + "?asOf=2026-11-14").json().path("currencies").get(0).path("totals")))
                .as("October's 30 days, September's 60 days").containsExactly("0.00", "25.00", "15.00", "0.00",
                        "0.00", "40.00");
        assertThat(buckets(reseller.get(path + "?asOf=2026-12-14").json().path("currencies").get(0).path("totals")))
                .as("October's 60 days, September's 90 days").containsExactly("25.00", "0.00", "25.00", "15.00",
                        "0.00", "65.00");
        assertThat(buckets(reseller.get(path + "?asOf=2026-12-15").json().path("currencies").get(0).path("totals")))
                .as("December's 0 days, October's 61 days, September's 91 days").containsExactly("25.00", "0.00",
                        "0.00", "25.00", "15.00", "65.00");

        Api.Response csv = reseller.withHeader("Accept", "text/csv").get(path + "?asOf=2026-12-10");
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String customerName = provider.get("/api/v1/accounts/" + tree.customerId()).text("companyName");
        assertThat(csv.body().lines().toList()).containsExactly(
                "currency,buyerId,buyer,current,days1To30,days31To60,days61To90,over90,total",
                "EUR," + tree.customerId() + "," + customerName + ",25.00,0.00,25.00,15.00,0.00,65.00",
                "EUR,,TOTAL,25.00,0.00,25.00,15.00,0.00,65.00");

        Api.Response badDay = reseller.get(path + "?asOf=2026-13-01");
        assertThat(badDay.status()).as("%s", badDay).isEqualTo(422);
        assertThat(badDay.json().path("errors").get(0).path("field").asString()).isEqualTo("asOf");

        // the dashboard's revenue per tier and month is read from the revenue kept as invoices are written
        // (ADR 0044): the same sums as the invoices of the subtree's issuers, for the reseller and the provider,
        // before and after the deltas of each statement are folded into one row per key
        assertRevenueAsInvoiced(tree.resellerId(), providerId());
        io.cascade.billing.internal.RevenueFold.fold(jdbc); // (the minutely job may have folded some already)
        assertThat(jdbc.sql("SELECT count(*) FROM invoice_revenue WHERE NOT folded").query(Long.class).single())
                .isZero();
        assertRevenueAsInvoiced(tree.resellerId(), providerId());

        // the customer sees neither its vendor's receivables nor anything of the reseller's reports
        Api customer = as(tree.customerAdminEmail(), PASSWORD);
        assertThat(customer.get(path).status()).isEqualTo(404);
        assertThat(customer.get("/api/v1/accounts/" + tree.resellerId() + "/reports/mrr").status()).isEqualTo(404);
    }

    @Test
    void mrrMovesByNewExpandedContractedAndCancelledSubscriptions() {
        // August: A (3 units: 25.00) and B (5 units: 30.00) are new
        Tree tree = resellerInvoicingItsCustomer();
        String counted = tree.mail().counted();
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        AccountFixtures.Created second = AccountFixtures.customer(unique("Ageing Second")).with("billable", true)
                .create(reseller);
        String b = subscribe(reseller, second.id(), tree.planId(), counted, 5);

        // September: A grows to 5 units (30.00, +5.00); C (1 unit: 20.00) and D (yearly, 11.00) are new
        travelTo(AUGUST.plusMonths(1));
        changeQuantity(tree.subscriptionId(), counted, 5);
        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        AccountFixtures.Created third = AccountFixtures.customer(unique("Ageing Third")).with("billable", true)
                .create(reseller);
        String c = subscribe(reseller, third.id(), tree.planId(), counted, 1);
        // and D on a yearly plan of 126.00 with 2 units above the included at 3.00 a year: 132.00 ÷ 12 = 11.00
        String yearly = CatalogFixtures.draftPlan(reseller, tree.resellerId(), Map.of("name", unique("Yearly Mail"),
                "audience", "END_CUSTOMER", "billingPeriod", "YEARLY", "recurringFee", CatalogFixtures.money("126.00"),
                "resources", List.of(resource(counted, 1, 10, "HARD", "3.00", null))));
        assertThat(reseller.post("/api/v1/plans/" + yearly + "/publish", null).status()).isEqualTo(200);
        AccountFixtures.Created fourth = AccountFixtures.customer(unique("Ageing Fourth")).with("billable", true)
                .create(reseller);
        subscribe(reseller, fourth.id(), yearly, counted, 3);

        // October: B shrinks to 2 units (22.50, −7.50)
        travelTo(AUGUST.plusMonths(2));
        changeQuantity(b, counted, 2);

        // November: C is cancelled (−20.00)
        travelTo(AUGUST.plusMonths(3));
        Api.Response cancelled = provider.post("/api/v1/subscriptions/" + c + "/cancel",
                Map.of("effectiveDate", AUGUST.plusMonths(3).toString()));
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);

        reseller = as(tree.resellerAdminEmail(), PASSWORD);
        String path = "/api/v1/accounts/" + tree.resellerId() + "/reports/mrr?from=2026-07&to=2026-11";
        Api.Response report = reseller.get(path);
        assertThat(report.status()).as("%s", report).isEqualTo(200);
        assertThat(report.json().path("currencies")).hasSize(1);
        JsonNode eur = report.json().path("currencies").get(0);
        assertThat(amount(eur, "opening")).isEqualTo("0.00");
        List<String> rows = new ArrayList<>();
        eur.path("months").forEach(m -> rows.add(String.join(" ", m.path("month").asString(), amount(m, "mrr"),
                amount(m, "newMrr"), amount(m, "expansion"), amount(m, "contraction"), amount(m, "churn"),
                m.path("subscriptions").asString())));
        assertThat(rows).containsExactly(
                "2026-07 0.00 0.00 0.00 0.00 0.00 0",
                "2026-08 55.00 55.00 0.00 0.00 0.00 2",
                "2026-09 91.00 31.00 5.00 0.00 0.00 4",
                "2026-10 83.50 0.00 0.00 7.50 0.00 4",
                "2026-11 63.50 0.00 0.00 0.00 20.00 3");

        Api.Response csv = reseller.withHeader("Accept", "text/csv").get(path);
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.body().lines().toList()).containsExactly(
                "currency,month,mrr,new,expansion,contraction,churn,subscriptions",
                "EUR,2026-07,0.00,0.00,0.00,0.00,0.00,0",
                "EUR,2026-08,55.00,55.00,0.00,0.00,0.00,2",
                "EUR,2026-09,91.00,31.00,5.00,0.00,0.00,4",
                "EUR,2026-10,83.50,0.00,0.00,7.50,0.00,4",
                "EUR,2026-11,63.50,0.00,0.00,0.00,20.00,3");

        // by default the last 12 months up to the current one; the reseller's holding is its vendor's MRR, not its own
        JsonNode byDefault = reseller.get("/api/v1/accounts/" + tree.resellerId() + "/reports/mrr").json();
        assertThat(byDefault.path("months")).hasSize(12);
        assertThat(byDefault.path("months").get(11).asString()).isEqualTo("2026-11");
        Api.Response future = reseller.get("/api/v1/accounts/" + tree.resellerId() + "/reports/mrr?to=2026-12");
        assertThat(future.status()).as("%s", future).isEqualTo(422);
        Api.Response reversed = reseller.get("/api/v1/accounts/" + tree.resellerId()
                + "/reports/mrr?from=2026-10&to=2026-09");
        assertThat(reversed.status()).as("%s", reversed).isEqualTo(422);

        // a customer cannot read its sibling's reports: outside its subtree
        Api thirdAdmin = as(third.adminEmail(), PASSWORD);
        assertThat(thirdAdmin.get("/api/v1/accounts/" + second.id() + "/reports/mrr").status()).isEqualTo(404);
        assertThat(thirdAdmin.get("/api/v1/accounts/" + second.id() + "/receivables/ageing").status())
                .isEqualTo(404);
    }

    private String subscribe(Api api, String accountId, String planId, String resourceType, int quantity) {
        Api.Response created = api.post("/api/v1/accounts/" + accountId + "/subscriptions", Map.of("planId", planId,
                "resources", List.of(Map.of("resourceType", resourceType, "quantity", quantity))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    private void changeQuantity(String subscriptionId, String resourceType, int quantity) {
        Api.Response changed = provider.post("/api/v1/subscriptions/" + subscriptionId + "/change",
                Map.of("resources", List.of(Map.of("resourceType", resourceType, "quantity", quantity))));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
    }
}
