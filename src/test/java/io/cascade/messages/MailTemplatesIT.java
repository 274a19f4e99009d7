package io.cascade.messages;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor's own mail templates and sender through the API (issue 16): override, preview and reset with versions and
 * audit, bad templates refused with nothing saved, values escaped in the HTML part, German defaults, the sender
 * headers, and 404 outside the caller's subtree. The kind {@code template-test} has test-only defaults
 * (src/test/resources/messages/template-test).
 */
class MailTemplatesIT extends IntegrationTest {
    private static final String KIND = "template-test";

    private record Vendor(String id, Api admin) {
        String templates() {
            return "/api/v1/accounts/" + id + "/mail-templates";
        }

        String template(String language) {
            return templates() + "/" + KIND + "/" + language;
        }
    }

    private Vendor reseller(String name) {
        AccountFixtures.Created created = AccountFixtures.reseller(name)
                .with("contact", Map.of("name", "Help desk", "email", "help@" + unique("r") + ".test"))
                .with("signatures", Map.of("billing", "Billing of " + name, "support", "Support of " + name))
                .create(provider);
        return new Vendor(created.id(), anonymous.withToken(signIn(created.adminEmail(), PASSWORD)));
    }

    private static Api.Response put(Api api, String path, Object body, String ifMatch) {
        Api withVersion = ifMatch == null ? api : api.withHeader("If-Match", ifMatch);
        return withVersion.send("PUT", path, body, "application/json");
    }

    private static Map<String, Object> parts(String subject, String text, String html) {
        Map<String, Object> parts = new HashMap<>();
        parts.put("subject", subject);
        parts.put("text", text);
        parts.put("html", html);
        return parts;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void aResellerOverridesPreviewsAndReturnsToTheDefault() {
        Vendor reseller = reseller("Override Reseller");

        Api.Response list = reseller.admin().get(reseller.templates());
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        JsonNode kind = null;
        for (JsonNode item : list.json().path("items")) {
            if (item.path("kind").asString().equals(KIND)) {
                kind = item;
            }
        }
        assertThat(kind).as("%s", list).isNotNull();
        assertThat(kind.path("languages").toString()).contains("\"en\"", "\"de\"").doesNotContain("true");

        Api.Response template = reseller.admin().get(reseller.template("en"));
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.header("ETag")).isEqualTo("\"0\"");
        assertThat(template.json().path("overridden").asBoolean()).isFalse();
        assertThat(template.json().path("placeholders").toString())
                .contains("notice.number", "customer.name", "brand.name", "signature", "items", "label");
        assertThat(template.json().path("effective").path("subject").asString())
                .isEqualTo("{{brand.name}}: notice {{notice.number}}");

        Api.Response saved = put(reseller.admin(), reseller.template("en"),
                parts("News from {{brand.name}} ({{notice.number}})", null, null), "\"0\"");
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");
        assertThat(saved.json().path("overridden").asBoolean()).isTrue();
        assertThat(saved.json().path("effective").path("subject").asString())
                .isEqualTo("News from {{brand.name}} ({{notice.number}})");
        assertThat(saved.json().path("effective").path("text").asString()).startsWith("Hello {{recipient.name}}");
        assertThat(saved.json().path("override").path("text").isNull()).isTrue();
        assertThat(reseller.admin().get(reseller.templates()).body()).contains("\"language\":\"en\",\"overridden\":true");

        // a second writer with the version it read first loses
        Api.Response stale = put(reseller.admin(), reseller.template("en"), parts("Late {{brand.name}}", null, null),
                "\"0\"");
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);

