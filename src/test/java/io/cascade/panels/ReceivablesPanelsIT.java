package io.cascade.panels;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.time.LocalDate;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receivables in the panel (issue 17), over plain HTTP: a reseller's ageing with its bucket totals and chart, its MRR
 * per month with the movements and chart, both CSVs, reached from its balances; a customer of it gets 404.
 */
class ReceivablesPanelsIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    @Value("${local.server.port}")
    private int port;

    @Test
    void theResellerSeesItsAgeingAndMrrWithChartsAndCsv() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Panel Ageing Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Panel Ageing Customer")).with("billable", true))
                .ordering(mail.counted(), 3).build();
        run(AUGUST);
        travelTo(AUGUST.plusMonths(1));
        run(AUGUST.plusMonths(1));

        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(tree.resellerAdminEmail(), PASSWORD);
        String base = "/panel/accounts/" + tree.resellerId();
        assertThat(panel.get(base + "/balances").body()).contains(base + "/receivables");
        PanelClient.Page page = panel.get(base + "/receivables");
        assertThat(page.status()).isEqualTo(200);
        // on 1 September: September's invoice is not due yet, August's (due 15 August) is 17 days past due
        assertThat(page.text("ageing-totals-EUR")).isEqualTo("Total 25.00 25.00 0.00 0.00 0.00 50.00 EUR");
        assertThat(page.body()).contains("id=\"chart-ageing-0\"", "id=\"chart-mrr-0\"", "<svg");
        assertThat(page.text("mrr-EUR-2026-08")).isEqualTo("2026-08 25.00 EUR 25.00 0.00 0.00 0.00 1");
        assertThat(page.text("mrr-EUR-2026-09")).isEqualTo("2026-09 25.00 EUR 0.00 0.00 0.00 0.00 1");

        PanelClient.Page ageingCsv = panel.get(base + "/receivables/ageing.csv?asOf=2026-09-01");
        assertThat(ageingCsv.status()).isEqualTo(200);
        assertThat(ageingCsv.body()).startsWith("currency,buyerId,buyer,current,")
                .contains("EUR,,TOTAL,25.00,25.00,0.00,0.00,0.00,50.00");
        PanelClient.Page mrrCsv = panel.get(base + "/receivables/mrr.csv");
        assertThat(mrrCsv.status()).isEqualTo(200);
        assertThat(mrrCsv.body()).contains("EUR,2026-08,25.00,25.00,0.00,0.00,0.00,1");

        PanelClient customer = new PanelClient(port, randomAddress()).signedIn(tree.customerAdminEmail(), PASSWORD);
        assertThat(customer.get(base + "/receivables").status()).isEqualTo(404);
        assertThat(customer.get(base + "/receivables/ageing.csv").status()).isEqualTo(404);
    }
}
