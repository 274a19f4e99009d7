package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forgotten password, end to end over HTTP: the sign-in page leads to the request form, which answers the same for
 * a known and an unknown address; the mail's link opens the panel page that sets a new password once, which signs the
 * user out everywhere; the API does the same; requests are throttled per address without telling who has a login;
 * the mail is German for an account whose locale is German.
 */
class PasswordResetIT extends IntegrationTest {
    private static final String NEW_PASSWORD = "Fresh-Reset-Pass-7";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/panel/password-reset\\?token=([A-Za-z0-9_-]+)");

    @Value("${local.server.port}")
    private int port;

    private PanelClient panel() {
        return new PanelClient(port, randomAddress());
    }

    /** The link of the one reset mail sent to this address (waiting for it). */
    private static String linkIn(MimeMessage mail) {
        Matcher m = LINK.matcher(TestMail.text(mail));
        assertThat(m.find()).as("a reset link in %s", TestMail.text(mail)).isTrue();
        return m.group();
    }

    private static String tokenOf(String link) {
        Matcher m = LINK.matcher(link);
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    @Test
    void aForgottenPasswordIsResetThroughTheSignInPageAndTheLinkWorksOnce() {
        var customer = AccountFixtures.customer(unique("Forgetful")).create(provider);
        String before = signIn(customer.adminEmail(), PASSWORD); // a token from before, to be revoked
        PanelClient panel = panel();

        assertThat(panel.get("/login").body()).contains("href=\"/panel/forgot-password\"");
        assertThat(panel.get("/panel/forgot-password").status()).isEqualTo(200);
        PanelClient.Page malformed = panel.post("/panel/forgot-password", Map.of("email", "no-at-sign"));
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.text("email-error")).isEqualTo("is not an e-mail address");

        PanelClient.Page sent = panel.post("/panel/forgot-password", Map.of("email", customer.adminEmail()));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.text("reset-sent")).contains(customer.adminEmail(), "is on its way");
        String unknownEmail = unique("nobody") + "@unknown.test";
        PanelClient.Page unknown = panel.post("/panel/forgot-password", Map.of("email", unknownEmail));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.text("reset-sent").replace(unknownEmail, "X"))
                .as("the same answer for an address without a login")
                .isEqualTo(sent.text("reset-sent").replace(customer.adminEmail(), "X"));

        MimeMessage mail = TestMail.await(customer.adminEmail(), "Choose a new password");
        String link = linkIn(mail);
        assertThat(TestMail.html(mail).orElseThrow().replace("&#x3D;", "=")).as("the HTML part links there too")
                .contains("href=\"" + link + "\"");
        assertThat(link).startsWith("http://localhost:" + port + "/panel/password-reset?token=pwr_");
        String path = link.substring(link.indexOf("/panel/"));

        PanelClient visitor = panel();
        PanelClient.Page form = visitor.get(path);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.text("holder-email")).isEqualTo(customer.adminEmail());
        PanelClient.Page mismatch = visitor.post("/panel/password-reset", Map.of("token", tokenOf(link),
                "password", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD + "x"));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.text("confirmPassword-error")).isEqualTo("does not match the password");
        PanelClient.Page weak = visitor.post("/panel/password-reset", Map.of("token", tokenOf(link),
                "password", "short", "confirmPassword", "short"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.text("password-error")).contains("at least 10 characters");

        PanelClient.Page done = visitor.post("/panel/password-reset", Map.of("token", tokenOf(link),
                "password", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.location()).endsWith("/login?passwordReset");
        assertThat(visitor.get("/login?passwordReset").text("login-notice")).contains("new password is set");
        assertThat(anonymous.withToken(before).get("/api/v1/me").status()).as("signed out everywhere")
                .isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", customer.adminEmail(),
                "password", PASSWORD)).status()).as("the old password is gone").isEqualTo(401);
        panel().signedIn(customer.adminEmail(), NEW_PASSWORD);

        PanelClient.Page again = panel().get(path);
        assertThat(again.status()).as("the link works once").isEqualTo(410);
        assertThat(again.text("link-expired")).contains("used or expired");
        PanelClient.Page replay = visitor.post("/panel/password-reset", Map.of("token", tokenOf(link),
                "password", "Another-Pass-word-9", "confirmPassword", "Another-Pass-word-9"));
        assertThat(replay.status()).isEqualTo(410);
        panel().signedIn(customer.adminEmail(), NEW_PASSWORD);

        assertThat(TestMail.all(unknownEmail)).as("nothing is sent to an address without a login").isEmpty();
        var audit = provider.get("/api/v1/accounts/" + customer.id() + "/audit-events").json().path("items");
        assertThat(audit.valueStream().map(e -> e.path("action").asString()))
                .contains("user.password-reset-requested", "user.password-reset");
    }

    @Test
    void theApiResetsAPasswordOnceAndAnswersTheSameForEveryAddress() {
        var customer = AccountFixtures.customer(unique("Api Forgetful")).with("locale", "de-DE").create(provider);
        String unknownEmail = unique("nobody") + "@unknown.test";
        Api.Response known = anonymous.post("/api/v1/auth/password-resets", Map.of("email", customer.adminEmail()));
        Api.Response unknown = anonymous.post("/api/v1/auth/password-resets", Map.of("email", unknownEmail));
        assertThat(known.status()).as("%s", known).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        Api.Response malformed = anonymous.post("/api/v1/auth/password-resets", Map.of("email", "nope"));
        assertThat(malformed.status()).isEqualTo(422);

        MimeMessage mail = TestMail.await(customer.adminEmail(), "Neues Passwort");
        assertThat(TestMail.text(mail)).as("German for an account whose locale is German")
                .contains("Wählen Sie hier ein neues Passwort");
        String token = tokenOf(linkIn(mail));

        Api.Response weak = anonymous.post("/api/v1/auth/password-resets/complete",
                Map.of("token", token, "password", "short"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        Api.Response done = anonymous.post("/api/v1/auth/password-resets/complete",
                Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(done.status()).as("a refused attempt leaves the link usable: %s", done).isEqualTo(204);
        signIn(customer.adminEmail(), NEW_PASSWORD);

        Api.Response again = anonymous.post("/api/v1/auth/password-resets/complete",
                Map.of("token", token, "password", "Another-Pass-word-9"));
        assertThat(again.status()).as("the link works once").isEqualTo(422);
        assertThat(again.text("type")).isEqualTo("urn:cascade:problem:invalid-input");
        assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("token");
        assertThat(again.json().path("errors").get(0).path("message").asString()).isEqualTo("is unknown, used or expired");
        signIn(customer.adminEmail(), NEW_PASSWORD);
        assertThat(TestMail.all(unknownEmail)).isEmpty();
    }

    @Test
    void requestsAreThrottledPerAddressWithoutTellingWhoHasALogin() {
        var customer = AccountFixtures.customer(unique("Throttled Forgetful")).create(provider);
        String unknownEmail = unique("nobody") + "@unknown.test";
        for (int i = 0; i < 5; i++) {
            Api client = anonymous.withHeader("X-Forwarded-For", randomAddress());
            assertThat(client.post("/api/v1/auth/password-resets", Map.of("email", customer.adminEmail())).status())
                    .isEqualTo(202);
            assertThat(client.post("/api/v1/auth/password-resets", Map.of("email", unknownEmail)).status())
                    .isEqualTo(202);
        }
        // a mail sent after the five requests, to know when those five have been dispatched
        var other = AccountFixtures.customer(unique("Other Forgetful")).create(provider);
        assertThat(anonymous.post("/api/v1/auth/password-resets", Map.of("email", other.adminEmail())).status())
                .isEqualTo(202);
        TestMail.await(other.adminEmail(), "Choose a new password");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> TestMail.all(customer.adminEmail()).size() >= 3);
        assertThat(TestMail.all(customer.adminEmail())).as("3 links per address within 15 minutes").hasSize(3);

        Api client = anonymous.withHeader("X-Forwarded-For", randomAddress());
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(client.post("/api/v1/auth/password-resets",
                    Map.of("email", unique("nobody") + "@unknown.test")).status());
        }
        assertThat(statuses).containsOnly(202);
        Api.Response blocked = client.post("/api/v1/auth/password-resets", Map.of("email", customer.adminEmail()));
        assertThat(blocked.status()).as("one client address asks at most 20 times: %s", blocked).isEqualTo(429);
        assertThat(blocked.text("type")).isEqualTo("urn:cascade:problem:login-throttled");
        assertThat(blocked.header("Retry-After")).isNotBlank();
    }
}
