package io.cascade.panels;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.payments.internal.CollectionFilesTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cascade.payments.internal.CollectionFilesTest.xpath;
import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct debit in the panel (issue 17, ADR 0030), over plain HTTP: the issuer sets its creditor identifier and adds a
 * mandate through the forms (bad input answered at the fields), starts a run, downloads its pain.008 file, confirms it
 * and records a return, which opens the invoice again on the statement; the buyer sees and revokes its own mandate.
 */
class DirectDebitPanelsIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    @Value("${local.server.port}")
    private int port;

    @Test
    void theIssuerCollectsThroughThePanelAndTheBuyerRevokesItsMandate() throws Exception {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Panel Debit Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Panel Debit Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        run(AUGUST);
        JsonNode invoice = provider.get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        String number = invoice.path("number").asString();
        LocalDate due = LocalDate.parse(invoice.path("dueDate").asString());
        Api reseller = as(tree.resellerAdminEmail(), PASSWORD);
        assertThat(reseller.send("PUT", "/api/v1/accounts/" + tree.resellerId() + "/billing-settings",
                Map.of("payment", Map.of("accountHolder", "Panel Reseller", "iban", "DE02120300000000202051")),
                "application/json").status()).isEqualTo(200);

        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(tree.resellerAdminEmail(), PASSWORD);
        String page = "/panel/accounts/" + tree.resellerId() + "/direct-debit";
        assertThat(panel.get("/panel/accounts/" + tree.resellerId() + "/balances").body()).contains(page);
        String statement = "/panel/accounts/" + tree.resellerId() + "/buyers/" + tree.customerId() + "/statement";
        assertThat(panel.get(statement).body()).contains(page + "?buyerId=" + tree.customerId());
        assertThat(panel.get(page).text("creditor-id")).isEqualTo("Not set up.");

        PanelClient.Page badCreditor = panel.post(page + "/settings", Map.of("creditorId", "DE97ZZZ09999999999"));
        assertThat(badCreditor.status()).isEqualTo(422);
        assertThat(badCreditor.text("creditor-id-input-error")).contains("check digits");
        assertThat(panel.post(page + "/settings", Map.of("creditorId", "DE98ZZZ09999999999")).status())
                .isEqualTo(302);
        assertThat(panel.get(page).text("creditor-id")).isEqualTo("DE98ZZZ09999999999");

        Map<String, String> mandate = new HashMap<>(Map.of("buyerId", tree.customerId(), "reference", "PANEL-1",
                "signedOn", "2026-07-20", "debtorName", "Panel Customer", "iban", "DE89370400440532013001",
                "bic", ""));
        PanelClient.Page badMandate = panel.post("/panel/accounts/" + tree.resellerId() + "/mandates", mandate);
        assertThat(badMandate.status()).isEqualTo(422);
        assertThat(badMandate.text("mandate-iban-error")).contains("check digits");
        assertThat(panel.get(page).body()).contains("no-mandates");
        mandate.put("iban", "DE89 3704 0044 0532 0130 00");
        assertThat(panel.post("/panel/accounts/" + tree.resellerId() + "/mandates", mandate).status()).isEqualTo(302);
        assertThat(panel.get(page).text("mandate-PANEL-1")).contains("DE89370400440532013000", "FRST");

        PanelClient.Page started = panel.post("/panel/accounts/" + tree.resellerId() + "/collections",
                Map.of("collectionDate", due.toString()));
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        String run = started.location().replaceFirst("^https?://[^/]+", "");
        assertThat(run).startsWith("/panel/collections/");
        PanelClient.Page runPage = panel.get(run);
        assertThat(runPage.text("run-sum")).isEqualTo("1 items, 25.00 EUR");
        assertThat(runPage.text("item-" + number)).contains("PANEL-1", "FRST", "25.00");
        PanelClient.Page file = panel.get(run + "/file");
        assertThat(file.status()).isEqualTo(200);
        Document doc = CollectionFilesTest.valid(file.body());
        assertThat(xpath(doc, "//*[local-name()='EndToEndId']")).isEqualTo(number);

        travelTo(due);
        panel = new PanelClient(port, randomAddress()).signedIn(tree.resellerAdminEmail(), PASSWORD);
        assertThat(panel.get(run).body()).contains("confirm-run");
        assertThat(panel.post(run + "/confirm", Map.of()).location()).endsWith(run);
        runPage = panel.get(run);
        assertThat(runPage.body()).contains("payments recorded");
        assertThat(runPage.text("item-" + number)).contains("collected");
        assertThat(provider.get("/api/v1/invoices/" + invoice.path("id").asString()).json().path("status")
                .asString()).isEqualTo("PAID");

        String item = provider.get("/api/v1/collections/" + run.substring(run.lastIndexOf('/') + 1)).json()
                .path("items").get(0).path("id").asString();
        PanelClient.Page early = panel.post(run + "/items/" + item + "/return", Map.of("reason", "AM04",
                "returnedOn", due.minusDays(1).toString()));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("return-date-" + number + "-error")).contains("collection date");
        assertThat(panel.post(run + "/items/" + item + "/return", Map.of("reason", "AM04", "returnedOn", ""))
                .status()).isEqualTo(302);
        assertThat(panel.get(run).text("item-" + number)).contains("returned", "AM04 Insufficient funds");
        assertThat(provider.get("/api/v1/invoices/" + invoice.path("id").asString()).json().path("status")
                .asString()).isEqualTo("OPEN");
        assertThat(panel.get(statement).body()).contains("data-type=\"RETURN\"");

        // the buyer sees its own mandate (and the link from its statement) and revokes it
        PanelClient buyer = new PanelClient(port, randomAddress()).signedIn(tree.customerAdminEmail(), PASSWORD);
        String own = "/panel/accounts/" + tree.customerId() + "/mandates";
        assertThat(buyer.get("/panel/accounts/" + tree.customerId() + "/vendors/" + tree.resellerId() + "/statement")
                .body()).contains(own);
        assertThat(buyer.get(own).text("mandate-PANEL-1")).contains("active");
        assertThat(buyer.get(page).status()).as("the issuer's page is not the buyer's").isEqualTo(404);
        assertThat(buyer.get(run).status()).isEqualTo(404);
        String mandateId = provider.get("/api/v1/accounts/" + tree.customerId() + "/mandates?role=BUYER").json()
                .path("items").get(0).path("id").asString();
        assertThat(buyer.post("/panel/mandates/" + mandateId + "/revoke", Map.of("side", "buyer")).location())
                .endsWith(own);
        assertThat(buyer.get(own).text("mandate-PANEL-1")).contains("revoked");
        assertThat(List.of(panel.get(page).text("mandate-PANEL-1"))).allSatisfy(t -> assertThat(t).contains("revoked"));
    }
}
