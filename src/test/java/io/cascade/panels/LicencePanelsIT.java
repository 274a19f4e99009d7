package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feature licences in the panels over plain HTTP (ADR 0038): what an account does not hold is absent from its
 * navigation, tabs and buttons, its address answers the panel's 403 page, the account page lists the licences, and the
 * vendor grants and revokes them there.
 */
class LicencePanelsIT extends IntegrationTest {
    @Value("${local.server.port}")
    private int port;

    @Test
    void whatIsNotLicensedIsAbsentFromThePanelAndTheVendorGrantsItOnTheAccountPage() {
        var reseller = AccountFixtures.reseller("Panel Licences").create(provider);
        String licences = "/api/v1/accounts/" + reseller.id() + "/licences/";
        for (String feature : new String[]{"SIM_MANAGEMENT", "RESELLER", "API_ACCESS", "WHITE_LABEL", "STOREFRONT"}) {
            assertThat(provider.delete(licences + feature).status()).isEqualTo(204);
        }
        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(reseller.adminEmail(), PASSWORD);
        PanelClient.Page own = panel.get("/panel/accounts/" + reseller.id());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain("/sims\"", "id=\"nav-new-reseller\"", "id=\"new-reseller-below\"",
                "id=\"nav-tokens\"", "id=\"brand-tab\"", "id=\"storefront-tab\"", "id=\"panel-hosts-link\"");
        assertThat(own.body()).contains("id=\"licence-OWN_PRODUCTS\"").doesNotContain("id=\"licence-SIM_MANAGEMENT\"")
                .doesNotContain("id=\"grant-licence\"");
        for (String path : new String[]{"/panel/accounts/" + reseller.id() + "/sims", "/panel/tokens",
                "/panel/accounts/new?type=RESELLER", "/panel/accounts/" + reseller.id() + "/brand",
                "/panel/accounts/" + reseller.id() + "/storefront",
                "/panel/accounts/" + reseller.id() + "/panel-hosts"}) {
            PanelClient.Page page = panel.get(path);
            assertThat(page.status()).as("%s", path).isEqualTo(403);
            assertThat(page.body()).as("%s", path).contains("licence does not include");
        }
        assertThat(panel.get("/panel/accounts/new?type=CUSTOMER").status()).isEqualTo(200);

        // the provider grants SIM management on the account page, and the SIMs come back
        PanelClient providerPanel = new PanelClient(port, randomAddress()).signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        PanelClient.Page page = providerPanel.get("/panel/accounts/" + reseller.id());
        assertThat(page.body()).contains("id=\"grant-licence\"");
        PanelClient.Page granted = providerPanel.post("/panel/accounts/" + reseller.id() + "/licences",
                Map.of("feature", "SIM_MANAGEMENT", "seats", "", "endsOn", "2031-01-31"));
        assertThat(granted.status()).as("%s", granted.body()).isEqualTo(302);
        PanelClient.Page after = panel.get("/panel/accounts/" + reseller.id());
        assertThat(after.body()).contains("/sims\"").contains("id=\"licence-SIM_MANAGEMENT\"").contains("2031-01-31");
        assertThat(panel.get("/panel/accounts/" + reseller.id() + "/sims").status()).isEqualTo(200);
        Api.Response licence = provider.get(licences + "SIM_MANAGEMENT");
        assertThat(licence.text("endsOn")).isEqualTo("2031-01-31");

        // a bad date is named; revoking from the page takes it away again
        providerPanel.get("/panel/accounts/" + reseller.id());
        PanelClient.Page bad = providerPanel.post("/panel/accounts/" + reseller.id() + "/licences",
                Map.of("feature", "SIM_MANAGEMENT", "seats", "", "endsOn", "soon"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("endsOn");
        providerPanel.get("/panel/accounts/" + reseller.id());
        assertThat(providerPanel.post("/panel/accounts/" + reseller.id() + "/licences/SIM_MANAGEMENT/revoke",
                Map.of()).status()).isEqualTo(302);
        assertThat(panel.get("/panel/accounts/" + reseller.id() + "/sims").status()).isEqualTo(403);
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?limit=50").body())
                .contains("licence.granted", "licence.revoked");
    }
}
