package io.cascade.panels;

import io.cascade.brands.internal.TestDns;
import io.cascade.support.AccountFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reseller's own panel address in the browser (issue 18, ADR 0035): its admin adds the host on the "Panel hosts"
 * page, publishes the TXT record shown there (in the tests' DNS) and verifies it; Chromium, told by
 * {@code --host-resolver-rules} that {@code *.northwind.example} is this machine, then opens
 * {@code http://panel-….northwind.example:<port>/}: a user of another subtree cannot sign in there with the right
 * password, the reseller's customer can, and its session cookie belongs to that host only.
 */
class PanelHostBrowserIT extends BrowserTest {

    @Autowired
    private TestDns dns;

    @Value("${local.server.port}")
    private int port;

    private void openOn(String host, String path) {
        browser.get("http://" + host + ":" + port + path);
    }

    private void signInOn(String host, String email, String password) {
        openOn(host, "/login");
        fill("email", email);
        fill("password", password);
        click("sign-in");
    }

    @Test
    void aResellerVerifiesItsHostAndOnlyItsSubtreeSignsInThere() {
        var reseller = AccountFixtures.reseller(unique("Northwind")).create(provider);
        var customer = AccountFixtures.customer(unique("Buyer")).under(reseller.id()).create(provider);
        var sibling = AccountFixtures.reseller(unique("Sibling")).create(provider);
        String host = "panel-" + reseller.id().substring(0, 8) + ".northwind.example";

        // the reseller's admin adds the host from its account page and reads the record to publish
        signInAs(reseller.adminEmail(), PASSWORD);
        open("/panel/accounts/" + reseller.id());
        click("panel-hosts-link");
        fill("host-name", host.toUpperCase());
        click("add-host");
        assertThat(notice()).contains("Added " + host);
        assertThat(text("state-" + host).toLowerCase()).startsWith("unverified");
        assertThat(text("txt-name-" + host)).isEqualTo("_cascade-challenge." + host);
        assertThat(present(By.id("mark-verified-" + host))).as("only the provider's staff mark by hand").isFalse();
        String token = text("txt-value-" + host);

        click("verify-" + host);
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("_cascade-challenge." + host);
        dns.publish("_cascade-challenge." + host, token);
        click("verify-" + host);
        assertThat(notice()).contains(host + " is verified");
        assertThat(text("state-" + host).toLowerCase()).startsWith("verified").endsWith("(dns)");
        screenshot("panel-hosts");
        browser.manage().deleteAllCookies();

        // on the reseller's host: another subtree's user is refused as a wrong password is
        signInOn(host, sibling.adminEmail(), PASSWORD);
        assertThat(text("login-error")).isEqualTo("The e-mail or password is wrong.");
        signInOn(host, customer.adminEmail(), "Wrong-Password-1");
        assertThat(text("login-error")).isEqualTo("The e-mail or password is wrong.");

        // its customer signs in there, and stays on that host
        signInOn(host, customer.adminEmail(), PASSWORD);
        waitUntil(ExpectedConditions.urlContains("/panel/accounts/" + customer.id()));
        assertThat(browser.getCurrentUrl()).startsWith("http://" + host + ":" + port + "/");
        Cookie session = browser.manage().getCookieNamed("CASCADE_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.getDomain()).as("a host-only cookie").isEqualTo(host);

        // the platform's own host knows nothing of that session
        open("/panel/accounts/" + customer.id());
        waitUntil(ExpectedConditions.urlContains("/login"));
    }
}
