package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in on a vendor's own panel host (issue 18, ADR 0035): only users of the vendor's subtree sign in there,
 * everyone else gets exactly the answer of a wrong password (and is throttled as one); password-reset links follow the
 * same rule; a session is kept for the host it was made on; the platform's own host works as before.
 */
class HostSignInIT extends IntegrationTest {
    private static final Pattern LINK = Pattern.compile("/panel/password-reset\\?token=([A-Za-z0-9_-]+)");

    @Value("${local.server.port}")
    private int port;

    private record Tree(String host, AccountFixtures.Created reseller, AccountFixtures.Created customer,
                        AccountFixtures.Created sibling) {
    }

    /** A reseller with a verified panel host and a customer, and a reseller beside it. */
    private Tree tree() {
        var reseller = AccountFixtures.reseller(unique("Northwind")).create(provider);
        var customer = AccountFixtures.customer(unique("Buyer")).under(reseller.id()).create(provider);
        var sibling = AccountFixtures.reseller(unique("Sibling")).create(provider);
        String host = "panel." + reseller.id().substring(0, 8) + ".northwind.example";
        String hosts = "/api/v1/accounts/" + reseller.id() + "/panel-hosts";
        assertThat(provider.post(hosts, Map.of("host", host)).status()).isEqualTo(201);
        assertThat(provider.post(hosts + "/" + host + "/verify", Map.of("manual", true)).status()).isEqualTo(200);
        return new Tree(host, reseller, customer, sibling);
    }

    /** The customer's account page, where its users land. */
    private static String page(Tree tree) {
        return "/panel/accounts/" + tree.customer().id();
    }

    private PanelClient on(String host) {
        return new PanelClient(port, randomAddress()).onHost(host);
    }

