package io.cascade.accounts;

import io.cascade.accounts.api.AccountCounts;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk-through of the foundation issue: a tree, a sibling that is blocked, the suspension cascade, the audit. */
class AccountTreeIT extends IntegrationTest {
    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AccountManagement accounts;

    @Test
    void buildsTheTreeAndKeepsSiblingsApart() {
        var reseller = AccountFixtures.reseller("Alpha Reseller").create(provider);
        Api alpha = as(reseller.adminEmail(), PASSWORD);
        var subReseller = AccountFixtures.reseller("Alpha Sub").create(alpha);
        Api sub = as(subReseller.adminEmail(), PASSWORD);
        var customer = AccountFixtures.customer("Alpha Customer").with("billable", false).create(sub);
        var sibling = AccountFixtures.reseller("Beta Reseller").create(provider);
        Api beta = as(sibling.adminEmail(), PASSWORD);

        Api.Response read = provider.get("/api/v1/accounts/" + customer.id());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("level").asInt()).isEqualTo(3);
        assertThat(read.json().path("vendorId").asString()).isEqualTo(subReseller.id());
        assertThat(read.json().path("billable").asBoolean()).isFalse();
        assertThat(read.header("ETag")).isNotBlank();

        Api.Response blocked = beta.get("/api/v1/accounts/" + customer.id());
        Api.Response missing = beta.get("/api/v1/accounts/" + java.util.UUID.randomUUID());
        assertThat(blocked.status()).isEqualTo(404);
        assertThat(blocked.json().path("detail")).isEqualTo(missing.json().path("detail"));
        assertThat(blocked.json().path("type")).isEqualTo(missing.json().path("type"));
        assertThat(beta.get("/api/v1/accounts/" + reseller.id()).status()).isEqualTo(404);
        assertThat(sub.get("/api/v1/accounts/" + reseller.id()).status()).as("upwards is outside too").isEqualTo(404);

