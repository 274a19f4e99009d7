package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panels of a reseller's and a customer's staff in a real browser (issue 6): a reseller sees only its subtree, a
 * customer administrator its own account and users; account choice at sign-in; own password and API tokens; a
 * suspension ends a panel session on the next click; an invitation mail's link sets the password in the browser.
 */
class TenantPanelsIT extends BrowserTest {

    @Test
    void aResellerAdministratorSeesOnlyItsSubtree() {
        AccountFixtures.Created alpha = AccountFixtures.reseller(unique("Alpha Tenant")).create(provider);
        String alphaCustomer = unique("Alpha Client");
        AccountFixtures.customer(alphaCustomer).under(alpha.id()).with("billable", false).create(provider);
        AccountFixtures.Created beta = AccountFixtures.reseller(unique("Beta Tenant")).create(provider);
        String betaCustomerName = unique("Beta Client");
        String betaCustomer = AccountFixtures.customer(betaCustomerName).under(beta.id()).create(provider).id();

        signInAs(alpha.adminEmail(), PASSWORD);
        assertThat(path()).isEqualTo("/");
        assertThat(browser.findElement(By.cssSelector("#counts-customer td[data-status='ACTIVE']")).getText())
                .as("one active customer below it").isEqualTo("1");
        clickLink("Accounts");
        byId("account-list");
        assertThat(listedAccounts()).hasSize(1);
        assertThat(listedAccounts().get(0)).isEqualTo(alphaCustomer);
        assertThat(browser.findElement(By.id("account-list")).getText()).contains("customer (simple)");

        select("scope", "subtree");
        fill("q", betaCustomerName);
        waitUntil(d -> present(By.id("no-accounts")));

        open("/panel/accounts/" + betaCustomer);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        open("/panel/accounts/" + beta.id() + "/users");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        open("/panel/accounts?under=" + providerId());
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("nothing above it either")
                .isEqualTo("Not found");
        assertThat(present(By.linkText("Settings"))).as("platform settings are the provider's").isFalse();
    }