    /** The refusal as a user sees it: status and the whole page, but for the e-mail it echoes and its CSRF token. */
    private static String refusal(PanelClient.Page page, String email) {
        return page.status() + " " + page.body().replace(email, "E")
                .replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"", "");
    }

    @Test
    void onAResellersHostOnlyItsSubtreeSignsInAndEveryoneElseIsAWrongPassword() {
        Tree tree = tree();

        String nobody = unique("nobody") + "@nowhere.test";
        PanelClient.Page wrongPassword = on(tree.host()).signIn(tree.customer().adminEmail(), "Not-The-Password-1", null);
        PanelClient.Page outsider = on(tree.host()).signIn(tree.sibling().adminEmail(), PASSWORD, null);
        PanelClient.Page providerAdmin = on(tree.host()).signIn(ADMIN_EMAIL, ADMIN_PASSWORD, null);
        PanelClient.Page unknown = on(tree.host()).signIn(nobody, PASSWORD, null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.text("login-error")).isEqualTo("The e-mail or password is wrong.");
        String expected = refusal(wrongPassword, tree.customer().adminEmail());
        assertThat(refusal(outsider, tree.sibling().adminEmail())).isEqualTo(expected);
        assertThat(refusal(unknown, nobody)).isEqualTo(expected);
        assertThat(refusal(providerAdmin, ADMIN_EMAIL)).as("the provider is above the host's vendor")
                .isEqualTo(expected);

        // the reseller's own staff and its customers sign in there
        assertThat(on(tree.host()).signIn(tree.reseller().adminEmail(), PASSWORD, null).status()).isEqualTo(302);
        PanelClient customer = on(tree.host()).signedIn(tree.customer().adminEmail(), PASSWORD);
        assertThat(customer.get(page(tree)).status()).isEqualTo(200);

        // on the platform's own host everyone signs in as before
        assertThat(new PanelClient(port, randomAddress()).signIn(tree.sibling().adminEmail(), PASSWORD, null).status())
                .isEqualTo(302);
        // and API tokens do not depend on the host
        assertThat(anonymous.withHeader("X-Forwarded-Host", tree.host()).post("/api/v1/auth/tokens",
                Map.of("email", tree.sibling().adminEmail(), "password", PASSWORD)).status()).isEqualTo(201);
    }

    @Test
    void refusalsOnAHostAreThrottledAsWrongPasswordsWithoutLockingTheUserOutOfItsOwnHost() {
        Tree tree = tree();
        PanelClient outsider = on(tree.host());
        String last = null;
        for (int i = 0; i < 8 && !"429".equals(last); i++) {
            last = String.valueOf(outsider.signIn(tree.sibling().adminEmail(), PASSWORD, null).status());
            assertThat(last).isIn("401", "429");
        }
        assertThat(last).as("refused sign-ins on the host are counted").isEqualTo("429");
        assertThat(new PanelClient(port, randomAddress()).signIn(tree.sibling().adminEmail(), PASSWORD, null).status())
                .isEqualTo(302);
    }

    @Test
    void aSessionIsKeptForTheHostItWasMadeOn() {
        Tree tree = tree();
        PanelClient customer = on(tree.host()).signedIn(tree.customer().adminEmail(), PASSWORD);
        assertThat(customer.get(page(tree)).status()).isEqualTo(200);

        // the same cookie on the platform's host or another vendor's host: not signed in
        PanelClient.Page elsewhere = customer.onHost(null).get(page(tree));
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(elsewhere.location()).contains("/login");
        assertThat(customer.onHost("panel.other.example").get(page(tree)).status()).isEqualTo(302);
        // back on its own host the session still works
        assertThat(customer.onHost(tree.host()).get(page(tree)).status()).isEqualTo(200);

        // and a session of the platform's host is not accepted on the vendor's host
        PanelClient platform = new PanelClient(port, randomAddress()).signedIn(tree.customer().adminEmail(), PASSWORD);
        assertThat(platform.get(page(tree)).status()).isEqualTo(200);
        assertThat(platform.onHost(tree.host()).get(page(tree)).status()).isEqualTo(302);
    }

    @Test
    void theSessionCookieIsHostOnly() throws Exception {
        Tree tree = tree();
        for (String host : new String[] {null, tree.host()}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .header("X-Forwarded-For", randomAddress());
            if (host != null) {
                request.header("X-Forwarded-Host", host);
            }
            HttpResponse<String> page = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> cookies = page.headers().allValues("Set-Cookie");
            assertThat(cookies).as("a session cookie").anyMatch(c -> c.startsWith("CASCADE_SESSION="));
            assertThat(cookies).allSatisfy(c -> assertThat(c.toLowerCase()).doesNotContain("domain="));
        }
    }

    @Test
    void passwordResetsOnAHostAreForItsSubtreeOnly() {
        Tree tree = tree();
        // asking on the host: the same answer for an outsider, but only the subtree's user gets a link
        PanelClient host = on(tree.host());
        host.get("/panel/forgot-password");
        PanelClient.Page outsider = host.post("/panel/forgot-password", Map.of("email", tree.sibling().adminEmail()));
        PanelClient.Page insider = host.post("/panel/forgot-password", Map.of("email", tree.customer().adminEmail()));
        assertThat(outsider.status()).isEqualTo(200);
        assertThat(outsider.text("reset-sent").replace(tree.sibling().adminEmail(), "X"))
                .isEqualTo(insider.text("reset-sent").replace(tree.customer().adminEmail(), "X"));
        assertThat(provider.get("/api/v1/accounts/" + tree.sibling().id()
                + "/audit-events?action=user.password-reset-requested").json().path("items")).isEmpty();
        assertThat(provider.get("/api/v1/accounts/" + tree.customer().id()
                + "/audit-events?action=user.password-reset-requested").json().path("items")).hasSize(1);

        // a link of a user outside the subtree does not work on the host (as if used or expired), and stays usable
        PanelClient asking = new PanelClient(port, randomAddress());
        asking.get("/panel/forgot-password");
        asking.post("/panel/forgot-password", Map.of("email", tree.sibling().adminEmail()));
        Matcher link = LINK.matcher(TestMail.text(TestMail.await(tree.sibling().adminEmail(), "Choose a new password")));
        assertThat(link.find()).isTrue();
        PanelClient onHost = on(tree.host());
        assertThat(onHost.get(link.group()).status()).isEqualTo(410);
        onHost.get("/panel/forgot-password"); // a form's CSRF token
        PanelClient.Page refused = onHost.post("/panel/password-reset", Map.of("token", link.group(1),
                "password", "Outsider-New-Pass-9", "confirmPassword", "Outsider-New-Pass-9"));
        assertThat(refused.status()).isEqualTo(410);
        PanelClient platform = new PanelClient(port, randomAddress());
        assertThat(platform.get(link.group()).status()).isEqualTo(200);
        assertThat(platform.post("/panel/password-reset", Map.of("token", link.group(1),
                "password", "Outsider-New-Pass-9", "confirmPassword", "Outsider-New-Pass-9")).location())
                .endsWith("/login?passwordReset");
        Api.Response token = anonymous.post("/api/v1/auth/tokens",
                Map.of("email", tree.sibling().adminEmail(), "password", "Outsider-New-Pass-9"));
        assertThat(token.status()).isEqualTo(201);
    }

    @Test
    void thePanelHostsPageLetsOnlyTheProvidersStaffMarkAHostVerified() {
        var reseller = AccountFixtures.reseller(unique("Paged")).create(provider);
        var customer = AccountFixtures.customer(unique("Paged Buyer")).under(reseller.id()).create(provider);
        String host = "panel." + reseller.id().substring(0, 8) + ".paged.example";
        String page = "/panel/accounts/" + reseller.id() + "/panel-hosts";

        PanelClient admin = new PanelClient(port, randomAddress()).signedIn(reseller.adminEmail(), PASSWORD);
        assertThat(admin.get("/panel/accounts/" + reseller.id()).body()).contains("id=\"panel-hosts-link\"");
        assertThat(admin.post(page, Map.of("host", "not a host")).status()).isEqualTo(422);
        assertThat(admin.post(page, Map.of("host", host)).location()).endsWith(page);
        PanelClient.Page listed = admin.get(page);
        assertThat(listed.text("txt-name-" + host)).isEqualTo("_cascade-challenge." + host);
        assertThat(listed.body()).doesNotContain("mark-verified-" + host);
        PanelClient.Page refused = admin.post(page + "/" + host + "/verify", Map.of("manual", "true"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(admin.get("/panel/accounts/" + customer.id() + "/panel-hosts").status()).isEqualTo(404);

        PanelClient providerAdmin = new PanelClient(port, randomAddress()).signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(providerAdmin.get(page).body()).contains("mark-verified-" + host);
        assertThat(providerAdmin.post(page + "/" + host + "/verify", Map.of("manual", "true")).location())
                .endsWith(page);
        assertThat(providerAdmin.get(page).text("state-" + host)).containsIgnoringCase("verified").contains("by hand");
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/panel-hosts/" + host).json()
                .path("method").asString()).isEqualTo("MANUAL");

        assertThat(admin.post(page + "/" + host + "/delete", Map.of()).location()).endsWith(page);
        assertThat(admin.get(page).body()).contains("No panel hosts yet.");
    }
}
