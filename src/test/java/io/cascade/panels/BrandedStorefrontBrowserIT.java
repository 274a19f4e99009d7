package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.StorefrontFixtures;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Value;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18, "Done means", in Chromium on a reseller's own host: the provider's admin gives a reseller a brand and a
 * panel host (verified by hand); on that host (the browser resolves it to this machine) an anonymous visitor signs up from the
 * reseller's storefront and confirms the e-mail, the reseller's admin approves the sign-up there, the new customer
 * chooses its password from the invitation and signs in on the host, and sees only the reseller's brand — on every
 * page it visits (the mails' links open on the host), in every mail, on its first invoice's PDF (with the reseller's
 * bank details) and in the invoice mail.
 */
class BrandedStorefrontBrowserIT extends BrowserTest {
    private static final String DOMAIN = "fjord-cloud.example";
    private static final String IBAN = "DE89370400440532013000";
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @Value("${local.server.port}")
    private int port;

    @Test
    void aVisitorSignsUpOnTheResellersHostAndSeesOnlyTheResellersBrand() throws Exception {
        // what the test is not about, through the API: the reseller, its plan, bank account and storefront
        String resellerName = unique("Fjord Trading GmbH");
        Tree tree = TreeFixtures.resellerWithHolding(provider)
                .reseller(AccountFixtures.reseller(resellerName).with("resellerProfile", Map.of("model", "PREPAID",
                        "customerInvoicing", true, "customerInvoiceFormat", "BOTH")))
                .build();
        String reseller = tree.resellerId();
        Api.Response bank = tree.reseller().send("PUT", "/api/v1/accounts/" + reseller + "/billing-settings",
                Map.of("payment", Map.of("accountHolder", resellerName, "iban", IBAN, "bic", "DEUTDEFF",
                        "acceptedMethods", List.of("BANK_TRANSFER"))), "application/json");
        assertThat(bank.status()).as("%s", bank).isEqualTo(200);
        String slug = unique("fjord").toLowerCase();
        StorefrontFixtures.enable(tree.reseller(), reseller, slug, "MANUAL", "Mail for small teams");
        assertThat(tree.reseller().patch("/api/v1/plans/" + tree.planId(), Map.of("name", "Mail Start")).status())
                .isEqualTo(200);
        String providerName = provider.get("/api/v1/accounts/" + providerId()).text("companyName");
        String brandName = "Fjord Cloud"; // a fresh reseller's: no suffix needed, and the pictures read well
        String host = "panel-" + reseller.substring(0, 8) + "." + DOMAIN;
        String onHost = "http://" + host + ":" + port;

        // the provider's admin, on the platform's host, gives the reseller its brand and its host
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/panel/accounts/" + reseller);
        byId("brand-tab").click();
        fill("brand-name-input", brandName);
        colour("brand-primary", "#0a3d62");
        colour("brand-accent", "#b33939");
        fill("brand-support-email", "help@" + DOMAIN);
        fill("brand-sender-address", "billing@" + DOMAIN);
        click("save-brand");
        assertThat(notice()).isEqualTo("The brand has been saved.");
        assertThat(text("brand-source")).contains("its own brand");

        open("/panel/accounts/" + reseller);
        click("panel-hosts-link");
        fill("host-name", host);
        click("add-host");
        assertThat(notice()).contains("Added " + host);
        click("mark-verified-" + host);
        assertThat(notice()).isEqualTo(host + " is verified.");
        assertThat(text("state-" + host).toLowerCase()).startsWith("verified");
        browser.manage().deleteAllCookies();

        // an anonymous visitor on the reseller's host: its storefront in its brand
        openOn(host, "/store");
        assertThat(text("store-brand")).isEqualTo(brandName);
        assertThat(browser.getTitle()).endsWith(" · " + brandName);
        assertThat(byId("plans").getText()).contains("5.00 EUR");
        assertUnbranded(providerName);
        screenshot("branded-storefront");

        browser.findElement(By.cssSelector("#plan-" + tree.planId() + " a.button")).click();
        String email = unique("ann") + "@fjord-customer.test";
        String company = "Fjord Customer AG";
        waitUntil(ExpectedConditions.attributeToBe(By.id("planId"), "value", tree.planId()));
        fill("companyName", company);
        fill("country", "DE");
        fill("contactName", "Ann Applicant");
        fill("email", email);
        byId("termsAccepted").click();
        assertUnbranded(providerName);
        // the form token is accepted once it is 3 s old (a form sent at once is a script's)
        long issued = Long.parseLong(browser.findElement(By.name("formToken")).getDomProperty("value")
                .split("\\.")[0]);
        await("the form token's minimum age").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> System.currentTimeMillis() - issued > 3_200);
        click("sign-up");
        assertThat(text("received")).contains(email);
        assertThat(browser.getCurrentUrl()).startsWith(onHost + "/");

        MimeMessage confirmation = TestMail.await(email, "Confirm your sign-up with " + brandName);
        assertThat(from(confirmation).getPersonal()).isEqualTo(brandName);
        assertUnbranded(confirmation, providerName);
        String confirmLink = link(TestMail.text(confirmation), "/confirm?token=");
        assertThat(confirmLink).as("the link opens on the reseller's host").startsWith(onHost + "/store/");
        browser.get(confirmLink);
        assertThat(browser.getTitle()).endsWith(" · " + brandName);
        click("confirm");
        assertThat(text("confirmed-pending")).contains(brandName + " reviews your sign-up");
        assertUnbranded(providerName);

        // the reseller's admin approves on its own host
        browser.manage().deleteAllCookies();
        signInOn(host, tree.resellerAdminEmail(), PASSWORD);
        openOn(host, "/panel/accounts/" + reseller + "/storefront");
        byId("queue");
        clickLink(company);
        click("approve");
        assertThat(notice()).startsWith(company + " is now a customer");
        browser.manage().deleteAllCookies();

        // the customer chooses its password from the invitation and signs in on the host
        String password = "Fjord-Sign-Up-Pass-7";
        MimeMessage invitation = TestMail.await(email, "Your invitation to " + brandName);
        MimeMessage ready = TestMail.await(email, "is ready");
        assertThat(TestMail.text(ready)).contains(onHost + "/login");
        assertUnbranded(ready, providerName);
        assertUnbranded(invitation, providerName);
        String invitationLink = link(TestMail.text(invitation), "/panel/invitation?token=");
        assertThat(invitationLink).as("the link opens on the reseller's host").startsWith(onHost + "/panel/");
        browser.get(invitationLink);
        assertThat(text("holder-email")).isEqualTo(email);
        assertThat(browser.getTitle()).endsWith(" · " + brandName);
        assertUnbranded(providerName);
        fill("password", password);
        fill("confirmPassword", password);
        click("set-password");
        assertThat(browser.getCurrentUrl()).startsWith(onHost + "/");
        assertUnbranded(providerName);
        browser.manage().deleteAllCookies();

        openOn(host, "/login");
        assertThat(text("sign-in-title")).isEqualTo("Sign in to " + brandName);
        assertThat(browser.getTitle()).isEqualTo("Sign in · " + brandName);
        assertUnbranded(providerName);
        screenshot("branded-sign-in");
        signInOn(host, email, password);
        waitUntil(ExpectedConditions.urlMatches("/panel/accounts/[0-9a-f-]{36}$"));
        String customer = browser.getCurrentUrl().replaceAll(".*/panel/accounts/", "");
        assertThat(browser.getCurrentUrl()).startsWith(onHost + "/");
        for (String page : List.of("", "/subscriptions", "/invoices")) {
            openOn(host, "/panel/accounts/" + customer + page);
            assertThat(text("brand-name")).as(page).isEqualTo(brandName);
            assertThat(browser.getTitle()).as(page).endsWith(" · " + brandName);
            assertUnbranded(providerName);
        }
        openOn(host, "/panel/accounts/" + customer);
        assertThat(text("sold-by")).isEqualTo(brandName);
        screenshot("branded-customer-panel");

        // its first invoice: in the panel, as a PDF and by mail, in the reseller's brand with its bank details
        billingRun();
        openOn(host, "/panel/accounts/" + customer + "/invoices");
        browser.findElement(By.cssSelector("#invoice-list tbody tr a")).click();
        String number = text("invoice-number");
        assertThat(text("brand-name")).isEqualTo(brandName);
        assertUnbranded(providerName);
        String pdfPath = byId("download-pdf").getDomAttribute("href");
        assertBrandedPdf(fetch(host, pdfPath), brandName, providerName);

        MimeMessage invoiceMail = TestMail.await(email, number);
        assertThat(TestMail.subject(invoiceMail)).contains(brandName);
        InternetAddress sender = from(invoiceMail);
        assertThat(sender.getPersonal()).isEqualTo(brandName);
        assertThat(sender.getAddress()).isEqualTo("billing@" + DOMAIN);
        assertThat(TestMail.html(invoiceMail).orElseThrow()).contains("id=\"brand-footer\"", "help@" + DOMAIN,
                        "id=\"pay-to\"", IBAN)
                .doesNotContain("Cascade").doesNotContainIgnoringCase(providerName);
        assertThat(TestMail.text(invoiceMail).replace("\r\n", "\n"))
                .contains(brandName + " has issued invoice " + number, "-- \n" + brandName + "\nhelp@" + DOMAIN,
                        "Please pay to " + resellerName + ", IBAN " + IBAN + ", BIC DEUTDEFF, with the reference "
                                + number + ".")
                .doesNotContain("Cascade").doesNotContainIgnoringCase(providerName);
        TestMail.Attachment attached = TestMail.attachments(invoiceMail).stream()
                .filter(a -> a.filename().endsWith(".pdf")).findFirst().orElseThrow();
        assertBrandedPdf(attached.content(), brandName, providerName);
    }

    /** The page's source names neither the platform nor the provider. */
    private void assertUnbranded(String providerName) {
        assertThat(browser.getPageSource()).as(browser.getCurrentUrl()).doesNotContain("Cascade")
                .doesNotContainIgnoringCase(providerName);
    }

    /** The same of a mail's text and HTML. */
    private static void assertUnbranded(MimeMessage mail, String providerName) {
        for (String body : List.of(TestMail.text(mail), TestMail.html(mail).orElse(""))) {
            assertThat(body).as(TestMail.subject(mail)).doesNotContain("Cascade")
                    .doesNotContainIgnoringCase(providerName);
        }
    }

    private static void assertBrandedPdf(byte[] pdf, String brandName, String providerName) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains(brandName, "help@" + DOMAIN, "IBAN " + IBAN, "BIC DEUTDEFF")
                    .doesNotContain("Cascade").doesNotContainIgnoringCase(providerName);
        }
    }

    private void openOn(String host, String path) {
        browser.get("http://" + host + ":" + port + path);
    }

    private void signInOn(String host, String email, String password) {
        openOn(host, "/login");
        fill("email", email);
        fill("password", password);
        click("sign-in");
        waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** A colour input takes its value as {@code #rrggbb}; typing into it depends on the browser. */
    private void colour(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", byId(id), value);
    }

    private static String link(String text, String containing) {
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            if (m.group().contains(containing)) {
                return m.group();
            }
        }
        throw new AssertionError("no link with " + containing + " in " + text);
    }

    private static InternetAddress from(MimeMessage mail) throws MessagingException {
        return (InternetAddress) mail.getFrom()[0];
    }

    /** The panel's PDF with the browser's session cookie (host-only: sent as the browser sends it, to the host). */
    private byte[] fetch(String host, String path) throws IOException, InterruptedException {
        String session = browser.manage().getCookieNamed("CASCADE_SESSION").getValue();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("X-Forwarded-Host", host).header("Cookie", "CASCADE_SESSION=" + session).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/pdf"));
        return response.body();
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
}