        Api.Response subtree = alpha.get("/api/v1/accounts");
        assertThat(subtree.json().path("items").valueStream().map(a -> a.path("companyName").asString()))
                .containsExactly("Alpha Sub", "Alpha Customer");
        assertThat(beta.get("/api/v1/accounts").json().path("items").size()).isZero();
        assertThat(beta.get("/api/v1/accounts?under=" + reseller.id()).status()).isEqualTo(404);
    }

    @Test
    void suspendingCascadesAndResumingRestoresExactlyWhatItStopped() {
        var top = AccountFixtures.reseller("Cascade Top").create(provider);
        Api topApi = as(top.adminEmail(), PASSWORD);
        var middle = AccountFixtures.reseller("Cascade Middle").create(topApi);
        Api middleApi = as(middle.adminEmail(), PASSWORD);
        var activeCustomer = AccountFixtures.customer("Active Customer").create(middleApi);
        var ownSuspended = AccountFixtures.customer("Own Suspended").create(middleApi);
        String customerAdmin = activeCustomer.adminEmail();
        String customerToken = signIn(customerAdmin, PASSWORD);

        assertThat(middleApi.post("/api/v1/accounts/" + ownSuspended.id() + "/suspend", null).status()).isEqualTo(200);
        Api.Response suspended = provider.post("/api/v1/accounts/" + top.id() + "/suspend", null);
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().path("status").asString()).isEqualTo("SUSPENDED");

        assertThat(status(middle.id())).isEqualTo("SUSPENDED");
        assertThat(status(activeCustomer.id())).isEqualTo("SUSPENDED");
        assertThat(provider.get("/api/v1/accounts/" + activeCustomer.id()).json().path("suspension").asString())
                .isEqualTo("VENDOR");
        assertThat(anonymous.withToken(customerToken).get("/api/v1/me").status()).as("tokens blocked").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", customerAdmin, "password", PASSWORD))
                .status()).as("logins blocked").isEqualTo(403);
        assertThat(provider.post("/api/v1/accounts/" + middle.id() + "/resume", null).status())
                .as("resuming an account suspended from above").isEqualTo(409);

        assertThat(provider.post("/api/v1/accounts/" + top.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(status(top.id())).isEqualTo("ACTIVE");
        assertThat(status(middle.id())).isEqualTo("ACTIVE");
        assertThat(status(activeCustomer.id())).isEqualTo("ACTIVE");
        assertThat(status(ownSuspended.id())).as("already suspended on its own stays suspended").isEqualTo("SUSPENDED");
        assertThat(anonymous.withToken(customerToken).get("/api/v1/me").status()).isEqualTo(200);

        Api.Response events = provider.get("/api/v1/accounts/" + top.id() + "/audit-events?action=account.suspended");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().path("items").size()).isEqualTo(2);
        assertThat(events.json().path("items").get(0).path("targetAccountId").asString()).isEqualTo(top.id());
        Api.Response cascaded = provider.get("/api/v1/accounts/" + activeCustomer.id()
                + "/audit-events?action=account.suspended-by-cascade");
        assertThat(cascaded.json().path("items").size()).as("the customer's own trail shows the cascade").isEqualTo(1);
        assertThat(cascaded.json().path("items").get(0).path("after").path("causedBy").asString()).isEqualTo(top.id());
        assertThat(provider.get("/api/v1/accounts/" + ownSuspended.id() + "/audit-events?action=account.resumed-by-cascade")
                .json().path("items").size()).as("not restored, not in the trail").isZero();
    }

    /**
     * The counts of the dashboard and the account page are kept per ancestor as accounts change (ADR 0044): after
     * creations at several depths, a suspension that cascades, a resumption and a termination, each account's counts
     * equal the accounts below it, and the kept counts of every account equal a count of the tree.
     */
    @Test
    void theCountsBelowEachAccountFollowCreationsCascadesAndTerminations() {
        var top = AccountFixtures.reseller("Counted Top").create(provider);
        var middle = AccountFixtures.reseller("Counted Middle").under(top.id()).create(provider);
        var deep = AccountFixtures.customer("Counted Deep").under(middle.id()).create(provider);
        var ended = AccountFixtures.customer("Counted Ended").under(top.id()).create(provider);
        AccountFixtures.customer("Counted Own").under(middle.id()).create(provider);
        assertThat(provider.post("/api/v1/accounts/" + deep.id() + "/suspend", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/accounts/" + top.id() + "/suspend", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/accounts/" + top.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/accounts/" + ended.id() + "/terminate", null).status()).isEqualTo(200);

        String providerPath = jdbc.sql("SELECT path FROM account WHERE type = 'PROVIDER'").query(String.class).single();
        var platform = io.cascade.shared.Caller.system(java.util.UUID.fromString(providerId()), providerPath, "test");
        AccountCounts counts = accounts.countsBelow(platform, java.util.UUID.fromString(top.id()));
        assertThat(counts.of(AccountType.RESELLER, AccountStatus.ACTIVE)).isEqualTo(1);
        assertThat(counts.of(AccountType.CUSTOMER, AccountStatus.ACTIVE)).isEqualTo(1);
        assertThat(counts.of(AccountType.CUSTOMER, AccountStatus.SUSPENDED)).as("suspended on its own").isEqualTo(1);
        assertThat(counts.of(AccountType.CUSTOMER, AccountStatus.TERMINATED)).isEqualTo(1);
        assertThat(counts.total()).isEqualTo(4);
        for (String id : java.util.List.of(providerId(), top.id(), middle.id(), deep.id())) {
            String path = jdbc.sql("SELECT path FROM account WHERE id = ?").param(java.util.UUID.fromString(id))
                    .query(String.class).single();
            assertThat(accounts.countsBelow(platform, java.util.UUID.fromString(id)).total()).as("below %s", id)
                    .isEqualTo(jdbc.sql("SELECT count(*) FROM account WHERE path > ? AND path < ?")
                            .param(path).param(path + "~").query(Long.class).single());
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM (
                          (SELECT path, type, status, accounts FROM account_subtree_count WHERE accounts <> 0
                           EXCEPT
                           SELECT left(a.path, p.n), a.type, a.status, count(*)
                           FROM account a CROSS JOIN LATERAL generate_series(1, length(a.path) - 1) p(n)
                           WHERE substr(a.path, p.n, 1) = '.' GROUP BY 1, 2, 3)
                          UNION ALL
                          (SELECT left(a.path, p.n), a.type, a.status, count(*)
                           FROM account a CROSS JOIN LATERAL generate_series(1, length(a.path) - 1) p(n)
                           WHERE substr(a.path, p.n, 1) = '.' GROUP BY 1, 2, 3
                           EXCEPT
                           SELECT path, type, status, accounts FROM account_subtree_count WHERE accounts <> 0)) d""")
                .query(Long.class).single()).as("the kept counts of every account equal the tree").isZero();
    }

    @Test
    void terminationIsRefusedWhileTheSubtreeIsLive() {
        var reseller = AccountFixtures.reseller("Ending Reseller").create(provider);
        var customer = AccountFixtures.customer("Ending Customer").under(reseller.id()).create(provider);
        Api.Response refused = provider.post("/api/v1/accounts/" + reseller.id() + "/terminate", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:subtree-has-live-accounts");
        assertThat(provider.post("/api/v1/accounts/" + customer.id() + "/terminate", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/accounts/" + reseller.id() + "/terminate", null).status()).isEqualTo(200);
        assertThat(status(reseller.id())).isEqualTo("TERMINATED");
        assertThat(provider.post("/api/v1/accounts/" + reseller.id() + "/resume", null).status()).isEqualTo(409);
    }

    @Test
    void anAccountSuspendedOnItsOwnCannotBeResumedBelowASuspendedVendor() {
        var top = AccountFixtures.reseller("Nested Top").create(provider);
        var sub = AccountFixtures.reseller("Nested Sub").under(top.id()).create(provider);
        var customer = AccountFixtures.customer("Nested Customer").under(sub.id()).create(provider);
        assertThat(provider.post("/api/v1/accounts/" + sub.id() + "/suspend", null).status()).isEqualTo(200);
        assertThat(provider.post("/api/v1/accounts/" + top.id() + "/suspend", null).status()).isEqualTo(200);

        Api.Response refused = provider.post("/api/v1/accounts/" + sub.id() + "/resume", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:vendor-suspended");
        assertThat(status(sub.id())).isEqualTo("SUSPENDED");
        assertThat(status(customer.id())).isEqualTo("SUSPENDED");

        assertThat(provider.post("/api/v1/accounts/" + top.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(status(sub.id())).as("suspended on its own").isEqualTo("SUSPENDED");
        assertThat(provider.post("/api/v1/accounts/" + sub.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(status(customer.id())).isEqualTo("ACTIVE");
    }

    @Test
    void anAccountCannotChangeWhatItsVendorDecides() {
        var reseller = AccountFixtures.reseller("Self Editing").create(provider);
        Api own = as(reseller.adminEmail(), PASSWORD);
        Api.Response refused = own.patch("/api/v1/accounts/" + reseller.id(),
                Map.of("billCycleDay", 15, "customerNumber", "MINE-1", "resellerProfile", Map.of("model", "COMMISSION")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("billCycleDay", "customerNumber", "resellerProfile.model");
        Api.Response allowed = own.patch("/api/v1/accounts/" + reseller.id(),
                Map.of("phone", "+49 30 1234567", "resellerProfile", Map.of("customerBillCycleDay", 10)));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.json().path("resellerProfile").path("customerBillCycleDay").asInt()).isEqualTo(10);
        assertThat(provider.patch("/api/v1/accounts/" + reseller.id(), Map.of("billCycleDay", 15)).status())
                .as("the vendor may").isEqualTo(200);
    }

    @Test
    void anAccountWithARevenueCanBeChanged() {
        var customer = AccountFixtures.customer("Revenue Holder")
                .with("estimatedAnnualRevenue", Map.of("amount", "1250000.50", "currency", "EUR")).create(provider);
        Api.Response patched = provider.patch("/api/v1/accounts/" + customer.id(), Map.of("phone", "+1 555 0100"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("estimatedAnnualRevenue").path("amount").asString()).isEqualTo("1250000.50");
        Api.Response absurd = provider.patch("/api/v1/accounts/" + customer.id(),
                Map.of("estimatedAnnualRevenue", Map.of("amount", "1e100000000", "currency", "EUR")));
        assertThat(absurd.status()).isEqualTo(400);
    }

    private String status(String accountId) {
        return provider.get("/api/v1/accounts/" + accountId).text("status");
    }
}
