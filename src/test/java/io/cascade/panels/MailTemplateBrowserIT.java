package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail editor in Chromium (issue 16): the preview follows what is typed (htmx, no reload), names a bad template
 * instead, shows the HTML part in a sandboxed frame without breaking the page's content security policy (checked
 * after every browser test), and saving keeps the vendor's version.
 */
class MailTemplateBrowserIT extends BrowserTest {
    private static final String KIND = "template-test";

    @Test
    void thePreviewFollowsWhatIsTypedAndTheVersionIsSaved() {
        AccountFixtures.Created reseller = AccountFixtures.reseller("Browser Mail Reseller").create(provider);
        Api admin = anonymous.withToken(signIn(reseller.adminEmail(), PASSWORD));
        signInAs(reseller.adminEmail(), PASSWORD);

        open("/panel/accounts/" + reseller.id());
        click("mail-tab");
        assertThat(text("sender-from")).startsWith("Browser Mail Reseller <");
        screenshot("mail");
        click("edit-" + KIND + "-en");
        assertThat(text("preview-subject")).isEqualTo("Browser Mail Reseller: notice [notice.number]");

        fill("subject", "Live from {{brand.name}}");
        waitForText("preview-subject", "Live from Browser Mail Reseller");
        fill("html", "<p style=\"color:red\">{{{brand.name}}}</p>");
        waitForText("preview-problems", "unescaped");
        fill("html", "<p style=\"color:red\">Hello from {{brand.name}}</p>");
        waitUntil(driver -> !present(By.id("preview-problems")));
        assertThat(byId("preview-html").getDomAttribute("sandbox")).isEmpty();
        assertThat(byId("preview-html").getDomAttribute("srcdoc"))
                .isEqualTo("<p>Hello from Browser Mail Reseller</p>");
        screenshot("mail-template");

        click("save-template");
        assertThat(notice()).contains("saved");
        assertThat(text("template-state")).contains("own version");
        JsonNode override = admin.get("/api/v1/accounts/" + reseller.id() + "/mail-templates/" + KIND + "/en").json()
                .path("override");
        assertThat(override.path("subject").asString()).isEqualTo("Live from {{brand.name}}");
        assertThat(override.path("html").asString()).isEqualTo("<p style=\"color:red\">Hello from {{brand.name}}</p>");
        assertThat(override.path("text").isNull()).isTrue();
    }
}
