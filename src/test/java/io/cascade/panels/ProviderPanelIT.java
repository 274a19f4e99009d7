package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's panel in a real browser (issue 6): sign-in, onboarding a reseller with the full form (a refused
 * field shown at the field, then success), browsing and searching the tree with htmx, suspending after the cascade is
 * explained, acting on behalf of an account below and back, and signing out.
 */
class ProviderPanelIT extends BrowserTest {

    @Test
    void signsInAndOnboardsAResellerWithTheFullForm() {
        open("/login");
        fill("email", ADMIN_EMAIL);
        fill("password", "not-the-password");
        click("sign-in");
        assertThat(text("login-error")).isEqualTo("The e-mail or password is wrong.");
        screenshot("sign-in");
        assertThat(byId("email").getDomProperty("value")).as("the e-mail stays").isEqualTo(ADMIN_EMAIL);

        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(path()).isEqualTo("/");
        assertThat(byId("counts").isDisplayed()).isTrue();
        screenshot("dashboard");

        clickLink("New reseller");
        String name = unique("Onboarded Reseller");
        String adminEmail = unique("boss") + "@onboarded.test";
        fill("companyName", name);
        fill("contact-name", "Olga Onboard");
        fill("contact-email", "olga@onboarded.test");
        fill("contact-phone", "+49 30 1234567");
        fill("address-street", "Hauptstr. 1");
        fill("address-postalCode", "10115");
        fill("address-city", "Berlin");
        select("address-country", "DE");
        fill("phone", "+49 30 7654321");
        fill("homepage", "www.onboarded.test");
        fill("revenue-amount", "1250000.50");
        fill("taxId", "DE123456789");
        fill("signatures-billing", "Your billing team at Onboarded");
        fill("signatures-support", "Support: +49 30 111");
        fill("signatures-sales", "Sales: sales@onboarded.test");
        select("resellerProfile-model", "COMMISSION");
        select("resellerProfile-customerInvoiceFormat", "BOTH");
        fill("resellerProfile-customerBillCycleDay", "15");
        fill("admin-email", adminEmail);
        fill("admin-name", "Bo Boss");
        fill("admin-password", "short");
        click("save");

        assertThat(text("homepage-error")).isEqualTo("must be an http(s) URL");
        screenshot("onboarding-form-errors");
        assertThat(text("admin-password-error")).contains("at least 10 characters");
        assertThat(byId("homepage").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("companyName").getDomProperty("value")).as("what was typed stays").isEqualTo(name);
        assertThat(byId("admin-password").getDomProperty("value")).as("a password is never sent back").isEmpty();
        assertThat(provider.get("/api/v1/accounts?q=" + name.replace(" ", "%20"))
                .json().path("items")).as("nothing was created").isEmpty();

        fill("homepage", "https://onboarded.test");
        fill("admin-password", "Onboarded-Boss-2026");
        click("save");

        assertThat(text("account-name")).isEqualTo(name);
        screenshot("account-page");
        assertThat(notice()).startsWith("Created " + name);
        String id = path().substring("/panel/accounts/".length());
        JsonNode created = provider.get("/api/v1/accounts/" + id).json();
        assertThat(created.path("type").asString()).isEqualTo("RESELLER");
        assertThat(created.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.path("address").path("country").asString()).isEqualTo("DE");
        assertThat(created.path("contact").path("email").asString()).isEqualTo("olga@onboarded.test");
        assertThat(created.path("estimatedAnnualRevenue").path("amount").asString()).isEqualTo("1250000.50");
        assertThat(created.path("signatures").path("billing").asString()).isEqualTo("Your billing team at Onboarded");
        assertThat(created.path("resellerProfile").path("model").asString()).isEqualTo("COMMISSION");
        assertThat(created.path("resellerProfile").path("customerInvoiceFormat").asString()).isEqualTo("BOTH");
        assertThat(created.path("resellerProfile").path("customerBillCycleDay").asInt()).isEqualTo(15);
        signIn(adminEmail, "Onboarded-Boss-2026");
    }

