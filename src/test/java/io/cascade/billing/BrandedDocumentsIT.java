package io.cascade.billing;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.BrandFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18: the documents and mail a customer of a branded reseller receives carry the reseller's brand — its name and
 * logo in the PDF header, its support contacts and legal footer at the foot, its sender on the mail, a branded header
 * and footer in the mail's HTML and its name in the text signature — and never the provider's name. A reseller's own
 * staff get their account mail in their own brand, not in that of the vendor it comes from.
 */
class BrandedDocumentsIT extends IntegrationTest {
    @Value("${local.server.port}")
    private int port;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aBrandedResellersCustomerGetsInvoicesStatementsAndMailInTheResellersBrand() throws IOException {
        String brandName = unique("Northwind Cloud");
        String resellerName = unique("Northwind Trading GmbH");
        Tree tree = TreeFixtures.resellerWithHolding(provider)
                .reseller(AccountFixtures.reseller(resellerName)
                        .with("resellerProfile", Map.of("model", "PREPAID", "customerInvoicing", true,
                                "customerInvoiceFormat", "BOTH")))
                .customer(AccountFixtures.customer(unique("Branded Customer")).with("billable", true)).build();
        BrandFixtures.brand(brandName).colours("#0a3d62", "#b33939").logo("image/png", png())
                .support("help@northwind.test", "+49 30 555 0100", "https://help.northwind.test")
                .legalFooter("Northwind Cloud is a trade name of Northwind Trading GmbH, HRB 4711")
                .sender("Northwind Billing", "billing@northwind.test")
                .applyTo(jdbc, tree.resellerId());
        String providerName = provider.get("/api/v1/accounts/" + providerId()).text("companyName");

        billingRun();
        JsonNode invoice = tree.customer().get("/api/v1/accounts/" + tree.customerId() + "/invoices?role=BUYER")
                .json().path("items").get(0);
        assertThat(invoice).as("the customer's invoice").isNotNull();
        String invoiceId = invoice.path("id").asString();

        HttpResponse<byte[]> pdf = raw(tree.customer(), "/api/v1/invoices/" + invoiceId + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(brandName, resellerName, "help@northwind.test", "+49 30 555 0100",
                    "https://help.northwind.test", "Northwind Cloud is a trade name of Northwind Trading GmbH",
                    invoice.path("number").asString()).doesNotContainIgnoringCase(providerName);
            assertThat(images(document)).as("the brand's PNG logo is drawn").isGreaterThanOrEqualTo(1);
        }

        HttpResponse<byte[]> statement = raw(tree.customer(), "/api/v1/accounts/" + tree.customerId() + "/vendors/"
                + tree.resellerId() + "/statement/pdf");
        assertThat(statement.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(statement.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains(brandName, "help@northwind.test",
                    "HRB 4711").doesNotContainIgnoringCase(providerName);
        }

        Api.Response credit = tree.reseller().post("/api/v1/invoices/" + invoiceId + "/credit-notes",
                Map.of("reason", "Goodwill"));
        assertThat(credit.status()).as("%s", credit).isEqualTo(201);
        HttpResponse<byte[]> note = raw(tree.customer(), "/api/v1/invoices/" + credit.text("id") + "/pdf");
        try (PDDocument document = Loader.loadPDF(note.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("CREDIT NOTE", brandName,
                    "help@northwind.test").doesNotContainIgnoringCase(providerName);
        }

        MimeMessage mail = TestMail.await(tree.customerAdminEmail(), invoice.path("number").asString());
        assertBranded(mail, brandName, providerName);
        assertThat(TestMail.subject(mail)).contains(brandName);
        assertThat(TestMail.text(mail)).contains(brandName + " has issued invoice " + invoice.path("number").asString());

        // the reseller previews its invoice mail as it goes out: in its brand
        Api.Response preview = tree.reseller().post("/api/v1/accounts/" + tree.resellerId()
                + "/mail-templates/invoice-issued/en/preview", null);
        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.text("subject")).isEqualTo("Invoice [document.number] from " + brandName);
        assertThat(preview.text("html")).contains("id=\"brand-header\"", "id=\"brand-footer\"", "HRB 4711");
        assertThat(preview.text("text")).contains("-- \n" + brandName + "\nhelp@northwind.test");

        // account mail to the customer's users: its vendor's brand
        String clerk = unique("clerk") + "@branded-customer.test";
        assertThat(tree.customer().post("/api/v1/accounts/" + tree.customerId() + "/users", Map.of("email", clerk,
                "name", "Clerk", "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        MimeMessage invitation = TestMail.await(clerk, "");
        assertBranded(invitation, brandName, providerName);
        assertThat(TestMail.text(invitation)).contains("invited to " + brandName);

        // account mail to the reseller's own staff comes from its vendor, in the reseller's own brand
        String staff = unique("staff") + "@northwind.test";
        assertThat(tree.reseller().post("/api/v1/accounts/" + tree.resellerId() + "/users", Map.of("email", staff,
                "name", "Staff", "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        assertBranded(TestMail.await(staff, ""), brandName, providerName);
    }

    private static void assertBranded(MimeMessage mail, String brandName, String providerName) {
        try {
            InternetAddress from = (InternetAddress) mail.getFrom()[0];
            assertThat(from.getPersonal()).isEqualTo("Northwind Billing");
            assertThat(from.getAddress()).isEqualTo("billing@northwind.test");
            assertThat(mail.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsOnly("billing@northwind.test");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        String html = TestMail.html(mail).orElseThrow();
        assertThat(html).as("the logo, by its public address")
                .containsPattern("<img src=\"http://[^\"]+/brand-assets/[0-9a-f]{64}\\.png\"");
        assertThat(html).contains("id=\"brand-header\"", "id=\"brand-footer\"", brandName,
                "mailto:help@northwind.test", "+49 30 555 0100", "https://help.northwind.test",
                "Northwind Cloud is a trade name of Northwind Trading GmbH")
                .doesNotContainIgnoringCase(providerName);
        String text = TestMail.text(mail).replace("\r\n", "\n");
        assertThat(text).contains("-- \n" + brandName + "\nhelp@northwind.test · +49 30 555 0100 · "
                + "https://help.northwind.test", "HRB 4711").doesNotContainIgnoringCase(providerName);
    }

    private void billingRun() {
        Api.Response started = await("a billing run starts").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> provider.post("/api/v1/billing/runs", Map.of()), r -> r.status() != 409);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        await("the run completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/billing/runs/" + started.text("id")).json()
                        .path("status").asString(), "COMPLETED"::equals);
    }

    /** Images drawn on the document's pages. */
    private static int images(PDDocument document) throws IOException {
        int count = 0;
        for (var page : document.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A small real PNG: 40 × 20 pixels of the brand's colour. */
    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 20; y++) {
                image.setRGB(x, y, 0x0a3d62);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private HttpResponse<byte[]> raw(Api api, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Bearer " + api.token()).header("Accept", "application/pdf")
                            .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
