package io.cascade.billing;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documents and the life of an issued invoice: a real PDF with the issuer's profile and signature and the
 * totals, CSV, the formats an issuer's profile offers, payments up to PAID, credit notes, and an issued invoice that
 * the database refuses to change.
 */
class InvoiceDocumentsIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private org.springframework.core.env.Environment environment;

    private String lastCustomerAdmin;
    private String lastCustomerId;

    private AccountFixtures customer(String country, String taxId) {
        var customer = AccountFixtures.customer(unique("Docs Customer")).with("billable", true)
                .with("address", Map.of("street", "Ring 2", "city", "Wien", "postalCode", "1010", "country", country));
        return taxId == null ? customer : customer.with("taxId", taxId);
    }

    /** A reseller with the given customer invoice format, its billable customer billed once; the invoice. */
    private JsonNode invoiceOfResellerWithFormat(String format) {
        return invoiceOfResellerWithFormat(format, "DE", null);
    }

    /** The same for a customer in the given country with the given tax id (null: none). */
    private JsonNode invoiceOfResellerWithFormat(String format, String customerCountry, String customerTaxId) {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Docs Reseller")).with("billCycleDay", 1)
                        .with("address", Map.of("street", "Hauptstrasse 1", "city", "Berlin", "postalCode", "10115",
                                "country", "DE"))
                        .with("taxId", "DE123456789")
                        .with("signatures", Map.of("billing", "Accounts Receivable, Docs Reseller GmbH"))
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", format, "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(customer(customerCountry, customerTaxId))
                .ordering(mail.counted(), 3).build();
        assertThat(tree.reseller().send("PUT", "/api/v1/accounts/" + tree.resellerId() + "/billing-settings",
                Map.of("numberPrefix", "DR-{YYYY}-", "paymentTermDays", 30, "taxRates",
                        List.of(Map.of("rate", "19"))), "application/json").status()).isEqualTo(200);
        run(AUGUST);
        lastCustomerAdmin = tree.customerAdminEmail();
        lastCustomerId = tree.customerId();
        Api.Response list = provider.get("/api/v1/accounts/" + tree.customerId() + "/invoices");
        assertThat(list.json().path("items").size()).as("%s", list).isEqualTo(1);
        return list.json().path("items").get(0);
    }

    @Test
    void aPdfShowsTheIssuerTheBuyerTheLinesAndTheTotals() throws IOException {
        JsonNode invoice = invoiceOfResellerWithFormat("BOTH");
        // 20.00 fee + 2 extra mailboxes x 2.50 = 25.00, 19 % tax 4.75, total 29.75; due in 30 days
        assertThat(invoice.path("total").path("amount").asString()).isEqualTo("29.75");
        assertThat(invoice.path("dueDate").asString()).isEqualTo("2026-08-31");
        assertThat(invoice.path("number").asString()).isEqualTo("DR-2026-000001");
        HttpResponse<byte[]> pdf = raw("/api/v1/invoices/" + invoice.path("id").asString() + "/pdf",
                "application/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("DR-2026-000001", "Docs Reseller", "Hauptstrasse 1", "DE123456789",
                    "Docs Customer", "2026-08-31", "25.00 EUR", "4.75 EUR", "29.75 EUR",
                    "Accounts Receivable, Docs Reseller GmbH");
        }
        HttpResponse<byte[]> csv = raw("/api/v1/invoices/" + invoice.path("id").asString(), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String body = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).startsWith("number,kind,issueDate,dueDate,currency,position,description");
        assertThat(body).contains(",TOTAL,", ",29.75,");
        assertThat(body.lines()).hasSize(1 + 2 + 3);
    }

    /**
     * docs/billing.md "Tax": a German reseller invoices an Austrian business with its VAT id by reverse charge — 0 %,
     * the legal note and the VAT id in the API, the PDF and the CSV, and on a credit note against it; a later change of
     * the buyer's tax id changes no issued invoice; a consumer in Austria pays the reseller's rate.
     */
    @Test
    void aBusinessInAnotherMemberStateIsInvoicedByReverseCharge() throws IOException {
        JsonNode invoice = invoiceOfResellerWithFormat("BOTH", "AT", "ATU12345678");
        String id = invoice.path("id").asString();
        String note = "Reverse charge: VAT to be accounted for by the recipient, Article 196 of Council Directive "
                + "2006/112/EC";
        assertThat(invoice.path("tax").path("amount").asString()).isEqualTo("0.00");
        assertThat(invoice.path("total").path("amount").asString()).isEqualTo("25.00");
        assertThat(invoice.path("lines").get(0).path("taxRate").asString()).isEqualTo("0");
        assertThat(invoice.path("buyerVatId").asString()).isEqualTo("ATU12345678");
        assertThat(invoice.path("taxNote").asString()).isEqualTo(note);
        // the preview of the next invoice says so before it is issued
        JsonNode next = provider.get("/api/v1/accounts/" + lastCustomerId + "/upcoming-invoice").json()
                .path("invoices").get(0);
        assertThat(next.path("tax").path("amount").asString()).isEqualTo("0.00");
        assertThat(next.path("buyerVatId").asString()).isEqualTo("ATU12345678");
        assertThat(next.path("taxNote").asString()).isEqualTo(note);
        try (PDDocument document = Loader.loadPDF(raw("/api/v1/invoices/" + id + "/pdf", "application/pdf").body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("VAT id: ATU12345678", "0.00 (0%)", "25.00 EUR", note);
        }
        String csv = new String(raw("/api/v1/invoices/" + id, "text/csv").body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains(",TAX,", ",0.00\r\n", "NOTE: " + note + ". Buyer's VAT id: ATU12345678");

        // a credit note against it is the same supply: the note and the VAT id as issued
        Api.Response credit = provider.post("/api/v1/invoices/" + id + "/credit-notes", Map.of("reason", "Refund"));
        assertThat(credit.status()).as("%s", credit).isEqualTo(201);
        assertThat(credit.json().path("tax").path("amount").asString()).isEqualTo("0.00");
        assertThat(credit.json().path("taxNote").asString()).isEqualTo(note);
        assertThat(credit.json().path("buyerVatId").asString()).isEqualTo("ATU12345678");

        // a malformed VAT id is a clear field error, and a valid new one changes no issued invoice
        Api.Response bad = provider.patch("/api/v1/accounts/" + lastCustomerId, Map.of("taxId", "ATU123"));
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(bad.toString()).contains("taxId", "AT followed by U and 8 digits");
        Api.Response changed = provider.patch("/api/v1/accounts/" + lastCustomerId, Map.of("taxId", "ATU87654321"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        JsonNode again = provider.get("/api/v1/invoices/" + id).json();
        assertThat(again.path("buyerVatId").asString()).isEqualTo("ATU12345678");
        assertThatThrownBy(() -> jdbc.sql("UPDATE invoice SET buyer_vat_id = 'ATU87654321' WHERE id = :id")
                .param("id", UUID.fromString(id)).update()).hasMessageContaining("cannot be changed");

        // a consumer in Austria (no VAT id): the reseller's rate, no note
        JsonNode consumer = invoiceOfResellerWithFormat("BOTH", "AT", null);
        assertThat(consumer.path("tax").path("amount").asString()).isEqualTo("4.75");
        assertThat(consumer.path("taxNote").isNull() || consumer.path("taxNote").isMissingNode()).isTrue();
        JsonNode consumerNext = provider.get("/api/v1/accounts/" + lastCustomerId + "/upcoming-invoice").json()
                .path("invoices").get(0);
        assertThat(consumerNext.path("tax").path("amount").asString()).isEqualTo("4.75");
        assertThat(consumerNext.path("taxNote").isNull() || consumerNext.path("taxNote").isMissingNode()).isTrue();
    }

    /** An issuer's bank account and accepted methods: checked with iban4j, audited, and on its invoices. */
    @Test
    void theIssuersPaymentSettingsAreOnItsInvoices() throws IOException {
        JsonNode invoice = invoiceOfResellerWithFormat("BOTH");
        String settings = "/api/v1/accounts/" + invoice.path("issuerAccountId").asString() + "/billing-settings";
        Api.Response bad = provider.send("PUT", settings, Map.of("payment", Map.of("accountHolder", "Docs Reseller GmbH",
                "iban", "DE89370400440532013001", "bic", "DEUT", "acceptedMethods", List.of("BANK_TRANSFER"))),
                "application/json");
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(bad.toString()).contains("payment.iban", "check digits", "payment.bic", "is not a BIC");
        Api.Response noMethod = provider.send("PUT", settings, Map.of("payment", Map.of("acceptedMethods",
                List.of("BITCOIN"))), "application/json");
        assertThat(noMethod.status()).as("%s", noMethod).isIn(400, 422);

        Api.Response ok = provider.send("PUT", settings, Map.of("payment", Map.of("accountHolder", "Docs Reseller GmbH",
                "iban", "de89 3704 0044 0532 0130 00", "bic", "DEUTDEFF", "acceptedMethods",
                List.of("DIRECT_DEBIT", "BANK_TRANSFER"))), "application/json");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().path("payment").path("iban").asString()).isEqualTo("DE89370400440532013000");
        assertThat(ok.json().path("taxRates")).as("left as they were").hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'billing.settings-changed' "
                + "AND after::text LIKE '%DE89370400440532013000%'").query(Long.class).single()).isEqualTo(1);

        String id = invoice.path("id").asString();
        try (PDDocument document = Loader.loadPDF(raw("/api/v1/invoices/" + id + "/pdf", "application/pdf").body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Docs Reseller GmbH, IBAN DE89370400440532013000, BIC DEUTDEFF",
                    "Accepted payment methods: bank transfer, direct debit");
        }
        String csv = new String(raw("/api/v1/invoices/" + id, "text/csv").body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("PAY TO: Docs Reseller GmbH, IBAN DE89370400440532013000, BIC DEUTDEFF",
                "ACCEPTED: BANK_TRANSFER DIRECT_DEBIT");
    }

    @Test
    void theIssuersProfileDecidesTheFormats() {
        JsonNode raw = invoiceOfResellerWithFormat("RAW");
        assertThat(raw.path("format").asString()).isEqualTo("RAW");
        Api.Response pdf = provider.get("/api/v1/invoices/" + raw.path("id").asString() + "/pdf");
        assertThat(pdf.status()).as("%s", pdf).isEqualTo(406);
        assertThat(pdf.text("type")).isEqualTo("urn:cascade:problem:format-not-offered");
        assertThat(raw("/api/v1/invoices/" + raw.path("id").asString(), "text/csv").statusCode()).isEqualTo(200);

        JsonNode pdfOnly = invoiceOfResellerWithFormat("PDF");
        assertThat(raw("/api/v1/invoices/" + pdfOnly.path("id").asString(), "text/csv").statusCode())
                .isEqualTo(406);
        assertThat(raw("/api/v1/invoices/" + pdfOnly.path("id").asString() + "/pdf", "application/pdf")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void paymentsMakeAnInvoicePaidAndCreditNotesCorrectIt() {
        JsonNode invoice = invoiceOfResellerWithFormat("BOTH");
        String id = invoice.path("id").asString();
        Api.Response dollars = provider.post("/api/v1/invoices/" + id + "/payments",
                Map.of("amount", Map.of("amount", "1.00", "currency", "USD")));
        assertThat(dollars.status()).isEqualTo(422);
        Api.Response part = provider.post("/api/v1/invoices/" + id + "/payments",
                Map.of("amount", CatalogFixtures.money("10.00"), "reference", "bank 1"));
        assertThat(part.status()).as("%s", part).isEqualTo(200);
        assertThat(part.json().path("status").asString()).isEqualTo("OPEN");
        assertThat(part.json().path("openAmount").path("amount").asString()).isEqualTo("19.75");
        // an overpayment is the buyer's credit with the issuer (issue 17: no longer refused)
        Api.Response rest = provider.post("/api/v1/invoices/" + id + "/payments",
                Map.of("amount", CatalogFixtures.money("20.00")));
        assertThat(rest.json().path("status").asString()).isEqualTo("PAID");
        assertThat(provider.get("/api/v1/accounts/" + invoice.path("issuerAccountId").asString() + "/buyers/"
                + invoice.path("buyerAccountId").asString() + "/statement").json().path("credit").path("amount")
                .asString()).isEqualTo("0.25");
        Api.Response paidAgain = provider.post("/api/v1/invoices/" + id + "/payments",
                Map.of("amount", CatalogFixtures.money("1.00")));
        assertThat(paidAgain.status()).as("a paid invoice takes no payment: %s", paidAgain).isEqualTo(409);
        assertThat(paidAgain.text("type")).isEqualTo("urn:cascade:problem:not-payable");

        // a second invoice, credited in full before it is paid: VOID, and the credit note mirrors it
        JsonNode other = invoiceOfResellerWithFormat("BOTH");
        String otherId = other.path("id").asString();
        Api.Response note = provider.post("/api/v1/invoices/" + otherId + "/credit-notes",
                Map.of("reason", "Ordered by mistake"));
        assertThat(note.status()).as("%s", note).isEqualTo(201);
        assertThat(note.json().path("kind").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(note.json().path("total").path("amount").asString()).isEqualTo("-29.75");
        assertThat(note.json().path("creditedInvoiceId").asString()).isEqualTo(otherId);
        assertThat(note.json().path("number").asString()).startsWith("DR-2026-");
        assertThat(provider.get("/api/v1/invoices/" + otherId).json().path("status").asString()).isEqualTo("VOID");
        Api.Response again = provider.post("/api/v1/invoices/" + otherId + "/credit-notes",
                Map.of("reason", "Twice"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("type")).isEqualTo("urn:cascade:problem:already-credited");

        // the buyer sees its invoice but records no payments: that is the issuer side's
        Api buyer = as(lastCustomerAdmin, PASSWORD);
        assertThat(buyer.get("/api/v1/invoices/" + otherId).status()).isEqualTo(200);
        Api.Response buyerPays = buyer.post("/api/v1/invoices/" + otherId + "/payments",
                Map.of("amount", CatalogFixtures.money("1.00")));
        assertThat(buyerPays.status()).as("%s", buyerPays).isEqualTo(403);
        assertThat(buyerPays.text("type")).isEqualTo("urn:cascade:problem:issuer-decides");
        Api.Response missingReason = provider.post("/api/v1/invoices/" + id + "/credit-notes", Map.of());
        assertThat(missingReason.status()).isEqualTo(422);
    }

    @Test
    void anIssuedInvoiceNeverChanges() {
        JsonNode invoice = invoiceOfResellerWithFormat("BOTH");
        UUID id = UUID.fromString(invoice.path("id").asString());
        assertThatThrownBy(() -> jdbc.sql("UPDATE invoice SET total = total + 1, subtotal = subtotal + 1 WHERE id = :id")
                .param("id", id).update()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM invoice_line WHERE invoice_id = :id").param("id", id)
                .update()).hasMessageContaining("append-only");
        // a second line billing the same charge (same subscription, period, terms record, first day and direction)
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO invoice_line (id, invoice_id, position, description, subscription_id, plan_id,
                                                  quantity, unit_price, amount, tax_rate, tax, charge,
                                                  charge_period_start, charge_period_end, terms_id, from_day, to_day,
                                                  direction, period_amount)
                        SELECT gen_random_uuid(), invoice_id, position + 1000, description, subscription_id, plan_id,
                               quantity, unit_price, amount, tax_rate, tax, charge, charge_period_start,
                               charge_period_end, terms_id, from_day, to_day, direction, period_amount
                        FROM invoice_line WHERE charge IS NOT NULL LIMIT 1""").update())
                .as("the ledger refuses to bill the same charge twice").hasMessageContaining("invoice_line_charged_once");
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO invoice_line (id, invoice_id, position, description, subscription_id, quantity,
                                                  unit_price, amount, tax_rate, tax, charge)
                        SELECT gen_random_uuid(), invoice_id, position + 1000, description, subscription_id, quantity,
                               unit_price, amount, tax_rate, tax, charge
                        FROM invoice_line WHERE charge IS NOT NULL LIMIT 1""").update())
                .as("a line bills a whole ledger row or none").hasMessageContaining("invoice_line_charge_whole");
    }

    private HttpResponse<byte[]> raw(String path, String accept) {
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + provider.token()).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
