package io.cascade.identity;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules of identity a tenant could bend (issue 15): who may change whom, which tokens a weaker user may revoke,
 * signing out everywhere, and a login throttle that holds under parallel guesses and does not tell known e-mails from
 * unknown ones.
 */
class TenantRulesIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";
    private static final String TOKENS = "/api/v1/auth/tokens";

    @Test
    void aCustomerUserChangesNoCustomerUserWhoWorksForMoreCustomersThanItDoes() {
        var reseller = AccountFixtures.reseller(unique("Wide Reseller")).create(provider);
        var alpha = AccountFixtures.customer(unique("Wide Alpha")).under(reseller.id()).create(provider);
        var beta = AccountFixtures.customer(unique("Wide Beta")).under(reseller.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String wideEmail = unique("wide") + "@rules.test";
        String wide = customerUser(admin, reseller.id(), wideEmail, List.of(alpha.id(), beta.id()));
        String narrowEmail = unique("narrow") + "@rules.test";
        customerUser(admin, reseller.id(), narrowEmail, List.of(alpha.id()));
        Api narrow = as(narrowEmail, PASSWORD);
        String path = "/api/v1/customer-users/" + wide;

        Api.Response disable = narrow.patch(path, Map.of("status", "DISABLED"));
        assertThat(disable.status()).as("%s", disable).isEqualTo(403);
        assertThat(disable.text("type")).isEqualTo(PROBLEM + "customer-user-beyond-yours");
        Api.Response rename = narrow.patch(path, Map.of("name", "Renamed"));
        assertThat(rename.status()).as("%s", rename).isEqualTo(403);
        Api.Response read = admin.get(path);
        assertThat(read.text("status")).isEqualTo("ACTIVE");
        assertThat(read.text("name")).isEqualTo("Someone");
        assertThat(as(wideEmail, PASSWORD).get("/api/v1/me").status()).as("the wider user still signs in")
                .isEqualTo(200);

        assertThat(admin.patch(path, Map.of("status", "DISABLED")).status()).as("the account's staff may")
                .isEqualTo(200);
        assertThat(narrow.patch(path, Map.of("status", "ACTIVE")).status()).as("nor re-enables it").isEqualTo(403);
        assertThat(admin.get(path).text("status")).isEqualTo("DISABLED");
    }

    @Test
    void onlyTheResellersOwnStaffChangeItsCustomerUsersAlsoThroughTheUsersPath() {
        var reseller = AccountFixtures.reseller(unique("Own Users Reseller")).create(provider);
        var alpha = AccountFixtures.customer(unique("Own Users Alpha")).under(reseller.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String email = unique("ops") + "@rules.test";
        String id = customerUser(admin, reseller.id(), email, List.of(alpha.id()));

        Api.Response byProvider = provider.patch("/api/v1/users/" + id, Map.of("status", "DISABLED"));
        assertThat(byProvider.status()).as("%s", byProvider).isEqualTo(403);
        assertThat(byProvider.text("type")).isEqualTo(PROBLEM + "own-users-only");
        assertThat(provider.patch("/api/v1/users/" + id, Map.of("name", "Provider's name")).status()).isEqualTo(403);
        Api.Response user = admin.get("/api/v1/users/" + id);
        assertThat(user.text("status")).isEqualTo("ACTIVE");
        assertThat(user.text("name")).isEqualTo("Someone");
        assertThat(as(email, PASSWORD).get("/api/v1/me").status()).isEqualTo(200);

        Api.Response byOwnStaff = admin.patch("/api/v1/users/" + id, Map.of("status", "DISABLED"));
        assertThat(byOwnStaff.status()).as("%s", byOwnStaff).isEqualTo(200);
    }

    @Test
    void aUserManagerRevokesNoTokenOfAStrongerUser() {
        var customer = AccountFixtures.customer(unique("Revoke Customer")).create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        String roles = "/api/v1/accounts/" + customer.id() + "/roles";
        assertThat(admin.post(roles, Map.of("code", "USER_KEEPER", "name", "User keeper",
                "privileges", List.of("USERS_MANAGE", "USERS_READ"))).status()).isEqualTo(201);
        String keeperEmail = unique("keeper") + "@rules.test";
        staff(admin, customer.id(), keeperEmail, "USER_KEEPER");
        String weakEmail = unique("weak") + "@rules.test";
        String weakId = staff(admin, customer.id(), weakEmail, "USER_KEEPER");
        Api keeper = as(keeperEmail, PASSWORD);
        Api weak = as(weakEmail, PASSWORD);
        String adminId = admin.get("/api/v1/me").json().path("user").path("id").asString();
        String adminToken = admin.get("/api/v1/users/" + adminId + "/tokens").json().path("items").get(0)
                .path("id").asString();

        Api.Response refused = keeper.delete("/api/v1/tokens/" + adminToken);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "user-more-powerful");
        assertThat(admin.get("/api/v1/me").status()).as("the administrator stays signed in").isEqualTo(200);

        String weakToken = keeper.get("/api/v1/users/" + weakId + "/tokens").json().path("items").get(0)
                .path("id").asString();
        assertThat(keeper.delete("/api/v1/tokens/" + weakToken).status()).as("an equal user's token").isEqualTo(204);
        assertThat(weak.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/tokens/" + weakToken).status()).isEqualTo(204);
    }

    @Test
    void aPasswordChangeAndSignOutEverywhereEndEveryOtherTokenButTheCurrentOne() {
        var customer = AccountFixtures.customer(unique("Sign Out Customer")).create(provider);
        String email = customer.adminEmail();
        Api laptop = as(email, PASSWORD);
        Api phone = as(email, PASSWORD);
        Api script = as(email, PASSWORD);

        Api.Response changed = laptop.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "Brand-New-Pass-77"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(204);
        assertThat(laptop.get("/api/v1/me").status()).as("the current token stays").isEqualTo(200);
        assertThat(phone.get("/api/v1/me").status()).as("every other one ends").isEqualTo(401);
        assertThat(script.get("/api/v1/me").status()).isEqualTo(401);

        Api tablet = as(email, "Brand-New-Pass-77");
        Api watch = as(email, "Brand-New-Pass-77");
        Api.Response everywhere = tablet.post("/api/v1/me/sign-out-everywhere", null);
        assertThat(everywhere.status()).as("%s", everywhere).isEqualTo(204);
        assertThat(tablet.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(laptop.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(watch.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/me/sign-out-everywhere", null).status()).isEqualTo(401);

        List<String> actions = tablet.get("/api/v1/accounts/" + customer.id() + "/audit-events?limit=500").json()
                .path("items").valueStream().map(e -> e.path("action").asString()).toList();
        assertThat(actions).contains("user.password-changed", "user.signed-out-everywhere");
    }

    @Test
    void parallelWrongPasswordsAreCheckedNoMoreOftenThanTheLimitAllows() throws Exception {
        var customer = AccountFixtures.customer(unique("Parallel Guess Customer")).create(provider);
        List<Integer> statuses = guessInParallel(customer.adminEmail(), 30);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("checked guesses: %s", statuses)
                .isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(25);
        assertThat(anonymous.withHeader("X-Forwarded-For", randomAddress())
                .post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD)).status())
                .as("even the right password waits").isEqualTo(429);
    }

    @Test
    void anUnknownEmailIsAnsweredExactlyAsAKnownOne() throws Exception {
        var customer = AccountFixtures.customer(unique("Known Email Customer")).create(provider);
        String unknown = unique("nobody") + "@rules.test";
        List<Integer> known = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            Api from = anonymous.withHeader("X-Forwarded-For", randomAddress());
            Api.Response k = from.post(TOKENS, Map.of("email", customer.adminEmail(), "password", "Wrong-Guess-" + i));
            Api.Response m = from.post(TOKENS, Map.of("email", unknown, "password", "Wrong-Guess-" + i));
            known.add(k.status());
            missing.add(m.status());
            assertThat(m.text("type")).isEqualTo(k.text("type"));
            assertThat(m.header("Retry-After") == null).isEqualTo(k.header("Retry-After") == null);
        }
        assertThat(known).containsExactly(401, 401, 401, 401, 401, 429, 429);
        assertThat(missing).isEqualTo(known);
        assertThat(guessInParallel(unique("nobody") + "@rules.test", 12).stream().filter(s -> s == 401).count())
                .as("parallel guesses at an unknown e-mail are limited alike").isEqualTo(5);
    }

    /** {@code count} wrong passwords for one e-mail at once, each from its own address; answers their statuses. */
    private List<Integer> guessInParallel(String email, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Api from = anonymous.withHeader("X-Forwarded-For", randomAddress());
                String guess = "Parallel-Guess-" + i;
                Callable<Integer> call = () -> {
                    start.await();
                    return from.post(TOKENS, Map.of("email", email, "password", guess)).status();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String customerUser(Api admin, String accountId, String email, List<String> customerIds) {
        Api.Response created = admin.post("/api/v1/accounts/" + accountId + "/customer-users",
                Map.of("email", email, "name", "Someone", "password", PASSWORD, "customerIds", customerIds));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    private static String staff(Api admin, String accountId, String email, String role) {
        Api.Response created = admin.post("/api/v1/accounts/" + accountId + "/users",
                Map.of("email", email, "name", "Staff", "password", PASSWORD, "roles", List.of(role)));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }
}
