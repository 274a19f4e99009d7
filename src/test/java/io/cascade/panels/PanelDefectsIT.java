package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The panel defects found from outside (issue 15), over plain HTTP: a payment recorded through the form, each table
 * once, names where ids and codes were shown, "Cancel now" only after a confirmation, usage above 999 %, a sign-in
 * chooser that tells accounts apart, the invoicing settings in the panel, and the vendor in "everything below".
 */
class PanelDefectsIT extends IntegrationTest {
    @Value("${local.server.port}")
    private int port;
    @Autowired
    private JdbcClient jdbc;

    private PanelClient panel() {
        return new PanelClient(port, randomAddress());
    }

    private PanelClient providerPanel() {
        return panel().signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    private String publishedMailPlan(CatalogFixtures.Service mail, String name) {
        String plan = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", name,
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("9"),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "3", null),
                        resource(mail.metered(), 1, null, "SOFT", null, "0.20"))));
        assertThat(provider.post("/api/v1/plans/" + plan + "/publish", null).status()).isEqualTo(200);
        return plan;
    }

    private String subscribe(String accountId, String planId) {
        Api.Response created = provider.post("/api/v1/accounts/" + accountId + "/subscriptions",
                Map.of("planId", planId));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void aPaymentIsRecordedThroughTheForm() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String plan = publishedMailPlan(mail, unique("Paid Mail"));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Paying Customer")).create(provider);
        subscribe(customer.id(), plan);
        runBilling();
        JsonNode invoice = provider.get("/api/v1/accounts/" + customer.id() + "/invoices?role=BUYER").json()
                .path("items").get(0);
        String invoiceId = invoice.path("id").asString();
        String total = invoice.path("total").path("amount").asString();

        PanelClient panel = providerPanel();
        assertThat(panel.get("/panel/invoices/" + invoiceId).status()).isEqualTo(200);
        PanelClient.Page refused = panel.post("/panel/invoices/" + invoiceId + "/payments",
                Map.of("amount", "ten", "paidOn", "", "reference", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("payment-amount-error")).isEqualTo("must be an amount, e.g. 19.90");
        assertThat(refused.body()).as("what was typed stays").contains("value=\"ten\"");

        PanelClient.Page paid = panel.post("/panel/invoices/" + invoiceId + "/payments",
                Map.of("amount", total, "paidOn", "", "reference", "Bank 42"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(302);
        JsonNode after = provider.get("/api/v1/invoices/" + invoiceId).json();
        assertThat(after.path("status").asString()).isEqualTo("PAID");
        assertThat(panel.get("/panel/invoices/" + invoiceId).body())
                .contains("Recorded the payment; 0.00 " + invoice.path("currency").asString() + " remain open.");
    }

    private void runBilling() {
        Api.Response started = await("a billing run starts").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> provider.post("/api/v1/billing/runs", Map.of()), r -> r.status() != 409);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        await("the run completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/billing/runs/" + started.text("id")).json()
                        .path("status").asString(), "COMPLETED"::equals);
    }

    @Test
    void everyTableIsShownOnce() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String plan = publishedMailPlan(mail, unique("Once Mail"));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Once Customer")).create(provider);
        subscribe(customer.id(), plan);
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Once Reseller")).create(provider);
        PanelClient panel = providerPanel();

        PanelClient.Page subscriptions = panel.get("/panel/accounts/" + customer.id() + "/subscriptions");
        assertThat(subscriptions.count("id=\"subscription-list\"")).as(subscriptions.body()).isEqualTo(1);
        assertThat(subscriptions.count("id=\"available-plans\"")).isEqualTo(1);

        PanelClient.Page myProvider = panel.get("/panel/accounts/" + reseller.id() + "/my-provider");
        assertThat(myProvider.count("id=\"available-plans\"")).as(myProvider.body()).isEqualTo(1);
        assertThat(myProvider.count("id=\"holding-list\"")).isEqualTo(1);

        PanelClient.Page form = panel.get("/panel/accounts/" + providerId() + "/plans/new");
        assertThat(form.count("id=\"plan-description\"")).isEqualTo(1);
    }

    @Test
    void namesAreShownWhereIdsAndCodesWere() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String planName = unique("Named Mail");
        String plan = publishedMailPlan(mail, planName);
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Named Customer")).create(provider);
        String subscription = subscribe(customer.id(), plan);
        PanelClient panel = providerPanel();

        assertThat(panel.get("/panel/plans/" + plan).text("plan-resources")).contains("Mailbox", "Storage");
        assertThat(panel.get("/panel/accounts/" + providerId() + "/plans").body())
                .contains("data-plan=\"" + planName + "\"");
        assertThat(panel.get("/panel/subscriptions/" + subscription).text("subscription-meters"))
                .contains("Mailbox", "Storage");
        assertThat(panel.get("/panel/accounts/" + customer.id() + "/subscriptions").text("subscription-list"))
                .contains("Mailbox");

        // a commission statement names its plans
        AccountFixtures.Created agent = AccountFixtures.reseller(unique("Named Agent")).create(provider);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("planId", plan);
        line.put("billed", "9.00");
        line.put("percent", "10");
        line.put("commission", "0.90");
        jdbc.sql("""
                        INSERT INTO commission_statement (id, reseller_id, reseller_path, vendor_id, period_start,
                                                          period_end, currency, billed, commission, lines, created_at)
                        SELECT :id, a.id, a.path, a.vendor_id, DATE '2026-01-01', DATE '2026-01-31', 'EUR', 9, 0.9,
                               CAST(:lines AS jsonb), now()
                        FROM account a WHERE a.id = :agent""")
                .param("id", UUID.randomUUID()).param("agent", UUID.fromString(agent.id()))
                .param("lines", Api.JSON.writeValueAsString(List.of(line))).update();
        PanelClient.Page statements = panel.get("/panel/accounts/" + agent.id() + "/commission-statements");
        assertThat(statements.status()).isEqualTo(200);
        assertThat(statements.body()).contains(">" + planName + "</a>")
                .doesNotContain(">" + plan.substring(0, 8) + "</a>");

        // SIM states read as words
        SimFixtures sims = SimFixtures.block();
        Api.Response imported = provider.send("POST", "/api/v1/accounts/" + providerId() + "/assets/import",
                sims.csv(0, 1), "text/csv");
        assertThat(imported.status()).as("%s", imported).isIn(200, 201);
        PanelClient.Page simList = panel.get("/panel/accounts/" + providerId() + "/sims?iccid=" + sims.iccid(0));
        assertThat(simList.text("sim-list")).contains("in stock").doesNotContain("in_stock");
        assertThat(simList.text("sim-state")).contains("in stock").doesNotContain("in_stock");
    }

    @Test
    void cancelNowAsksFirst() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String plan = publishedMailPlan(mail, unique("Kept Mail"));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Kept Customer")).create(provider);
        String subscription = subscribe(customer.id(), plan);
        PanelClient panel = providerPanel();
        panel.get("/panel/subscriptions/" + subscription);

        PanelClient.Page asked = panel.post("/panel/subscriptions/" + subscription + "/cancel",
                Map.of("when", "now"));
        if (asked.status() == 302) {
            asked = panel.get(asked.location().replaceFirst("^https?://[^/]+", ""));
        }
        assertThat(asked.body()).contains("id=\"confirm-cancel-now\"");
        assertThat(provider.get("/api/v1/subscriptions/" + subscription).text("status")).as("nothing changed yet")
                .isEqualTo("ACTIVE");

        PanelClient.Page done = panel.post("/panel/subscriptions/" + subscription + "/cancel",
                Map.of("when", "now", "confirmed", "true"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(provider.get("/api/v1/subscriptions/" + subscription).text("status")).isEqualTo("CANCELLED");
    }

    @Test
    void usageAboveNineHundredNinetyNinePercentIsShownAsItIs() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String plan = publishedMailPlan(mail, unique("Heavy Mail"));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Heavy Customer")).create(provider);
        String subscription = subscribe(customer.id(), plan);
        Instant at = Instant.now().minusSeconds(60);
        if (!LocalDate.ofInstant(at, ZoneOffset.UTC).equals(LocalDate.now(ZoneOffset.UTC))) {
            at = Instant.now();
        }
        assertThat(provider.post("/api/v1/usage", Map.of("records", List.of(Map.of("id", unique("heavy"),
                "subscriptionId", subscription, "resourceType", mail.metered(), "quantity", 25,
                "at", at.toString())))).status()).isEqualTo(200);

        PanelClient.Page page = providerPanel().get("/panel/subscriptions/" + subscription);
        assertThat(page.text("subscription-meters")).contains("25 / 1 included (2500 %)");
    }

    /** Issue 19: a metered resource stopped at its HARD limit says so, in words rather than a percentage of 2,500. */
    @Test
    void aResourceStoppedAtItsHardLimitSaysSo() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        String plan = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "9",
                List.of(resource(mail.counted(), 1, 10, "HARD", "3", null),
                        resource(mail.metered(), 0, 20, "HARD", null, "0.20")));
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Stopped Customer")).create(provider);
        String subscription = subscribe(customer.id(), plan);
        assertThat(provider.post("/api/v1/usage", Map.of("records", List.of(Map.of("id", unique("big"),
                "subscriptionId", subscription, "resourceType", mail.metered(), "quantity", 500,
                "at", Instant.now().minusSeconds(30).toString())))).status()).isEqualTo(200);

        String meters = providerPanel().get("/panel/subscriptions/" + subscription).text("subscription-meters");
        assertThat(meters).contains("500 / 0 included", "hard limit reached", "stopped at hard limit since")
                .doesNotContain("2500 %", "999");
    }

    @Test
    void theSignInChooserTellsAccountsApart() {
        String email = unique("twin") + "@twins.test";
        String name = unique("Twin Company");
        String resellerName = unique("Twin Reseller");
        AccountFixtures.Created reseller = AccountFixtures.reseller(resellerName).create(provider);
        String direct = AccountFixtures.customer(name).adminEmail(email).create(provider).id();
        String below = AccountFixtures.customer(name).under(reseller.id()).adminEmail(email).create(provider).id();

        PanelClient.Page chooser = panel().signIn(email, PASSWORD, null);
        String first = chooser.text("account-choice-" + direct);
        String second = chooser.text("account-choice-" + below);
        assertThat(first).isNotEqualTo(second).contains(name, "Cascade Provider");
        assertThat(second).contains(name, resellerName);
    }

    @Test
    void theInvoicingSettingsAreSetInThePanel() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Invoicing Reseller")).create(provider);
        String settings = "/api/v1/accounts/" + reseller.id() + "/billing-settings";
        JsonNode before = provider.get(settings).json();
        PanelClient panel = providerPanel();
        String page = "/panel/accounts/" + reseller.id() + "/billing-settings";
        assertThat(panel.get("/panel/accounts/" + reseller.id() + "/invoices").body()).contains(page);
        assertThat(panel.get(page).status()).isEqualTo(200);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("numberPrefix", "R #");
        bad.put("paymentTermDays", "400");
        bad.put("taxRates[0].country", "");
        bad.put("taxRates[0].rate", "19");
        bad.put("taxRates[1].country", "at");
        bad.put("taxRates[1].rate", "120");
        PanelClient.Page refused = panel.post(page, bad);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("numberPrefix-error")).contains("may contain letters, digits");
        assertThat(refused.text("paymentTermDays-error")).isNotBlank();
        assertThat(refused.text("tax-country-1-error")).contains("ISO 3166");
        assertThat(refused.text("tax-rate-1-error")).isNotBlank();
        assertThat(refused.body()).as("what was typed stays").contains("value=\"R #\"");
        assertThat(provider.get(settings).json()).as("nothing changed").isEqualTo(before);

        Map<String, String> good = new LinkedHashMap<>();
        good.put("numberPrefix", "RS-{YYYY}-");
        good.put("paymentTermDays", "30");
        good.put("taxRates[0].country", "");
        good.put("taxRates[0].rate", "19");
        good.put("taxRates[1].country", "AT");
        good.put("taxRates[1].rate", "20");
        good.put("taxRates[2].country", "");
        good.put("taxRates[2].rate", "");
        good.put("payment.accountHolder", "Invoicing Reseller GmbH");
        good.put("payment.iban", "DE89 3704 0044 0532 0130 01");
        good.put("payment.bic", "");
        good.put("payment.method.BANK_TRANSFER", "on");
        PanelClient.Page badIban = panel.post(page, good);
        assertThat(badIban.status()).as(badIban.body()).isEqualTo(422);
        assertThat(badIban.text("payment.iban-error")).contains("check digits");
        good.put("payment.iban", "DE89 3704 0044 0532 0130 00");
        good.put("payment.bic", "DEUTDEFF");
        PanelClient.Page saved = panel.post(page, good);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode after = provider.get(settings).json();
        assertThat(after.path("numberPrefix").asString()).isEqualTo("RS-{YYYY}-");
        assertThat(after.path("paymentTermDays").asInt()).isEqualTo(30);
        assertThat(after.path("taxRates")).hasSize(2);
        assertThat(after.path("payment").path("iban").asString()).isEqualTo("DE89370400440532013000");
        assertThat(after.path("payment").path("bic").asString()).isEqualTo("DEUTDEFF");
        assertThat(after.path("payment").path("acceptedMethods").toString()).isEqualTo("[\"BANK_TRANSFER\"]");
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=billing.settings-changed")
                .json().path("items")).isNotEmpty();
        assertThat(panel.get(page).body()).contains("value=\"RS-{YYYY}-\"", "value=\"AT\"");
    }

    /** A tax id with an EU VAT prefix that is not that state's VAT id is a field error in the account form. */
    @Test
    void theAccountFormSaysWhatAVatIdLooksLike() {
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Vat Customer")).with("billable", true)
                .create(provider);
        PanelClient panel = providerPanel();
        String page = "/panel/accounts/" + customer.id() + "/edit";
        assertThat(panel.get(page).status()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("companyName", "Vat Customer GmbH");
        form.put("billable", "true");
        form.put("customerNumber", provider.get("/api/v1/accounts/" + customer.id()).json().path("customerNumber")
                .asString());
        form.put("currency", "EUR");
        form.put("billCycleDay", "1");
        form.put("locale", "de-DE");
        form.put("timeZone", "Europe/Berlin");
        form.put("taxId", "DE12345");
        PanelClient.Page refused = panel.post(page, form);
        assertThat(refused.status()).as(refused.location() + refused.body()).isEqualTo(422);
        assertThat(refused.text("taxId-error")).contains("is not a valid DE VAT id: DE followed by 9 digits");
        form.put("taxId", "DE123456789");
        PanelClient.Page saved = panel.post(page, form);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(provider.get("/api/v1/accounts/" + customer.id()).json().path("taxId").asString())
                .isEqualTo("DE123456789");
    }

    @Test
    void everythingBelowShowsEachAccountsVendor() {
        String resellerName = unique("Top Reseller");
        AccountFixtures.Created top = AccountFixtures.reseller(resellerName).create(provider);
        String subName = unique("Sub Reseller");
        AccountFixtures.Created sub = AccountFixtures.reseller(subName).under(top.id()).create(provider);
        String customer = AccountFixtures.customer(unique("Deep Customer")).under(sub.id()).create(provider).id();

        PanelClient.Page page = providerPanel().get("/panel/accounts?under=" + top.id() + "&scope=subtree");
        assertThat(page.text("account-list")).contains("Vendor");
        assertThat(page.text("vendor-of-" + customer)).isEqualTo(subName);
        assertThat(page.text("vendor-of-" + sub.id())).isEqualTo(resellerName);
    }
}