    @Test
    void aCustomerAdministratorSeesItsAccountAndUsers() {
        String reseller = AccountFixtures.reseller(unique("Vendor Of Customer")).create(provider).id();
        String name = unique("Customer Company");
        AccountFixtures.Created customer = AccountFixtures.customer(name).under(reseller).create(provider);

        signInAs(customer.adminEmail(), PASSWORD);
        assertThat(path()).isEqualTo("/panel/accounts/" + customer.id());
        assertThat(text("account-name")).isEqualTo(name);
        assertThat(present(By.linkText("Dashboard"))).isFalse();
        assertThat(present(By.linkText("Accounts"))).isFalse();
        assertThat(present(By.id("act-as"))).isFalse();
        assertThat(present(By.id("suspend"))).as("its vendor decides its status").isFalse();
        phoneScreenshot("customer-account-phone");

        clickLink("Users and roles");
        assertThat(byId("user-list").getText()).contains(customer.adminEmail());
        String invited = unique("invited") + "@customer.test";
        fill("user-email", invited);
        fill("user-name", "Ivy Invited");
        click("create-user");
        assertThat(text("invitation-token")).startsWith("inv_");
        screenshot("customer-users");
        assertThat(byId("user-list").getText()).contains(invited);

        open("/panel/accounts/" + reseller);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    @Test
    void anEmailWithLoginsInSeveralAccountsChoosesOne() {
        String email = unique("shared") + "@several.test";
        String first = unique("First Login Co");
        String second = unique("Second Login Co");
        AccountFixtures.customer(first).adminEmail(email).create(provider);
        String secondId = AccountFixtures.customer(second).adminEmail(email).create(provider).id();

        open("/login");
        fill("email", email);
        fill("password", PASSWORD);
        click("sign-in");
        assertThat(text("account-choice")).contains(first).contains(second);
        browser.findElement(By.id("account-choice-" + secondId)).click();
        fill("password", PASSWORD);
        click("sign-in");
        waitForText("account-name", second);
        assertThat(path()).isEqualTo("/panel/accounts/" + secondId);
    }

    @Test
    void managesOwnPasswordAndApiTokens() {
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Token Co")).create(provider);
        signInAs(customer.adminEmail(), PASSWORD);

        clickLink("API tokens");
        fill("token-name", "crm sync");
        fill("token-hours", "24");
        fill("token-password", "wrong password");
        click("create-token");
        assertThat(text("token-password-error")).isEqualTo("is wrong");
        fill("token-password", PASSWORD);
        click("create-token");
        String token = text("new-token");
        assertThat(token).startsWith("cas_");
        screenshot("api-tokens");
        Api integration = anonymous.withToken(token);
        assertThat(integration.get("/api/v1/me").status()).isEqualTo(200);
        browser.findElement(By.cssSelector("tr[data-token='crm sync'] button")).click();
        assertThat(notice()).isEqualTo("The token has been revoked.");
        assertThat(integration.get("/api/v1/me").status()).isEqualTo(401);

        open("/panel/profile");
        fill("currentPassword", PASSWORD);
        fill("newPassword", "Brand-New-Pass-77");
        fill("confirmPassword", "Brand-New-Pass-78");
        click("change-password");
        assertThat(text("confirmPassword-error")).isEqualTo("does not match the new password");
        fill("currentPassword", PASSWORD);
        fill("newPassword", "aaaaaaaaaaaa");
        fill("confirmPassword", "aaaaaaaaaaaa");
        click("change-password");
        assertThat(text("newPassword-error")).as("the password policy, from the service").isNotBlank();
        fill("currentPassword", PASSWORD);
        fill("newPassword", "Brand-New-Pass-77");
        fill("confirmPassword", "Brand-New-Pass-77");
        click("change-password");
        assertThat(notice()).isEqualTo("Your password has been changed.");
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", customer.adminEmail(),
                "password", "Brand-New-Pass-77")).status()).isEqualTo(201);
    }

    @Test
    void aPasswordChangeOrSigningOutEverywhereEndsEveryOtherSessionAndTokenButThisOne() {
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Sign Out Co")).create(provider);
        String email = customer.adminEmail();
        Api script = as(email, PASSWORD);
        signInAs(email, PASSWORD);
        open("/panel/profile");
        fill("currentPassword", PASSWORD);
        fill("newPassword", "Brand-New-Pass-77");
        fill("confirmPassword", "Brand-New-Pass-77");
        click("change-password");
        assertThat(notice()).isEqualTo("Your password has been changed.");
        assertThat(script.get("/api/v1/me").status()).as("the other token ended").isEqualTo(401);

        Api other = as(email, "Brand-New-Pass-77");
        open("/panel/profile");
        click("sign-out-everywhere");
        assertThat(notice()).startsWith("Signed out everywhere else (1 other");
        assertThat(path()).as("this session stays").isEqualTo("/panel/profile");
        assertThat(other.get("/api/v1/me").status()).isEqualTo(401);

        Api elsewhere = as(email, "Brand-New-Pass-77");
        assertThat(elsewhere.post("/api/v1/me/sign-out-everywhere", null).status()).isEqualTo(204);
        clickLink("API tokens");
        waitUntil(ExpectedConditions.urlContains("/login"));
        assertThat(path()).as("a sign-out everywhere elsewhere ends this panel session").isEqualTo("/login?ended");
    }

    @Test
    void aSuspensionEndsThePanelSessionOnTheNextClick() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Soon Suspended")).create(provider);
        signInAs(reseller.adminEmail(), PASSWORD);
        assertThat(path()).isEqualTo("/");

        assertThat(provider.post("/api/v1/accounts/" + reseller.id() + "/suspend", null).status())
                .isEqualTo(200);
        clickLink("Accounts");
        waitUntil(ExpectedConditions.urlContains("/login"));
        assertThat(path()).isEqualTo("/login?ended");
        assertThat(text("login-notice")).startsWith("Your session has ended");

        fill("email", reseller.adminEmail());
        fill("password", PASSWORD);
        click("sign-in");
        assertThat(text("login-error")).contains("SUSPENDED");
    }

    @Test
    void anInvitationMailsLinkSetsThePasswordAndActivatesTheAccount() {
        String email = unique("invited") + "@browser-invite.test";
        Api.Response created = provider.post("/api/v1/accounts", AccountFixtures.customer(unique("Eingeladen"))
                .with("locale", "de").with("admin", Map.of("email", email, "name", "Erika Muster")).body());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String accountId = created.text("id");
        assertThat(created.text("status")).isEqualTo("PENDING");

        jakarta.mail.internet.MimeMessage mail = io.cascade.support.TestMail.await(email, "Einladung");
        String text = io.cascade.support.TestMail.text(mail);
        assertThat(text).as("German for an account whose locale is de").contains("Guten Tag Erika Muster",
                "Wählen Sie Ihr Passwort");
        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("http://localhost:\\d+/panel/invitation\\?token=inv_[A-Za-z0-9_-]+").matcher(text);
        assertThat(link.find()).as(text).isTrue();

        browser.get(link.group());
        assertThat(text("holder-email")).isEqualTo(email);
        fill("password", "short");
        fill("confirmPassword", "short");
        click("set-password");
        assertThat(text("password-error")).contains("at least 10 characters");
        fill("password", PASSWORD);
        fill("confirmPassword", PASSWORD);
        click("set-password");
        waitUntil(ExpectedConditions.urlContains("/login"));
        assertThat(text("login-notice")).contains("password is set");

        signInAs(email, PASSWORD);
        assertThat(path()).isEqualTo("/panel/accounts/" + accountId);
        assertThat(provider.get("/api/v1/accounts/" + accountId).text("status")).as("a pending account becomes active")
                .isEqualTo("ACTIVE");

        browser.get(link.group());
        assertThat(text("link-expired")).as("the link works once").contains("used or expired");
    }
    @Test
    void aCustomerSeesItsVendorsBrandColoursAndLogoInTheBrowser() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Colour Vendor")).create(provider);
        String brandName = unique("Colour Brand");
        Api.Response set = provider.send("PUT", "/api/v1/accounts/" + reseller.id() + "/brand", Map.of(
                "displayName", brandName, "primaryColour", "#5b2a86", "accentColour", "#8a1c4a"), "application/json");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 10\" width=\"40\" height=\"20\">"
                + "<rect width=\"20\" height=\"10\" fill=\"#ffffff\"/></svg>";
        Api.Response logo = provider.send("PUT", "/api/v1/accounts/" + reseller.id() + "/brand/logo", svg,
                "image/svg+xml");
        assertThat(logo.status()).as("%s", logo).isEqualTo(200);
        AccountFixtures.Created customer = AccountFixtures.customer(unique("Colour Customer")).under(reseller.id())
                .create(provider);

        signInAs(customer.adminEmail(), PASSWORD);
        assertThat(browser.getTitle()).endsWith(" · " + brandName).doesNotContain("Cascade");
        assertThat(text("brand-name")).isEqualTo(brandName);
        assertThat(browser.findElement(By.cssSelector("header.top")).getCssValue("background-color"))
                .as("the header in the brand's primary colour").isIn("rgba(91, 42, 134, 1)", "rgb(91, 42, 134)");
        assertThat(byId("sold-by").getCssValue("color")).as("links in its accent colour")
                .isIn("rgba(138, 28, 74, 1)", "rgb(138, 28, 74)");
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.getElementById('brand-logo').naturalWidth")).intValue())
                .as("the logo loads under the panel's content security policy").isGreaterThan(0);
        screenshot("branded-customer");
    }
}
