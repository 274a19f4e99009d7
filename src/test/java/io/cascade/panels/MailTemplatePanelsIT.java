package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor's mail pages over plain HTTP (issue 16): the sender form, the list of kinds, the editor with its htmx
 * preview, saving only the parts that differ from the default, a bad template shown at its field with nothing saved,
 * the reset, and the "Not found" page for a customer and for a sibling's mail.
 */
class MailTemplatePanelsIT extends IntegrationTest {
    private static final String KIND = "template-test";

    @Value("${local.server.port}")
    private int port;

    @Test
    void aResellerEditsPreviewsSavesAndResetsItsMail() {
        AccountFixtures.Created reseller = AccountFixtures.reseller("Panel Mail Reseller")
                .with("contact", Map.of("email", "desk@panelmail.test")).create(provider);
        Api admin = anonymous.withToken(signIn(reseller.adminEmail(), PASSWORD));
        String api = "/api/v1/accounts/" + reseller.id() + "/mail-templates/" + KIND + "/en";
        JsonNode defaults = admin.get(api).json().path("defaults");
        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(reseller.adminEmail(), PASSWORD);
        String mail = "/panel/accounts/" + reseller.id() + "/mail";

        PanelClient.Page list = panel.get(mail);
        assertThat(list.status()).isEqualTo(200);
        assertThat(panel.get("/panel/accounts/" + reseller.id()).body()).contains("id=\"mail-tab\"");
        assertThat(list.text("edit-" + KIND + "-en")).isEqualTo("Default");
        assertThat(list.text("edit-" + KIND + "-de")).isEqualTo("Default");
        assertThat(plain(list.text("sender-from"))).startsWith("Panel Mail Reseller <");
        assertThat(list.text("sender-reply-to")).isEqualTo("desk@panelmail.test");

        PanelClient.Page badSender = panel.post(mail + "/sender", Map.of("email", "nobody", "name", "", "version", "0"));
        assertThat(badSender.status()).isEqualTo(422);
        assertThat(badSender.text("sender-email-error")).contains("email address");
        PanelClient.Page sender = panel.post(mail + "/sender",
                Map.of("email", "news@panelmail.test", "name", "Panel News", "version", "0"));
        assertThat(sender.status()).as(sender.body()).isEqualTo(302);
        assertThat(plain(panel.get(mail).text("sender-from"))).isEqualTo("Panel News <news@panelmail.test>");

        PanelClient.Page editor = panel.get(mail + "/" + KIND + "/en");
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.text("preview-subject")).isEqualTo("Panel Mail Reseller: notice [notice.number]");
        assertThat(editor.text("placeholders")).contains("{{notice.number}}", "{{brand.name}}");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("subject", "Hello from {{brand.name}}");
        form.put("text", defaults.path("text").asString().replace("\n", "\r\n"));
        form.put("html", defaults.path("html").asString());
        form.put("version", "0");
        PanelClient.Page live = panel.postHtmx(mail + "/" + KIND + "/en/preview", form);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).doesNotContain("<html").contains("id=\"preview\"");
        assertThat(live.text("preview-subject")).isEqualTo("Hello from Panel Mail Reseller");

        Map<String, String> broken = new LinkedHashMap<>(form);
        broken.put("html", "<p>{{{brand.name}}}</p>");
        PanelClient.Page brokenLive = panel.postHtmx(mail + "/" + KIND + "/en/preview", broken);
        assertThat(brokenLive.text("preview-problems")).contains("html", "unescaped");
        PanelClient.Page refused = panel.post(mail + "/" + KIND + "/en", broken);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("html-error")).contains("unescaped");
        assertThat(admin.get(api).header("ETag")).isEqualTo("\"0\"");

        PanelClient.Page saved = panel.post(mail + "/" + KIND + "/en", form);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode template = admin.get(api).json();
        assertThat(template.path("override").path("subject").asString()).isEqualTo("Hello from {{brand.name}}");
        assertThat(template.path("override").path("text").isNull()).as("a part left as the default stays it").isTrue();
        assertThat(template.path("override").path("html").isNull()).isTrue();
        assertThat(panel.get(mail).text("edit-" + KIND + "-en")).isEqualTo("Own version");

        PanelClient.Page own = panel.get(mail + "/" + KIND + "/en");
        assertThat(own.text("template-state")).contains("own version");
        PanelClient.Page reset = panel.post(mail + "/" + KIND + "/en/reset", Map.of("version", "1"));
        assertThat(reset.status()).isEqualTo(302);
        assertThat(admin.get(api).json().path("overridden").asBoolean()).isFalse();
        assertThat(panel.get(mail).text("edit-" + KIND + "-en")).isEqualTo("Default");
    }

    /** Text with the angle brackets the page escapes. */
    private static String plain(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">");
    }

    @Test
    void aCustomerHasNoMailPagesAndASiblingsAreNotFound() {
        AccountFixtures.Created reseller = AccountFixtures.reseller("Panel Mail Own").create(provider);
        AccountFixtures.Created sibling = AccountFixtures.reseller("Panel Mail Sibling").create(provider);
        AccountFixtures.Created customer = AccountFixtures.customer("Panel Mail Customer").under(reseller.id())
                .create(provider);
        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(reseller.adminEmail(), PASSWORD);
        assertThat(panel.get("/panel/accounts/" + reseller.id() + "/mail").status()).isEqualTo(200);
        assertThat(panel.get("/panel/accounts/" + customer.id() + "/mail").status()).isEqualTo(404);
        assertThat(panel.get("/panel/accounts/" + sibling.id() + "/mail").status()).isEqualTo(404);
        assertThat(panel.get("/panel/accounts/" + sibling.id() + "/mail/" + KIND + "/en").status()).isEqualTo(404);
        assertThat(panel.get("/panel/accounts/" + reseller.id() + "/mail/no-such-kind/en").status()).isEqualTo(404);
    }
}
