package io.cascade.messages.internal;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail as its issuer sends it, read from the test SMTP server (issue 16): the issuer's own template where it has one
 * and the default for everyone else (a vendor's override is not inherited by the resellers below it), the German
 * default for a German recipient, values escaped in the HTML part, the department signature of the mail's category,
 * and From/Reply-To from the issuer's own sender or the platform's address with the issuer's name.
 */
class IssuerMailIT extends IntegrationTest {
    private static final String KIND = "template-test";

    @Autowired
    private Outbox outbox;
    @Autowired
    private TransactionTemplate transactions;

    private record Vendor(String id, Api admin, String contact) {
    }

    private Vendor reseller(String name, String vendorId) {
        String contact = "desk@" + unique("contact") + ".test";
        AccountFixtures fixture = AccountFixtures.reseller(name)
                .with("contact", Map.of("name", "Desk", "email", contact))
                .with("signatures", Map.of("billing", "Billing team of " + name, "support", "Support team of " + name));
        AccountFixtures.Created created = (vendorId == null ? fixture : fixture.under(vendorId)).create(provider);
        return new Vendor(created.id(), anonymous.withToken(signIn(created.adminEmail(), PASSWORD)), contact);
    }

    /** Queues a template-test mail that {@code issuer} issues; answers the recipient's address. */
    private String send(Vendor issuer, String locale, String category, String customer) {
        String to = unique("to") + "@example.test";
        Map<String, Object> data = new HashMap<>();
        data.put("to", to);
        data.put("issuer", issuer.id());
        data.put("locale", locale);
        data.put("category", category);
        data.put("number", "N-7");
        data.put("customer", customer);
        data.put("recipient", "Rita");
        data.put("items", List.of("first <item>", "second"));
        transactions.executeWithoutResult(status -> outbox.mail(KIND, UUID.fromString(issuer.id()), data));
        return to;
    }

    private static void override(Vendor vendor, String language, Map<String, String> parts) {
        Api.Response saved = vendor.admin().send("PUT", "/api/v1/accounts/" + vendor.id() + "/mail-templates/" + KIND
                + "/" + language, parts, "application/json");
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
    }

    private static InternetAddress address(MimeMessage mail, String header) throws Exception {
        InternetAddress[] parsed = InternetAddress.parseHeader(TestMail.header(mail, header), true);
        assertThat(parsed).hasSize(1);
        return parsed[0];
    }

    @Test
    void anIssuersOverrideIsUsedForTheMailItIssuesOnly() {
        Vendor own = reseller("Override Issuer", null);
        Vendor sibling = reseller("Plain Sibling", null);
        Vendor below = reseller("Sub of Override Issuer", own.id());
        override(own, "en", Map.of("subject", "{{brand.name}} notice {{notice.number}} for {{customer.name}}",
                "html", "<h1>{{brand.name}}</h1><ol>{{#items}}<li>{{label}}</li>{{/items}}</ol>"));

        MimeMessage mine = TestMail.await(send(own, "en", "ACCOUNT", "Customer One"), "Override Issuer notice N-7");
        assertThat(TestMail.subject(mine)).isEqualTo("Override Issuer notice N-7 for Customer One");
        assertThat(TestMail.html(mine)).hasValue("<h1>Override Issuer</h1><ol><li>first &lt;item&gt;</li><li>second</li></ol>");
        // the text part was not overridden: the default's
        assertThat(TestMail.text(mine)).contains("Hello Rita,", "notice N-7 concerns Customer One.", "- first <item>");

        MimeMessage theirs = TestMail.await(send(sibling, "en", "ACCOUNT", "Customer Two"), "Plain Sibling: notice N-7");
        assertThat(TestMail.html(theirs)).hasValueSatisfying(html -> assertThat(html)
                .contains("<p>Notice N-7 concerns Customer Two.</p>").doesNotContain("<h1>"));
        TestMail.await(send(below, "en", "ACCOUNT", "Customer Three"), "Sub of Override Issuer: notice N-7");
    }

    @Test
    void aGermanRecipientGetsTheGermanDefaultOrTheIssuersGermanVersion() {
        Vendor vendor = reseller("Deutscher Anbieter", null);
        override(vendor, "en", Map.of("subject", "English only {{notice.number}}"));

        MimeMessage german = TestMail.await(send(vendor, "de-DE", "ACCOUNT", "Kunde"),
                "Deutscher Anbieter: Mitteilung N-7");
        assertThat(TestMail.text(german)).startsWith("Hallo Rita,").contains("Mitteilung N-7 betrifft Kunde.");

        override(vendor, "de", Map.of("subject", "Neuigkeit {{notice.number}} von {{brand.name}}"));
        TestMail.await(send(vendor, "de", "ACCOUNT", "Kunde"), "Neuigkeit N-7 von Deutscher Anbieter");
        TestMail.await(send(vendor, "en", "ACCOUNT", "Customer"), "English only N-7");
    }

    @Test
    void valuesAreEscapedInTheHtmlPart() {
        Vendor vendor = reseller("<script>alert(1)</script> Ltd", null);
        MimeMessage mail = TestMail.await(send(vendor, "en", "ACCOUNT", "<img src=x onerror=alert(2)>"), "notice N-7");
        assertThat(TestMail.html(mail)).hasValueSatisfying(html -> assertThat(html)
                .contains("&lt;img src", "onerror", "alert(2)&gt;").doesNotContain("<img", "<script"));
        assertThat(TestMail.subject(mail)).startsWith("<script>alert(1)</script> Ltd: notice N-7");
        assertThat(TestMail.text(mail)).contains("concerns <img src=x onerror=alert(2)>.");
    }

    @Test
    void theIssuersDepartmentSignsByTheMailsCategory() {
        Vendor vendor = reseller("Signing Vendor", null);
        String billing = send(vendor, "en", "BILLING", "B");
        String support = send(vendor, "en", "SUPPORT", "S");
        String account = send(vendor, "en", "ACCOUNT", "A");
        assertThat(TestMail.text(TestMail.await(billing, "notice"))).contains("Billing team of Signing Vendor")
                .doesNotContain("Support team");
        assertThat(TestMail.html(TestMail.await(support, "notice"))).hasValueSatisfying(html -> assertThat(html)
                .contains("<p>Support team of Signing Vendor</p>").doesNotContain("Billing team"));
        assertThat(TestMail.text(TestMail.await(account, "notice"))).doesNotContain("team of Signing Vendor");
    }

    @Test
    void theMailIsFromTheIssuersOwnSenderElseFromThePlatformInItsName() throws Exception {
        Vendor vendor = reseller("Sending Vendor", null);
        MimeMessage platform = TestMail.await(send(vendor, "en", "ACCOUNT", "X"), "notice");
        assertThat(address(platform, "From").getAddress()).isEqualTo("noreply@cascade.test");
        assertThat(address(platform, "From").getPersonal()).isEqualTo("Sending Vendor");
        assertThat(address(platform, "Reply-To").getAddress()).isEqualTo(vendor.contact());

        Api.Response configured = vendor.admin().send("PUT", "/api/v1/accounts/" + vendor.id() + "/mail-sender",
                Map.of("email", "hello@sending-vendor.test", "name", "Sending Vendor Team"), "application/json");
        assertThat(configured.status()).as("%s", configured).isEqualTo(200);
        MimeMessage own = TestMail.await(send(vendor, "en", "ACCOUNT", "Y"), "notice");
        assertThat(address(own, "From").getAddress()).isEqualTo("hello@sending-vendor.test");
        assertThat(address(own, "From").getPersonal()).isEqualTo("Sending Vendor Team");
        assertThat(TestMail.header(own, "Reply-To")).isNull();
    }
}