    @Test
    void theProviderMayCreateASimpleCustomer() {
        // issue 19 turned this rule round (seed 004): only billable customers need a seller as vendor; the provider
        // may have simple ones (its departments), which nobody invoices
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/panel/accounts/new?type=CUSTOMER");
        String name = unique("Simple Customer");
        fill("companyName", name);
        click("billable-no");
        fill("admin-email", unique("simple") + "@simple.test");
        fill("admin-name", "Sim Ple");
        click("save");
        assertThat(text("main")).contains("Created " + name);
        assertThat(provider.get("/api/v1/accounts?q=" + name.replace(" ", "%20")).json().path("items").get(0)
                .path("billable").asBoolean(true)).isFalse();
    }

    @Test
    void thePlatformSettingsRefuseABadDepthAtItsField() {
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        clickLink("Settings");
        String depth = byId("maxResellerDepth").getDomProperty("value");
        fill("maxResellerDepth", "0");
        click("save-settings");
        assertThat(text("maxResellerDepth-error")).isEqualTo("must be greater than or equal to 1");
        assertThat(provider.get("/api/v1/platform/reseller-settings").json().path("maxResellerDepth").asString())
                .as("unchanged").isEqualTo(depth);
    }

    @Test
    void browsesAndSearchesTheTreePageByPage() {
        String reseller = AccountFixtures.reseller(unique("Tree Reseller")).create(provider).id();
        for (String name : new String[] {"Alder", "Birch", "Cedar"}) {
            AccountFixtures.customer(unique(name)).under(reseller).create(provider);
        }
        AccountFixtures.customer(unique("Elsewhere Zeta")).create(provider);
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);

        open("/panel/accounts?under=" + reseller + "&limit=2");
        assertThat(listedAccounts()).hasSize(2);
        assertThat(listedAccounts().get(0)).startsWith("Alder");
        WebElement firstRow = browser.findElement(By.cssSelector("#account-list tbody tr"));
        click("next-page");
        waitUntil(ExpectedConditions.stalenessOf(firstRow));
        assertThat(listedAccounts()).hasSize(1);
        assertThat(listedAccounts().get(0)).startsWith("Cedar");
        assertThat(path()).as("htmx keeps the address in step").contains("cursor=");
        screenshot("account-tree");

        open("/panel/accounts?under=" + reseller);
        fill("q", "birch");
        waitUntil(d -> listedAccounts().size() == 1);
        assertThat(listedAccounts().get(0)).startsWith("Birch");

