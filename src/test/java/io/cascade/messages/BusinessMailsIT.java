package io.cascade.messages;

import io.cascade.billing.BillingIntegrationTest;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business mails as their recipients receive them over SMTP: a billing run's invoices to each billable buyer's
 * billing contact (the PDF or the CSV as the issuer offers, in the issuer's name and the buyer's language), credit
 * notes and payments, suspensions and resumptions to the administrators, and a failed provisioning task to the staff
 * of the vendor who may retry it.
 */
class BusinessMailsIT extends BillingIntegrationTest {
    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 1);

    @Autowired
    private JdbcClient jdbc;

    /** Two resellers below the provider, one billing in PDF and one in RAW, each with a billable customer. */
    private record Trees(Tree pdf, Tree raw, String simpleCustomerId, String simpleAdmin, String billingEmail,
                         String contactEmail) {
    }

    private Trees billedTrees() {
        travelTo(AUGUST);
        var mail = CatalogFixtures.mailService(provider);
        String billingEmail = unique("invoices") + "@kunde.test";
        Tree pdf = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Pdf Reseller")).with("billCycleDay", 1)
                        .with("signatures", Map.of("billing", "Buchhaltung der Pdf Reseller GmbH"))
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "PDF", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("20.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Kunde")).with("billable", true).with("locale", "de")
                        .with("billingEmail", billingEmail))
                .build();
        AccountFixtures.Created simple = AccountFixtures.customer(unique("Simple Customer")).with("billable", false)
                .create(pdf.reseller());
        assertThat(pdf.reseller().post("/api/v1/accounts/" + simple.id() + "/subscriptions",
                Map.of("planId", pdf.planId())).status()).isEqualTo(201);
        String contactEmail = unique("berta") + "@buyer.test";
        Tree raw = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Raw Reseller")).with("billCycleDay", 1)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "RAW", "customerBillCycleDay", 1)))
                .wholesale("50.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null))
                .plan("30.00", resource(mail.counted(), 1, 10, "HARD", "2.50", null))
                .customer(AccountFixtures.customer(unique("Raw Customer")).with("billable", true)
                        .with("contact", Map.of("name", "Berta Buyer", "email", contactEmail)))
                .build();
        run(AUGUST);
        return new Trees(pdf, raw, simple.id(), simple.adminEmail(), billingEmail, contactEmail);
    }

    private JsonNode onlyInvoice(String accountId, String role) {
        JsonNode items = provider.get("/api/v1/accounts/" + accountId + "/invoices?role=" + role).json().path("items");
        assertThat(items.size()).as("invoices of %s as %s", accountId, role).isEqualTo(1);
        return items.get(0);
    }

    private static String company(Api api, String accountId) {
        return api.get("/api/v1/accounts/" + accountId).json().path("companyName").asString();
    }

    @Test
    void aBillingRunMailsEveryBillableBuyerItsInvoiceAsTheIssuerOffersItInTheBuyersLanguage() {
        Trees trees = billedTrees();
        String pdfReseller = company(provider, trees.pdf().resellerId());
        String rawReseller = company(provider, trees.raw().resellerId());

        // the German customer of the PDF reseller: its billing e-mail, German, the reseller's name and signature, PDF
        JsonNode invoice = onlyInvoice(trees.pdf().customerId(), "BUYER");
        MimeMessage german = TestMail.await(trees.billingEmail(), "Rechnung " + invoice.path("number").asString());
        assertThat(TestMail.subject(german)).isEqualTo("Rechnung " + invoice.path("number").asString() + " von "
                + pdfReseller);
        assertThat(TestMail.text(german)).contains("Gesamtbetrag:   20.00 EUR", "Fällig am:      2026-08-15",
                "Bitte zahlen Sie 20.00 EUR", "Buchhaltung der Pdf Reseller GmbH");
        assertThat(TestMail.html(german)).hasValueSatisfying(html -> assertThat(html)
                .contains("<strong>" + invoice.path("number").asString() + "</strong>"));
        List<TestMail.Attachment> files = TestMail.attachments(german);
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo(invoice.path("number").asString() + ".pdf");
            assertThat(file.contentType()).startsWith("application/pdf");
            assertThat(new String(file.content(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        });
        assertThat(TestMail.all(trees.pdf().customerAdminEmail())).as("the billing e-mail comes first").isEmpty();

        // the RAW reseller's customer: no billing e-mail, so its contact; English; the CSV
        JsonNode rawInvoice = onlyInvoice(trees.raw().customerId(), "BUYER");
        MimeMessage english = TestMail.await(trees.contactEmail(), "Invoice " + rawInvoice.path("number").asString());
        assertThat(TestMail.subject(english)).endsWith(" from " + rawReseller);
        assertThat(TestMail.text(english)).startsWith("Hello Berta Buyer,").contains("Total:        30.00 EUR");
        assertThat(TestMail.attachments(english)).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo(rawInvoice.path("number").asString() + ".csv");
            assertThat(new String(file.content(), StandardCharsets.UTF_8))
                    .startsWith("number,kind,issueDate").contains(rawInvoice.path("number").asString());
        });

        // the resellers' holdings, invoiced by the provider (which offers PDF): no contact, so their administrators
        JsonNode holdingInvoice = onlyInvoice(trees.pdf().resellerId(), "BUYER");
        MimeMessage wholesale = TestMail.await(trees.pdf().resellerAdminEmail(),
                "Invoice " + holdingInvoice.path("number").asString());
        assertThat(TestMail.subject(wholesale)).endsWith(" from " + company(provider, providerId()));
        assertThat(TestMail.attachments(wholesale)).singleElement()
                .satisfies(file -> assertThat(file.filename()).endsWith(".pdf"));

        // the simple customer is billed nothing, so nothing is queued or sent for it
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_message WHERE account_id = :id")
                .param("id", UUID.fromString(trees.simpleCustomerId())).query(Long.class).single()).isZero();
        assertThat(TestMail.all(trees.simpleAdmin())).isEmpty();
    }

    @Test
    void aCreditNoteAndAPaymentAreMailedToTheBillingContact() {
        Trees trees = billedTrees();
        JsonNode invoice = onlyInvoice(trees.pdf().customerId(), "BUYER");
        String number = invoice.path("number").asString();
        TestMail.await(trees.billingEmail(), "Rechnung " + number);

        Api.Response note = trees.pdf().reseller().post("/api/v1/invoices/" + invoice.path("id").asString()
                + "/credit-notes", Map.of("reason", "Kulanz"));
        assertThat(note.status()).as("%s", note).isEqualTo(201);
        MimeMessage credit = TestMail.await(trees.billingEmail(), "Gutschrift " + note.text("number"));
        assertThat(TestMail.text(credit)).contains("zur Rechnung " + number, "Gesamtbetrag:  -20.00 EUR",
                "Grund:         Kulanz");
        assertThat(TestMail.attachments(credit)).singleElement()
                .satisfies(file -> assertThat(file.filename()).isEqualTo(note.text("number") + ".pdf"));

        JsonNode rawInvoice = onlyInvoice(trees.raw().customerId(), "BUYER");
        Api.Response paid = trees.raw().reseller().post("/api/v1/invoices/" + rawInvoice.path("id").asString()
                + "/payments", Map.of("amount", Map.of("amount", "30.00", "currency", "EUR"), "paidOn", "2026-08-01",
                "reference", "Bank transfer 4711"));
        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        MimeMessage payment = TestMail.await(trees.contactEmail(), "Payment received for invoice "
                + rawInvoice.path("number").asString());
        assertThat(TestMail.text(payment)).contains("a payment of 30.00 EUR on 2026-08-01",
                "Reference: Bank transfer 4711");
    }

    @Test
    void aSuspensionAndAResumptionAreMailedToTheAdministratorsOfEveryAccountTheyChanged() {
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Suspended Reseller"))
                .customer(unique("Cascaded Customer")).build();
        String reseller = company(provider, tree.resellerId());
        String providerName = company(provider, providerId());

        assertThat(provider.post("/api/v1/accounts/" + tree.resellerId() + "/suspend",
                Map.of("reason", "Invoices unpaid since May")).status()).isEqualTo(200);
        MimeMessage own = TestMail.await(tree.resellerAdminEmail(), "is suspended");
        assertThat(TestMail.subject(own)).isEqualTo("Your account " + reseller + " is suspended");
        assertThat(TestMail.text(own)).contains(providerName + " has suspended the account " + reseller,
                "Reason: Invoices unpaid since May").doesNotContain("because the account of");
        MimeMessage below = TestMail.await(tree.customerAdminEmail(), "is suspended");
        assertThat(TestMail.text(below)).contains(reseller + " has suspended the account",
                "because the account of " + reseller + " was suspended").doesNotContain("Invoices unpaid");
        assertThat(TestMail.to(below)).containsExactly(tree.customerAdminEmail());

        assertThat(provider.post("/api/v1/accounts/" + tree.resellerId() + "/resume", null).status())
                .isEqualTo(200);
        assertThat(TestMail.text(TestMail.await(tree.resellerAdminEmail(), "is active again")))
                .contains(providerName + " has resumed the account " + reseller).doesNotContain("Reason:");
        assertThat(TestMail.text(TestMail.await(tree.customerAdminEmail(), "is active again")))
                .contains("suspended together with the account of " + reseller);
        assertThat(TestMail.all(tree.resellerAdminEmail())).hasSize(2);

        Api.Response tooLong = provider.post("/api/v1/accounts/" + tree.resellerId() + "/suspend",
                Map.of("reason", "x".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("reason");
    }

    @Test
    void aFailedProvisioningTaskIsMailedToTheVendorsStaffWhoMayRetryIt() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String seats = "seat-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "crm-" + suffix, "name",
                "CRM " + suffix, "adapter", "http", "adapterConfig", Map.of("url", "http://127.0.0.1:" + closed
                        + "/provision", "secret", "whsec_" + Base64.getEncoder().encodeToString(new byte[32])),
                "resourceTypes", List.of(Map.of("code", seats, "name", "Seat", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Crm Reseller"))
                .wholesale("10.00", resource(seats, 0, 50, "HARD", "1.00", null))
                .plan("15.00", resource(seats, 1, 10, "HARD", "2.00", null))
                .customer(unique("Crm Customer")).build();
        String customer = company(provider, tree.customerId());

        MimeMessage failed = TestMail.await(tree.resellerAdminEmail(), "Provisioning failed");
        assertThat(TestMail.subject(failed)).isEqualTo("Provisioning failed: PROVISION for " + customer);
        JsonNode task = tree.reseller().get("/api/v1/accounts/" + tree.customerId() + "/provisioning-tasks").json()
                .path("items").get(0);
        assertThat(task.path("status").asString()).isEqualTo("FAILED");
        assertThat(TestMail.text(failed)).contains("Service:    CRM " + suffix, "Task:       "
                + task.path("id").asString(), "Error:      " + task.path("lastError").asString(),
                "/api/v1/provisioning-tasks/" + task.path("id").asString() + "/retry");
        assertThat(TestMail.all(tree.customerAdminEmail())).as("the customer is not told the details").isEmpty();
    }
}
