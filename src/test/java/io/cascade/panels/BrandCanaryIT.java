package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.BrandFixtures;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's canary: the provider gets a unique canary name (its company name, and its brand's display name, sender
 * and footer), a reseller and its sub-reseller get brands of their own, and the sub-reseller's customer gets a
 * subscription, an invoice from a billing run, a payment, a credit note, a suspension and resumption and a new user.
 * Then the customer's administrator signs in and a crawler walks every panel page it can reach — every same-origin
 * {@code href} and htmx {@code hx-get}, breadth first, bounded — reading every HTML page, PDF (its text and metadata)
 * and CSV; and every mail the customer's people received (headers, text, HTML, attachments). The canary appears
 * nowhere. The crawl must have reached a meaningful set, so that the test cannot pass by reaching nothing, and as a
 * positive control every PDF and every mail must name the brand the customer does see (the sub-reseller's): a crawler
 * that read nothing, or documents and mail without a brand, fail it.
 */
class BrandCanaryIT extends IntegrationTest {
    private static final Pattern LINK = Pattern.compile("(?:href|hx-get)=\"([^\"]*)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("CASCADE_SESSION=([^;]*)");
    private static final Pattern ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d+");
    /** The crawl's bounds: pages fetched in all, and pages of one shape (ids taken out) such as one list's pages. */
    private static final int MAX_FETCHES = 400;
    private static final int MAX_PER_SHAPE = 15;

    @Value("${local.server.port}")
    private int port;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void theProvidersNameAppearsNowhereACustomerOfASubResellerLooks() {
        String canary = "Qzx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "Canary";
        String providerId = providerId();
        String providerName = provider.get("/api/v1/accounts/" + providerId).text("companyName");
        assertThat(provider.patch("/api/v1/accounts/" + providerId, Map.of("companyName", canary + " Holdings"))
                .status()).isEqualTo(200);
        try {
            BrandFixtures.brand(canary + " Cloud").support("help@" + canary + ".test", "+1 555 0100",
                            "https://" + canary + ".test/help").legalFooter(canary + " Holdings, registered in Nowhere")
                    .sender(canary + " Mail", "mail@" + canary.toLowerCase(Locale.ROOT) + ".test")
                    .applyTo(jdbc, providerId);
            crawlAsTheCustomerOfASubReseller(canary);
        } finally {
            BrandFixtures.remove(jdbc, providerId);
            assertThat(provider.patch("/api/v1/accounts/" + providerId, Map.of("companyName", providerName))
                    .status()).isEqualTo(200);
        }
    }

    private void crawlAsTheCustomerOfASubReseller(String canary) {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        Map<String, Object> invoicing = Map.of("model", "PREPAID", "customerInvoicing", true,
                "customerInvoiceFormat", "BOTH");
        Tree upper = TreeFixtures.resellerWithHolding(provider).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Canary Reseller")).with("resellerProfile", invoicing))
                .build();
        Tree lower = TreeFixtures.resellerWithHolding(upper.reseller()).mail(mail)
                .reseller(AccountFixtures.reseller(unique("Canary Sub Reseller")).with("resellerProfile", invoicing))
                .customer(AccountFixtures.customer(unique("Canary Customer")).with("billable", true)).build();
        BrandFixtures.brand(unique("Upper Brand")).support("help@upper.test", null, null).applyTo(jdbc,
                upper.resellerId());
        String lowerBrand = unique("Lower Brand");
        BrandFixtures.brand(lowerBrand).support("help@lower.test", "+49 30 1234", "https://lower.test")
                .legalFooter("Lower Brand Ltd").sender("Lower Brand", "mail@lower.test")
                .applyTo(jdbc, lower.resellerId());

        // activity: an invoice from a billing run, a payment on it, a credit note, a suspension and resumption, a user,
        // a forgotten password
        billingRun();
        JsonNode invoice = lower.customer().get("/api/v1/accounts/" + lower.customerId() + "/invoices?role=BUYER")
                .json().path("items").get(0);
        assertThat(invoice).as("the customer's invoice from the sub-reseller").isNotNull();
        String number = invoice.path("number").asString();
        Api.Response paid = lower.reseller().post("/api/v1/invoices/" + invoice.path("id").asString() + "/payments",
                Map.of("amount", CatalogFixtures.money("1.00"), "reference", "Canary part payment"));
        assertThat(paid.status()).as("%s", paid).isIn(200, 201);
        Api.Response credit = lower.reseller().post("/api/v1/invoices/" + invoice.path("id").asString()
                + "/credit-notes", Map.of("reason", "Canary goodwill", "lines", List.of(Map.of(
                "lineId", invoice.path("lines").get(0).path("id").asString(), "amount", "1.00"))));
        assertThat(credit.status()).as("%s", credit).isEqualTo(201);
        assertThat(lower.reseller().post("/api/v1/accounts/" + lower.customerId() + "/suspend",
                Map.of("reason", "Canary check")).status()).isEqualTo(200);
        assertThat(lower.reseller().post("/api/v1/accounts/" + lower.customerId() + "/resume",
                Map.of("reason", "Canary check")).status()).isEqualTo(200);
        String clerk = unique("clerk") + "@canary-customer.test";
        assertThat(lower.customer().post("/api/v1/accounts/" + lower.customerId() + "/users", Map.of("email", clerk,
                "name", "Clerk", "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);

        String admin = lower.customerAdminEmail();
        Api.Response reset = anonymous.post("/api/v1/auth/password-resets", Map.of("email", admin));
        assertThat(reset.status()).as("%s", reset).isEqualTo(202);
        TestMail.await(admin, "Choose a new password for " + lowerBrand);
        TestMail.await(admin, "Invoice " + number);
        TestMail.await(admin, "Payment received");
        TestMail.await(admin, "Credit note " + credit.text("number"));
        TestMail.await(admin, "is suspended");
        TestMail.await(admin, "is active again");
        TestMail.await(clerk, "");

        Crawl crawl = new Crawl(canary, lowerBrand);
        crawl.signIn(admin, PASSWORD);
        crawl.walk("/panel");
        List<MimeMessage> mails = new ArrayList<>(TestMail.all(admin));
        mails.addAll(TestMail.all(clerk));
        mails.forEach(crawl::read);

        assertThat(crawl.leaks).as("the canary in what the customer reaches (of %s)", crawl.visited).isEmpty();
        assertThat(crawl.unbranded).as("documents and mail without the sub-reseller's brand").isEmpty();
        assertThat(crawl.html).as("HTML pages read: %s", crawl.statuses).isGreaterThanOrEqualTo(15);
        assertThat(crawl.pdf).as("PDFs read (an invoice, a credit note, a statement): %s", crawl.visited)
                .isGreaterThanOrEqualTo(3);
        assertThat(crawl.csv).as("CSVs read: %s", crawl.visited).isGreaterThanOrEqualTo(2);
        assertThat(crawl.mail).as("mails read").isGreaterThanOrEqualTo(6);
        assertThat(crawl.visited).as("the crawl reached the customer's invoice and statement")
                .anyMatch(u -> u.contains("/invoices/") && u.endsWith("/pdf"))
                .anyMatch(u -> u.contains("/statement.pdf"))
                .anyMatch(u -> u.contains("/subscriptions/"));
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

    /** A signed-in browser without a browser: session cookie, CSRF token, every body read for the canary. */
    private final class Crawl {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String canary;
        private final String brand;
        private final String address = randomAddress();
        private String session;
        final List<String> leaks = new ArrayList<>();
        /** PDFs and mail parts that do not name the brand the customer sees (the crawl's positive control). */
        final List<String> unbranded = new ArrayList<>();
        final Set<String> visited = new LinkedHashSet<>();
        final Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        int html;
        int pdf;
        int csv;
        int mail;

        Crawl(String canary, String brand) {
            this.canary = canary.toLowerCase(Locale.ROOT);
            this.brand = brand.toLowerCase(Locale.ROOT);
        }

        void signIn(String email, String password) {
            HttpResponse<byte[]> login = fetch("GET", "/login", null);
            Matcher token = CSRF.matcher(new String(login.body(), StandardCharsets.UTF_8));
            assertThat(token.find()).as("the sign-in form's CSRF token").isTrue();
            String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            HttpResponse<byte[]> signedIn = fetch("POST", "/login", form);
            assertThat(signedIn.statusCode()).as("signed in").isEqualTo(302);
        }

        /** Breadth first from {@code start}, every same-origin GET link once, within the bounds. */
        void walk(String start) {
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            Set<String> seen = new LinkedHashSet<>(queue);
            Map<String, Integer> shapes = new HashMap<>();
            while (!queue.isEmpty() && visited.size() < MAX_FETCHES) {
                String url = queue.removeFirst();
                HttpResponse<byte[]> response = fetch("GET", url, null);
                visited.add(url);
                statuses.put(url, response.statusCode());
                String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                List<String> links = new ArrayList<>();
                response.headers().firstValue("Location").ifPresent(links::add);
                if (type.contains("pdf")) {
                    pdf++;
                    String text = pdfText(url, response.body());
                    check(url, text);
                    branded(url, text);
                } else if (type.contains("csv")) {
                    csv++;
                    check(url, new String(response.body(), StandardCharsets.UTF_8));
                } else if (type.startsWith("text/") || type.contains("json") || type.contains("xml")) {
                    String body = new String(response.body(), StandardCharsets.UTF_8);
                    check(url, body);
                    if (type.contains("html")) {
                        html += response.statusCode() == 200 ? 1 : 0;
                        Matcher m = LINK.matcher(body);
                        while (m.find()) {
                            links.add(m.group(1).replace("&amp;", "&"));
                        }
                    }
                }
                response.headers().map().forEach((name, values) -> check(url + " header " + name, values.toString()));
                for (String link : links) {
                    String next = sameOrigin(url, link);
                    if (next != null && seen.add(next)
                            && shapes.merge(ID.matcher(next).replaceAll("*"), 1, Integer::sum) <= MAX_PER_SHAPE) {
                        queue.addLast(next);
                    }
                }
            }
        }

        /** A mail the customer's people received: its headers, parts and attachments. */
        void read(MimeMessage message) {
            mail++;
            String where = "mail \"" + TestMail.subject(message) + "\"";
            try {
                StringBuilder headers = new StringBuilder();
                for (var e = message.getAllHeaders(); e.hasMoreElements(); ) {
                    var header = e.nextElement();
                    headers.append(header.getName()).append(": ").append(header.getValue()).append('\n');
                }
                for (Address from : message.getFrom()) {
                    headers.append(from.toString()).append('\n');
                }
                check(where + " headers", headers.toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
            check(where + " text", TestMail.text(message));
            branded(where + " text", TestMail.text(message));
            TestMail.html(message).ifPresent(h -> {
                check(where + " html", h);
                branded(where + " html", h);
            });
            for (TestMail.Attachment attachment : TestMail.attachments(message)) {
                boolean isPdf = attachment.contentType().contains("pdf");
                String text = isPdf ? pdfText(attachment.filename(), attachment.content())
                        : new String(attachment.content(), StandardCharsets.UTF_8);
                check(where + " attachment " + attachment.filename(), text);
                if (isPdf) {
                    branded(where + " attachment " + attachment.filename(), text);
                }
            }
        }

        private void branded(String where, String text) {
            if (!text.toLowerCase(Locale.ROOT).contains(brand)) {
                unbranded.add(where);
            }
        }

        private void check(String where, String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            int at = lower.indexOf(canary);
            if (at >= 0) {
                leaks.add(where + ": …" + text.substring(Math.max(0, at - 120),
                        Math.min(text.length(), at + canary.length() + 60)).replaceAll("\\s+", " ") + "…");
            }
        }

        private String pdfText(String where, byte[] bytes) {
            try (PDDocument document = Loader.loadPDF(bytes)) {
                PDDocumentInformation info = document.getDocumentInformation();
                return new PDFTextStripper().getText(document) + "\n" + info.getTitle() + " " + info.getAuthor()
                        + " " + info.getSubject() + " " + info.getKeywords() + " " + info.getCreator() + " "
                        + info.getProducer();
            } catch (IOException e) {
                throw new AssertionError("not a PDF: " + where, e);
            }
        }

        /** The link as a path on this server (query kept, fragment dropped), or null for anything else. */
        private String sameOrigin(String from, String link) {
            if (link.isBlank() || link.startsWith("#") || link.startsWith("mailto:") || link.startsWith("tel:")
                    || link.startsWith("javascript:") || link.startsWith("data:")) {
                return null;
            }
            URI base = URI.create("http://localhost:" + port + from);
            URI target;
            try {
                target = base.resolve(link.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!"localhost".equals(target.getHost()) || target.getPort() != port || target.getRawPath() == null) {
                return null;
            }
            String path = target.getRawPath();
            if (path.equals("/logout") || path.startsWith("/webjars/")) {
                return null;
            }
            return path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        }

        private HttpResponse<byte[]> fetch(String method, String path, String form) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", address)
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            if (session != null) {
                request.header("Cookie", "CASCADE_SESSION=" + session);
            }
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(form));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().allValues("Set-Cookie").forEach(c -> {
                    Matcher m = COOKIE.matcher(c);
                    if (m.find()) {
                        session = m.group(1).isEmpty() ? null : m.group(1);
                    }
                });
                return response;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