        Api.Response preview = reseller.admin().post(reseller.template("en") + "/preview", null);
        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.text("subject")).isEqualTo("News from Override Reseller ([notice.number])");
        assertThat(preview.text("text")).contains("notice [notice.number] concerns [customer.name].");
        assertThat(preview.text("html")).contains("<p>Notice [notice.number] concerns [customer.name].</p>");

        // a draft is previewed without being saved
        Api.Response draft = reseller.admin().post(reseller.template("en") + "/preview",
                parts(null, "Draft for {{customer.name}}", null));
        assertThat(draft.status()).as("%s", draft).isEqualTo(200);
        assertThat(draft.text("text")).isEqualTo("Draft for [customer.name]");
        assertThat(draft.text("subject")).isEqualTo("News from Override Reseller ([notice.number])");
        assertThat(reseller.admin().get(reseller.template("en")).header("ETag")).isEqualTo("\"1\"");

        Api.Response audit = reseller.admin().get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=mail-template.overridden");
        assertThat(audit.body()).contains("News from {{brand.name}}");

        Api.Response reset = reseller.admin().withHeader("If-Match", "\"1\"").delete(reseller.template("en"));
        assertThat(reset.status()).as("%s", reset).isEqualTo(200);
        assertThat(reset.header("ETag")).isEqualTo("\"2\"");
        assertThat(reset.json().path("overridden").asBoolean()).isFalse();
        assertThat(reset.json().path("effective").path("subject").asString())
                .isEqualTo("{{brand.name}}: notice {{notice.number}}");
        assertThat(reseller.admin().get(reseller.templates()).body()).doesNotContain("\"overridden\":true");
        assertThat(reseller.admin().get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=mail-template.reset").body()).contains(KIND);
        // the old version no longer matches after the reset
        assertThat(put(reseller.admin(), reseller.template("en"), parts("x {{brand.name}}", null, null), "\"0\"")
                .status()).isEqualTo(412);
    }

    @Test
    void germanHasItsOwnDefaultAndOverride() {
        Vendor reseller = reseller("German Reseller");
        Api.Response german = reseller.admin().get(reseller.template("de"));
        assertThat(german.status()).isEqualTo(200);
        assertThat(german.json().path("defaults").path("subject").asString())
                .isEqualTo("{{brand.name}}: Mitteilung {{notice.number}}");
        Api.Response preview = reseller.admin().post(reseller.template("de") + "/preview", null);
        assertThat(preview.text("text")).startsWith("Hallo [recipient.name],");

        assertThat(put(reseller.admin(), reseller.template("de"), parts("Neu: {{notice.number}}", null, null), null)
                .status()).isEqualTo(200);
        assertThat(reseller.admin().get(reseller.template("en")).json().path("overridden").asBoolean()).isFalse();
        assertThat(reseller.admin().get(reseller.template("fr")).status()).isEqualTo(404);
    }

    @Test
    void badTemplatesAreRefusedAtTheirFieldsAndNothingIsSaved() {
        Vendor reseller = reseller("Careless Reseller");
        Api.Response bad = put(reseller.admin(), reseller.template("en"),
                parts("{{#notice.number}} unclosed", "{{> /etc/passwd}}", "<b>{{{customer.name}}}</b>"), null);
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(fields(bad)).containsExactlyInAnyOrder("subject", "text", "html");
        assertThat(bad.body()).contains("not a valid template", "may not include", "unescaped");

        Api.Response unknown = put(reseller.admin(), reseller.template("en"),
                parts(null, "Dear {{customer.password}}", "<p>{{customer.getClass}}</p>"), null);
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(422);
        assertThat(fields(unknown)).containsExactlyInAnyOrder("text", "html");
        assertThat(unknown.body()).contains("{{customer.password}}", "{{customer.getClass}}", "available: ");

        Api.Response tooLong = put(reseller.admin(), reseller.template("en"), parts("x".repeat(301), null, null), null);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(fields(tooLong)).containsExactly("subject");
        Api.Response twoLines = put(reseller.admin(), reseller.template("en"),
                parts("One\nBcc: everyone@example.com", null, null), null);
        assertThat(twoLines.status()).isEqualTo(422);
        assertThat(twoLines.body()).contains("one line");
        Api.Response delimiters = put(reseller.admin(), reseller.template("en"),
                parts(null, null, "{{=<% %>=}}<%&customer.name%>"), null);
        assertThat(fields(delimiters)).containsExactly("html");
        Api.Response empty = put(reseller.admin(), reseller.template("en"), parts(null, null, null), null);
        assertThat(empty.status()).isEqualTo(422);
        Api.Response badPreview = reseller.admin().post(reseller.template("en") + "/preview",
                parts("{{/oops}}", null, null));
        assertThat(badPreview.status()).isEqualTo(422);
        assertThat(fields(badPreview)).containsExactly("subject");

        Api.Response template = reseller.admin().get(reseller.template("en"));
        assertThat(template.header("ETag")).isEqualTo("\"0\"");
        assertThat(template.json().path("overridden").asBoolean()).isFalse();
        assertThat(reseller.admin().get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=mail-template.overridden").json().path("items").isEmpty()).isTrue();
    }

    @Test
    void valuesAreEscapedInTheHtmlPartOnly() {
        Vendor reseller = reseller("<script>alert(1)</script> GmbH");
        Api.Response preview = reseller.admin().post(reseller.template("en") + "/preview",
                parts(null, "{{brand.name}}", "<h1>{{brand.name}}</h1>"));
        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.text("html")).isEqualTo("<h1>&lt;script&gt;alert(1)&lt;/script&gt; GmbH</h1>");
        assertThat(preview.text("text")).isEqualTo("<script>alert(1)</script> GmbH");
    }

    @Test
    void theSenderIsTheVendorsOwnWhenConfiguredElseThePlatformsWithItsName() {
        Vendor reseller = reseller("Sender Reseller");
        String sender = "/api/v1/accounts/" + reseller.id() + "/mail-sender";
        String contact = provider.get("/api/v1/accounts/" + reseller.id()).json().path("contact").path("email")
                .asString();

        Api.Response platform = reseller.admin().get(sender);
        assertThat(platform.status()).as("%s", platform).isEqualTo(200);
        assertThat(platform.json().path("configured").asBoolean()).isFalse();
        assertThat(platform.text("from")).startsWith("Sender Reseller <").doesNotContain(contact);
        assertThat(platform.text("replyTo")).isEqualTo(contact);
        assertThat(platform.header("ETag")).isEqualTo("\"0\"");

        Api.Response bad = put(reseller.admin(), sender, Map.of("email", "not an address", "name", "A\nB"), null);
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(fields(bad)).containsExactlyInAnyOrder("email", "name");
        assertThat(reseller.admin().get(sender).header("ETag")).isEqualTo("\"0\"");

        Api.Response own = put(reseller.admin(), sender, Map.of("email", "billing@sender.test", "name", "Sender Billing"),
                "\"0\"");
        assertThat(own.status()).as("%s", own).isEqualTo(200);
        assertThat(own.json().path("configured").asBoolean()).isTrue();
        assertThat(own.text("from")).isEqualTo("Sender Billing <billing@sender.test>");
        assertThat(own.text("replyTo")).isNull();
        assertThat(own.header("ETag")).isEqualTo("\"1\"");
        assertThat(reseller.admin().get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=mail-sender.changed").body()).contains("billing@sender.test");

        Api.Response back = reseller.admin().withHeader("If-Match", "\"1\"").delete(sender);
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        assertThat(back.json().path("configured").asBoolean()).isFalse();
        assertThat(back.text("replyTo")).isEqualTo(contact);
    }

    @Test
    void nothingOutsideTheSubtreeNorOfACustomerExists() {
        Vendor mine = reseller("Own Reseller");
        Vendor other = reseller("Sibling Reseller");
        AccountFixtures.Created customer = AccountFixtures.customer("Own Customer").under(mine.id()).create(provider);
        String providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();

        for (String account : List.of(other.id(), providerId, customer.id())) {
            Vendor target = new Vendor(account, mine.admin());
            assertThat(mine.admin().get(target.templates()).status()).as(account).isEqualTo(404);
            assertThat(mine.admin().get(target.template("en")).status()).isEqualTo(404);
            assertThat(put(mine.admin(), target.template("en"), parts("Hi {{brand.name}}", null, null), null).status())
                    .isEqualTo(404);
            assertThat(mine.admin().delete(target.template("en")).status()).isEqualTo(404);
            assertThat(mine.admin().post(target.template("en") + "/preview", null).status()).isEqualTo(404);
            assertThat(mine.admin().get("/api/v1/accounts/" + account + "/mail-sender").status()).isEqualTo(404);
            assertThat(put(mine.admin(), "/api/v1/accounts/" + account + "/mail-sender",
                    Map.of("email", "x@y.test"), null).status()).isEqualTo(404);
        }
        assertThat(other.admin().get(other.template("en")).json().path("overridden").asBoolean()).isFalse();
        assertThat(mine.admin().get(mine.templates() + "/no-such-kind/en").status()).isEqualTo(404);

        // the vendor above may keep a reseller's templates, as on any of its paths
        assertThat(put(provider, mine.template("en"), parts("From above {{brand.name}}", null, null), null).status())
                .isEqualTo(200);
        assertThat(mine.admin().get(mine.template("en")).json().path("overridden").asBoolean()).isTrue();
    }

    @Test
    void readingTakesAccountsReadAndChangingSettingsManage() {
        Vendor reseller = reseller("Privileged Reseller");
        String email = unique("reader") + "@privileged.test";
        Api.Response user = reseller.admin().post("/api/v1/accounts/" + reseller.id() + "/users",
                Map.of("email", email, "name", "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY")));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        Api reader = as(email, PASSWORD);

        assertThat(reader.get(reseller.templates()).status()).isEqualTo(200);
        assertThat(reader.get(reseller.template("en")).status()).isEqualTo(200);
        assertThat(reader.post(reseller.template("en") + "/preview", null).status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/accounts/" + reseller.id() + "/mail-sender").status()).isEqualTo(200);
        Api.Response refused = put(reader, reseller.template("en"), parts("Mine {{brand.name}}", null, null), null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(reader.delete(reseller.template("en")).status()).isEqualTo(403);
        assertThat(put(reader, "/api/v1/accounts/" + reseller.id() + "/mail-sender", Map.of("email", "a@b.test"), null)
                .status()).isEqualTo(403);
        assertThat(reader.delete("/api/v1/accounts/" + reseller.id() + "/mail-sender").status()).isEqualTo(403);
        assertThat(reseller.admin().get(reseller.template("en")).json().path("overridden").asBoolean()).isFalse();
    }
}