        open("/panel/accounts");
        select("scope", "subtree");
        fill("q", "Elsewhere Zeta");
        waitUntil(d -> listedAccounts().size() == 1 && listedAccounts().get(0).startsWith("Elsewhere Zeta"));
        select("status", "SUSPENDED");
        waitUntil(d -> present(By.id("no-accounts")));
    }

    @Test
    void suspendsAResellerOnlyAfterExplainingTheCascade() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Cascade Reseller")).create(provider);
        String sub = AccountFixtures.reseller(unique("Cascade Sub")).under(reseller.id()).create(provider).id();
        String customer = AccountFixtures.customer(unique("Cascade Customer")).under(sub).create(provider).id();
        Api resellerAdmin = as(reseller.adminEmail(), PASSWORD);
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);

        open("/panel/accounts/" + reseller.id());
        click("suspend");
        assertThat(text("cascade-count")).contains("also suspends 2 active or pending accounts below it")
                .contains("1 resellers").contains("1 customers");
        assertThat(text("explanation")).contains("can no longer sign in").contains("brings back exactly");
        screenshot("suspend-confirmation");
        assertThat(status(reseller.id())).as("nothing happens before the confirmation").isEqualTo("ACTIVE");

        click("confirm");
        waitForText("account-name", "Cascade Reseller");
        assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("suspended");
        assertThat(status(reseller.id())).isEqualTo("SUSPENDED");
        assertThat(status(sub)).isEqualTo("SUSPENDED");
        assertThat(status(customer)).isEqualTo("SUSPENDED");
        assertThat(resellerAdmin.get("/api/v1/me").status()).as("its users are locked out at once").isEqualTo(401);

        assertThat(present(By.id("suspend"))).as("a suspended account offers resume instead").isFalse();
        open("/panel/accounts/" + reseller.id() + "/suspend");
        click("confirm");
        assertThat(text("refusal")).as("the service's answer, on the page")
                .isEqualTo("The account is already suspended.");
    }

    @Test
    void actsOnBehalfOfAnAccountBelowAndComesBack() {
        String reseller = AccountFixtures.reseller(unique("Acting Reseller")).create(provider).id();
        String customerName = unique("Acting Customer");
        String customer = AccountFixtures.customer(customerName).under(reseller).create(provider).id();
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);

        open("/panel/accounts/" + customer);
        click("act-as");
        String banner = text("acting-banner");
        assertThat(banner).contains(customerName).contains(ADMIN_EMAIL).contains("Cascade Provider");
        assertThat(path()).isEqualTo("/panel/accounts/" + customer);
        assertThat(present(By.id("act-as"))).as("this is now its own panel").isFalse();
        assertThat(present(By.linkText("Dashboard"))).as("a customer's panel").isFalse();

        clickLink("Users and roles");
        String newUser = unique("helper") + "@acting.test";
        fill("user-email", newUser);
        fill("user-name", "Hal Helper");
        fill("user-password", "Acting-Helper-2026");
        click("create-user");
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-user='" + newUser + "']")));

        clickLink("Audit trail");
        WebElement event = byId("audit-list").findElement(By.cssSelector("tr[data-action='user.created']"));
        screenshot("acting-on-behalf-audit");
        assertThat(event.findElement(By.className("on-behalf-account")).getText()).isEqualTo(customerName);
        assertThat(event.findElement(By.className("actor-account")).getText()).isEqualTo("Cascade Provider");
        JsonNode audited = StreamSupport.stream(provider.get("/api/v1/accounts/" + customer
                        + "/audit-events?action=user.created").json().path("items").spliterator(), false)
                .filter(e -> e.path("after").path("email").asString().equals(newUser)).findFirst().orElseThrow();
        assertThat(audited.path("actorAccountId").asString()).isEqualTo(providerId());
        assertThat(audited.path("onBehalfOfAccountId").asString()).isEqualTo(customer);

        click("back-home");
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("acting-banner")));
        assertThat(path()).isEqualTo("/panel/accounts/" + customer);
        assertThat(byId("act-as").isDisplayed()).as("the provider's view of it again").isTrue();
        open("/panel/accounts/" + customer + "/audit");
        WebElement seen = byId("audit-list").findElement(By.cssSelector("tr[data-action='user.created']"));
        assertThat(seen.findElement(By.className("actor-account")).getText()).isEqualTo("Cascade Provider");
        assertThat(seen.findElement(By.className("on-behalf-account")).getText()).isEqualTo(customerName);
    }

    @Test
    void signingOutEndsTheSessionAndItsToken() {
        signInAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        open("/panel/tokens");
        WebElement current = byId("token-list").findElement(By.xpath(".//tr[.//span[contains(., 'this session')]]"));
        assertThat(current.getText()).contains("panel").contains("active");
        long activeBefore = activePanelTokens();

        click("sign-out");
        assertThat(text("login-notice")).isEqualTo("You have signed out.");
        open("/panel/accounts");
        assertThat(path()).startsWith("/login");
        assertThat(activePanelTokens()).as("the session's token is revoked").isEqualTo(activeBefore - 1);
    }

    private long activePanelTokens() {
        String me = provider.get("/api/v1/me").json().path("user").path("id").asString();
        JsonNode tokens = provider.get("/api/v1/users/" + me + "/tokens").json().path("items");
        return StreamSupport.stream(tokens.spliterator(), false)
                .filter(t -> t.path("name").asString().equals("panel")
                        && (t.path("revokedAt").isNull() || t.path("revokedAt").isMissingNode())).count();
    }

    private String status(String accountId) {
        return provider.get("/api/v1/accounts/" + accountId).json().path("status").asString();
    }
}
