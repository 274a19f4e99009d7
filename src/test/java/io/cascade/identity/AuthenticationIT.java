package io.cascade.identity;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Signing in, API tokens, invitations, the password policy and throttling (foundation issue, section 4): through
 * HTTP as a client would, plus a look into the database to prove that secrets are stored only as hashes.
 */
class AuthenticationIT extends IntegrationTest {
    private static final String TOKENS = "/api/v1/auth/tokens";

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private org.springframework.security.web.FilterChainProxy securityFilters;

    @Test
    void signingInAnswersATokenThatIdentifiesTheCaller() {
        var customer = AccountFixtures.customer("Sign In Customer").create(provider);

        Api.Response issued = anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        assertThat(issued.text("token")).isNotBlank();
        Instant expiresAt = Instant.parse(issued.text("expiresAt"));
        assertThat(expiresAt).isAfter(Instant.now());

        Api.Response me = anonymous.withToken(issued.text("token")).get("/api/v1/me");
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asString()).isEqualTo(customer.adminEmail());
        assertThat(me.json().path("user").path("id").asString()).isEqualTo(adminId(customer));
        assertThat(me.json().path("account").path("id").asString()).isEqualTo(customer.id());
        assertThat(me.json().path("account").path("companyName").asString()).isEqualTo("Sign In Customer");
        assertThat(strings(me.json().path("privileges")))
                .as("the first administrator holds every privilege")
                .contains("ACCOUNTS_READ", "ACCOUNTS_MANAGE", "USERS_MANAGE", "ROLES_MANAGE", "AUDIT_READ");

        Api.Response lifetime = anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD,
                "name", "ci-job", "expiresInHours", 1));
        assertThat(lifetime.status()).as("%s", lifetime).isEqualTo(201);
        assertThat(Duration.between(Instant.now(), Instant.parse(lifetime.text("expiresAt"))).toMinutes())
                .isCloseTo(60, within(2L));

        Api.Response noToken = anonymous.get("/api/v1/me");
        assertThat(noToken.status()).isEqualTo(401);
        assertProblem(noToken);
        Api.Response badToken = anonymous.withToken("cas_" + UUID.randomUUID()).get("/api/v1/me");
        assertThat(badToken.status()).isEqualTo(401);
        assertProblem(badToken);
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame401() {
        var customer = AccountFixtures.customer("Wrong Password Customer").create(provider);

        Api.Response wrongPassword = anonymous.post(TOKENS,
                Map.of("email", customer.adminEmail(), "password", "Not-The-Password-1"));
        Api.Response unknownEmail = anonymous.post(TOKENS,
                Map.of("email", unique("nobody") + "@nowhere.test", "password", PASSWORD));

        assertThat(wrongPassword.status()).as("%s", wrongPassword).isEqualTo(401);
        assertThat(unknownEmail.status()).as("%s", unknownEmail).isEqualTo(401);
        assertProblem(wrongPassword);
        assertThat(wrongPassword.json()).as("no hint which part was wrong").isEqualTo(unknownEmail.json());
        assertThat(wrongPassword.body()).doesNotContain(customer.adminEmail());
    }

    @Test
    void theSameEmailInTwoAccountsMustNameTheAccount() {
        String email = unique("twice") + "@shared.test";
        var first = AccountFixtures.customer("First Of Two").adminEmail(email).create(provider);
        var second = AccountFixtures.reseller("Second Of Two").adminEmail(email).create(provider);

        Api.Response ambiguous = anonymous.post(TOKENS, Map.of("email", email, "password", PASSWORD));
        assertThat(ambiguous.status()).as("%s", ambiguous).isEqualTo(409);
        assertProblem(ambiguous);
        assertThat(ambiguous.text("type")).isEqualTo("urn:cascade:problem:account-choice-required");
        assertThat(ambiguous.json().path("accounts").valueStream().map(a -> a.path("accountId").asString()))
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(ambiguous.json().path("accounts").valueStream().map(a -> a.path("companyName").asString()))
                .containsExactlyInAnyOrder("First Of Two", "Second Of Two");

        for (var chosen : List.of(first, second)) {
            Api.Response signedIn = anonymous.post(TOKENS,
                    Map.of("email", email, "password", PASSWORD, "accountId", chosen.id()));
            assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(201);
            assertThat(signedIn.text("accountId")).isEqualTo(chosen.id());
            Api.Response me = anonymous.withToken(signedIn.text("token")).get("/api/v1/me");
            assertThat(me.json().path("account").path("id").asString()).isEqualTo(chosen.id());
            assertThat(me.json().path("user").path("id").asString()).isEqualTo(adminId(chosen));
        }

        var unrelated = AccountFixtures.customer("Unrelated To Email").create(provider);
        Api.Response wrongAccount = anonymous.post(TOKENS,
                Map.of("email", email, "password", PASSWORD, "accountId", unrelated.id()));
        assertThat(wrongAccount.status()).as("an account where the e-mail has no login: %s", wrongAccount)
                .isEqualTo(401);
    }

    @Test
    void tokensAreListedWithoutTheirSecretsAndCanBeRevoked() {
        var customer = AccountFixtures.customer("Token Customer").create(provider);
        String userId = adminId(customer);
        Api.Response first = anonymous.post(TOKENS,
                Map.of("email", customer.adminEmail(), "password", PASSWORD, "name", "laptop"));
        Api.Response second = anonymous.post(TOKENS,
                Map.of("email", customer.adminEmail(), "password", PASSWORD, "name", "ci"));
        Api admin = anonymous.withToken(first.text("token"));
        Api ci = anonymous.withToken(second.text("token"));

        Api.Response listed = admin.get("/api/v1/users/" + userId + "/tokens");
        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        JsonNode items = listed.json().path("items");
        assertThat(items.valueStream().map(t -> t.path("id").asString()))
                .contains(first.text("tokenId"), second.text("tokenId"));
        assertThat(items.valueStream().map(t -> t.path("name").asString())).contains("laptop", "ci");
        items.forEach(t -> assertThat(t.has("token")).as("listed token %s", t).isFalse());
        assertThat(listed.body()).doesNotContain(first.text("token"), second.text("token"));
        assertThat(provider.get("/api/v1/users/" + userId + "/tokens").body())
                .as("the vendor's view of the list").doesNotContain(first.text("token"), second.text("token"));

        Api.Response revoked = admin.delete("/api/v1/tokens/" + second.text("tokenId"));
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
        Api.Response afterRevoke = ci.get("/api/v1/me");
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertProblem(afterRevoke);
        assertThat(admin.get("/api/v1/me").status()).as("other tokens keep working").isEqualTo(200);
        JsonNode revokedItem = admin.get("/api/v1/users/" + userId + "/tokens").json().path("items").valueStream()
                .filter(t -> t.path("id").asString().equals(second.text("tokenId"))).findFirst().orElseThrow();
        assertThat(revokedItem.path("revokedAt").isNull()).isFalse();

        Api.Response own = admin.delete("/api/v1/tokens/" + first.text("tokenId"));
        assertThat(own.status()).as("revoking the token in use: %s", own).isEqualTo(204);
        assertThat(admin.get("/api/v1/me").status()).isEqualTo(401);

        Api.Response events = provider.get("/api/v1/accounts/" + customer.id() + "/audit-events?action=token.revoked");
        assertThat(events.json().path("items").size()).isEqualTo(2);
    }

    @Test
    void aReadOnlyUserCannotRevokeSomeoneElsesToken() {
        var customer = AccountFixtures.customer("Revoke Guard Customer").create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        Api.Response adminToken = anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD));
        String readerEmail = unique("reader") + "@revoke.test";
        assertThat(admin.post("/api/v1/accounts/" + customer.id() + "/users", Map.of("email", readerEmail,
                "name", "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        Api reader = as(readerEmail, PASSWORD);

        Api.Response refused = reader.delete("/api/v1/tokens/" + adminToken.text("tokenId"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertProblem(refused);
        assertThat(anonymous.withToken(adminToken.text("token")).get("/api/v1/me").status()).isEqualTo(200);

        var stranger = AccountFixtures.customer("Revoke Stranger").create(provider);
        Api strangerAdmin = as(stranger.adminEmail(), PASSWORD);
        Api.Response outside = strangerAdmin.delete("/api/v1/tokens/" + adminToken.text("tokenId"));
        assertThat(outside.status()).as("a token outside the subtree: %s", outside).isEqualTo(404);
        assertThat(anonymous.withToken(adminToken.text("token")).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aDisabledUserLosesItsTokensAndCannotSignIn() {
        var customer = AccountFixtures.customer("Disable Customer").create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        String email = unique("leaver") + "@disable.test";
        Api.Response created = admin.post("/api/v1/accounts/" + customer.id() + "/users",
                Map.of("email", email, "name", "Leaver", "password", PASSWORD, "roles", List.of("SUPPORT")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String userId = created.text("id");
        Api leaver = as(email, PASSWORD);
        assertThat(leaver.get("/api/v1/me").status()).isEqualTo(200);

        Api.Response disabled = admin.patch("/api/v1/users/" + userId, Map.of("status", "DISABLED"));
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.text("status")).isEqualTo("DISABLED");

        assertThat(leaver.get("/api/v1/me").status()).as("its tokens stop working").isEqualTo(401);
        Api.Response signIn = anonymous.post(TOKENS, Map.of("email", email, "password", PASSWORD));
        assertThat(signIn.status()).as("a disabled user cannot sign in: %s", signIn).isIn(401, 403);
        assertProblem(signIn);

        assertThat(admin.patch("/api/v1/users/" + userId, Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        assertThat(as(email, PASSWORD).get("/api/v1/me").status()).as("enabled again").isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsThrottleTheLogin() {
        var customer = AccountFixtures.customer("Throttle Customer").create(provider);
        String email = customer.adminEmail();

        for (int i = 1; i <= 5; i++) {
            Api.Response wrong = anonymous.post(TOKENS, Map.of("email", email, "password", "Wrong-Password-" + i));
            assertThat(wrong.status()).as("attempt %d: %s", i, wrong).isEqualTo(401);
        }
        Api.Response throttled = anonymous.post(TOKENS, Map.of("email", email, "password", PASSWORD));
        assertThat(throttled.status()).as("even the right password is held back: %s", throttled).isEqualTo(429);
        assertProblem(throttled);
        assertThat(throttled.header("Retry-After")).as("Retry-After").isNotBlank();
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();

        Api.Response otherAddress = anonymous.withHeader("X-Forwarded-For", randomAddress())
                .post(TOKENS, Map.of("email", email, "password", PASSWORD));
        assertThat(otherAddress.status()).as("the login itself is throttled, from any address: %s", otherAddress)
                .isEqualTo(429);
    }

    @Test
    void aSuccessfulSignInClearsTheLoginsFailures() {
        var customer = AccountFixtures.customer("Clearing Customer").create(provider);
        String email = customer.adminEmail();
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 4; i++) {
                assertThat(anonymous.post(TOKENS, Map.of("email", email, "password", "Wrong-Password-" + i))
                        .status()).isEqualTo(401);
            }
            Api.Response right = anonymous.post(TOKENS, Map.of("email", email, "password", PASSWORD));
            assertThat(right.status()).as("round %d: %s", round, right).isEqualTo(201);
        }
    }

    @Test
    void repeatedFailuresFromOneAddressThrottleThatAddress() {
        var customer = AccountFixtures.customer("Address Throttle Customer").create(provider);
        Api attacker = anonymous.withHeader("X-Forwarded-For", randomAddress());
        Api.Response last = null;
        for (int i = 1; i <= 50; i++) {
            last = attacker.post(TOKENS, Map.of("email", unique("guess" + i) + "@spray.test", "password", PASSWORD));
            assertThat(last.status()).as("attempt %d: %s", i, last).isIn(401, 429);
            if (last.status() == 429) {
                break;
            }
        }
        Api.Response blocked = attacker.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD));
        assertThat(blocked.status()).as("the address is throttled: %s", blocked).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();

        Api.Response elsewhere = anonymous.withHeader("X-Forwarded-For", randomAddress())
                .post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD));
        assertThat(elsewhere.status()).as("another address is not: %s", elsewhere).isEqualTo(201);
    }

    @Test
    void anInvitedAdministratorSetsAPasswordAndActivatesTheAccount() {
        String email = unique("invited") + "@invite.test";
        Api.Response created = provider.post("/api/v1/accounts", AccountFixtures.customer("Invited Customer")
                .with("admin", Map.of("email", email, "name", "Invited Admin")).body());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String accountId = created.text("id");
        String invitation = created.json().path("admin").path("invitationToken").asString();
        assertThat(invitation).isNotBlank();
        assertThat(created.text("status")).isEqualTo("PENDING");

        assertThat(provider.get("/api/v1/accounts/" + accountId).json().path("admin").isMissingNode())
                .as("the invitation token is shown once").isTrue();
        String adminId = created.json().path("admin").path("id").asString();
        Api.Response user = provider.get("/api/v1/users/" + adminId);
        assertThat(user.text("status")).isEqualTo("INVITED");
        assertThat(user.json().has("invitationToken")).isFalse();
        assertThat(anonymous.post(TOKENS, Map.of("email", email, "password", PASSWORD)).status())
                .as("no password yet").isEqualTo(401);

        Api.Response weak = anonymous.post("/api/v1/auth/invitations/accept",
                Map.of("token", invitation, "password", "short"));
        assertThat(weak.status()).as("%s", weak).isEqualTo(422);
        assertThat(errorFields(weak)).contains("password");
        assertThat(provider.get("/api/v1/accounts/" + accountId).text("status"))
                .as("a refused acceptance changes nothing").isEqualTo("PENDING");

        Api.Response accepted = anonymous.post("/api/v1/auth/invitations/accept",
                Map.of("token", invitation, "password", PASSWORD));
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(204);
        assertThat(provider.get("/api/v1/accounts/" + accountId).text("status")).isEqualTo("ACTIVE");
        assertThat(provider.get("/api/v1/users/" + adminId).text("status")).isEqualTo("ACTIVE");

        Api invitedAdmin = as(email, PASSWORD);
        Api.Response me = invitedAdmin.get("/api/v1/me");
        assertThat(me.json().path("account").path("id").asString()).isEqualTo(accountId);

        Api.Response again = anonymous.post("/api/v1/auth/invitations/accept",
                Map.of("token", invitation, "password", "Another-Password-77"));
        assertThat(again.status()).as("an invitation works once: %s", again).isIn(400, 404, 409, 410, 422);
        assertProblem(again);
        assertThat(as(email, PASSWORD).get("/api/v1/me").status()).as("the first password still holds")
                .isEqualTo(200);

        Api.Response unknown = anonymous.post("/api/v1/auth/invitations/accept",
                Map.of("token", "inv_" + UUID.randomUUID(), "password", PASSWORD));
        assertThat(unknown.status()).as("%s", unknown).isIn(400, 404, 422);
        assertProblem(unknown);

        Api.Response activated = provider.get("/api/v1/accounts/" + accountId
                + "/audit-events?action=account.activated");
        assertThat(activated.json().path("items").size()).isEqualTo(1);
        assertThat(activated.json().path("items").get(0).path("actorUserId").asString()).isEqualTo(adminId);
    }

    @Test
    void aStaffMemberInvitedIntoAnActiveAccountSetsItsPassword() {
        var customer = AccountFixtures.customer("Staff Invite Customer").create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        String email = unique("newcomer") + "@invite.test";
        Api.Response created = admin.post("/api/v1/accounts/" + customer.id() + "/users",
                Map.of("email", email, "name", "Newcomer"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("INVITED");
        String invitation = created.text("invitationToken");
        assertThat(invitation).isNotBlank();

        assertThat(anonymous.post("/api/v1/auth/invitations/accept",
                Map.of("token", invitation, "password", PASSWORD)).status()).isEqualTo(204);
        Api newcomer = as(email, PASSWORD);
        assertThat(newcomer.get("/api/v1/me").json().path("user").path("status").asString()).isEqualTo("ACTIVE");
        assertThat(provider.get("/api/v1/accounts/" + customer.id()).text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void everyInvitationIsMailedAndAcceptingOnePublishesUserActivated() {
        var reseller = AccountFixtures.reseller(unique("Mailing Reseller")).create(provider);
        String customerId = AccountFixtures.customer(unique("Its Customer")).under(reseller.id()).create(provider).id();
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String staffEmail = unique("staff") + "@mailed-invite.test";
        Api.Response staff = admin.post("/api/v1/accounts/" + reseller.id() + "/users",
                Map.of("email", staffEmail, "name", "Mailed Staff"));
        String customerUserEmail = unique("helper") + "@mailed-invite.test";
        Api.Response customerUser = admin.post("/api/v1/accounts/" + reseller.id() + "/customer-users",
                Map.of("email", customerUserEmail, "name", "Mailed Helper", "customerIds", List.of(customerId)));
        assertThat(staff.status()).as("%s", staff).isEqualTo(201);
        assertThat(customerUser.status()).as("%s", customerUser).isEqualTo(201);

        for (Api.Response invited : List.of(staff, customerUser)) {
            var mail = io.cascade.support.TestMail.await(invited.text("email"), "Your invitation to Cascade Provider");
            assertThat(io.cascade.support.TestMail.text(mail)).as("the mail's link holds the invitation")
                    .contains("Hello " + invited.text("name") + ",", "/panel/invitation?token="
                            + invited.text("invitationToken"));
        }

        assertThat(anonymous.post("/api/v1/auth/invitations/accept",
                Map.of("token", staff.text("invitationToken"), "password", PASSWORD)).status()).isEqualTo(204);
        assertThat(UserEventsSeen.ACTIVATED).contains(new io.cascade.identity.api.UserActivated(
                UUID.fromString(staff.text("id")), UUID.fromString(reseller.id())));
    }

    @Test
    void thePasswordPolicyRefusesWeakPasswordsNamingTheField() {
        var customer = AccountFixtures.customer("Policy Customer").create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        String users = "/api/v1/accounts/" + customer.id() + "/users";
        String email = unique("weakling") + "@policy.test";

        for (String weak : List.of("short", "aaaaaaaaaaaaaa", "x".repeat(129), email.split("@")[0] + "-Pass-1")) {
            Api.Response refused = admin.post(users, Map.of("email", email, "name", "Weak", "password", weak));
            assertThat(refused.status()).as("password %s: %s", weak, refused).isEqualTo(422);
            assertProblem(refused);
            assertThat(errorFields(refused)).contains("password");
        }
        assertThat(admin.get(users).json().path("items").valueStream().map(u -> u.path("email").asString()))
                .as("nothing was created").doesNotContain(email);

        Api.Response account = provider.post("/api/v1/accounts", AccountFixtures.customer("Weak Admin Customer")
                .with("admin", Map.of("email", email, "name", "Weak", "password", "short")).body());
        assertThat(account.status()).as("%s", account).isEqualTo(422);
        assertThat(errorFields(account)).contains("admin.password");
    }

    /**
     * Every way of taking API access away holds on the very next bearer read of an account ({@code GET
     * /api/v1/accounts/{id}}, benchmark P1, whose token, caller and {@code API_ACCESS} licence are read in one
     * statement, ADR 0041): a revoked token, a password change (for the other tokens), a disabled user, the licence
     * revoked or ended above the account, and a suspension above it.
     */
    @Test
    void everyWayOfTakingAccessAwayHoldsOnTheNextAccountRead() {
        var reseller = AccountFixtures.reseller("Access Reseller").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        var customer = AccountFixtures.customer("Access Customer").under(reseller.id()).create(resellerApi);
        String read = "/api/v1/accounts/" + customer.id();
        String licence = "/api/v1/accounts/" + reseller.id() + "/licences/API_ACCESS";

        Api.Response issued = anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD));
        Api revoked = anonymous.withToken(issued.text("token"));
        assertThat(revoked.get(read).status()).isEqualTo(200);
        assertThat(revoked.delete("/api/v1/tokens/" + issued.text("tokenId")).status()).isEqualTo(204);
        assertThat(revoked.get(read).status()).as("a revoked token").isEqualTo(401);

        Api other = as(customer.adminEmail(), PASSWORD);
        Api current = as(customer.adminEmail(), PASSWORD);
        assertThat(other.get(read).status()).isEqualTo(200);
        assertThat(current.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "Access-Changed-Pass-9")).status()).isEqualTo(204);
        assertThat(other.get(read).status()).as("another token after a password change").isEqualTo(401);
        assertThat(current.get(read).status()).isEqualTo(200);

        String email = unique("reader") + "@access.test";
        Api.Response user = current.post("/api/v1/accounts/" + customer.id() + "/users",
                Map.of("email", email, "name", "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY")));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        Api reader = as(email, PASSWORD);
        assertThat(reader.get(read).status()).isEqualTo(200);
        assertThat(current.patch("/api/v1/users/" + user.text("id"), Map.of("status", "DISABLED")).status())
                .isEqualTo(200);
        assertThat(reader.get(read).status()).as("a disabled user").isEqualTo(401);

        assertThat(provider.delete(licence).status()).isEqualTo(204);
        Api.Response unlicensed = current.get(read);
        assertThat(unlicensed.status()).as("API_ACCESS revoked above").isEqualTo(403);
        assertThat(unlicensed.text("feature")).isEqualTo("API_ACCESS");
        assertThat(provider.send("PUT", licence, Map.of(), "application/json").status()).isEqualTo(201);
        assertThat(current.get(read).status()).isEqualTo(200);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        endApiAccess(reseller.id(), today);
        assertThat(current.get(read).status()).as("a licence holds on its last day").isEqualTo(200);
        endApiAccess(reseller.id(), today.minusDays(1));
        assertThat(current.get(read).status()).as("API_ACCESS ended above").isEqualTo(403);
        endApiAccess(reseller.id(), null);

        assertThat(provider.post("/api/v1/accounts/" + reseller.id() + "/suspend", null).status()).isEqualTo(200);
        assertThat(current.get(read).status()).as("an account above suspended").isEqualTo(401);
        assertThat(provider.post("/api/v1/accounts/" + reseller.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(current.get(read).status()).isEqualTo(200);
    }

    private void endApiAccess(String accountId, java.time.LocalDate lastDay) {
        jdbc.sql("UPDATE licence SET ends_on = :day WHERE account_id = :id AND feature = 'API_ACCESS'")
                .param("day", lastDay == null ? null : java.sql.Date.valueOf(lastDay))
                .param("id", UUID.fromString(accountId)).update();
    }

    /**
     * A bearer request passes only the security filters it needs (ADR 0041): the security headers, the token, the
     * service users' reach and the authorization rules with their 401/403 answers; no session management, no security
     * context loaded from a session, no servlet request wrapper, no anonymous authentication. A 401 opens no
     * session.
     */
    @Test
    void aBearerRequestPassesOnlyTheSecurityFiltersItNeeds() {
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/v1/accounts/"
                + UUID.randomUUID());
        request.addHeader("Authorization", "Bearer cas_x");
        List<String> filters = securityFilters.getFilterChains().stream().filter(chain -> chain.matches(request))
                .findFirst().orElseThrow().getFilters().stream().map(filter -> filter.getClass().getSimpleName())
                .toList();
        assertThat(filters).containsExactly("WebAsyncManagerIntegrationFilter", "HeaderWriterFilter",
                "BearerTokenFilter", "ServiceUserReach", "ExceptionTranslationFilter", "AuthorizationFilter");
        Api.Response unauthenticated = anonymous.get("/api/v1/accounts/" + UUID.randomUUID());
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("Set-Cookie")).as("no session for the API").isNull();
    }

    @Test
    void changingTheOwnPassword() {
        var customer = AccountFixtures.customer("Password Change Customer").create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        String newPassword = "Brand-New-Secret-7";

        Api.Response tooShort = admin.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "short"));
        assertThat(tooShort.status()).as("%s", tooShort).isEqualTo(422);
        assertThat(errorFields(tooShort)).contains("newPassword");

        Api.Response wrongCurrent = admin.post("/api/v1/me/password",
                Map.of("currentPassword", "Not-My-Password-1", "newPassword", newPassword));
        assertThat(wrongCurrent.status()).as("%s", wrongCurrent).isIn(400, 401, 403, 422);
        assertProblem(wrongCurrent);
        assertThat(anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD)).status())
                .as("refused changes change nothing").isEqualTo(201);

        Api.Response changed = admin.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", newPassword));
        assertThat(changed.status()).as("%s", changed).isEqualTo(204);
        assertThat(anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD)).status())
                .isEqualTo(401);
        assertThat(anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", newPassword))
                .status()).isEqualTo(201);

        Api.Response events = admin.get("/api/v1/accounts/" + customer.id()
                + "/audit-events?action=user.password-changed");
        assertThat(events.json().path("items").size()).isEqualTo(1);
        assertThat(events.body()).doesNotContain(newPassword, PASSWORD);
    }

    @Test
    void theDatabaseHoldsNoTokenNorPasswordInClear() {
        var customer = AccountFixtures.customer("Hashing Customer").create(provider);
        Api.Response issued = anonymous.post(TOKENS, Map.of("email", customer.adminEmail(), "password", PASSWORD));
        String token = issued.text("token");

        byte[] hash = jdbc.sql("SELECT token_hash FROM api_token WHERE id = :id")
                .param("id", UUID.fromString(issued.text("tokenId"))).query(byte[].class).single();
        assertThat(hash).hasSize(32);
        assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(Arrays.equals(hash, token.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name LIKE :t OR encode(token_hash, 'escape') LIKE :t")
                .param("t", "%" + token + "%").query(Long.class).single()).isZero();

        String passwordHash = jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id")
                .param("id", UUID.fromString(adminId(customer))).query(String.class).single();
        assertThat(passwordHash).startsWith("$2").doesNotContain(PASSWORD);

        String invitedEmail = unique("secret") + "@invite.test";
        Api admin = anonymous.withToken(token);
        Api.Response invited = admin.post("/api/v1/accounts/" + customer.id() + "/users",
                Map.of("email", invitedEmail, "name", "Invited"));
        String invitation = invited.text("invitationToken");
        assertThat(invitation).isNotBlank();
        byte[] invitationHash = jdbc.sql("SELECT token_hash FROM invitation WHERE user_id = :id")
                .param("id", UUID.fromString(invited.text("id"))).query(byte[].class).single();
        assertThat(invitationHash).hasSize(32);
        assertThat(new String(invitationHash, StandardCharsets.ISO_8859_1)).doesNotContain(invitation);

        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE before::text LIKE :s OR after::text LIKE :s")
                .param("s", "%" + token + "%").query(Long.class).single())
                .as("the audit log does not hold the API token").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE before::text LIKE :s OR after::text LIKE :s")
                .param("s", "%" + invitation + "%").query(Long.class).single())
                .as("the audit log does not hold the invitation token").isZero();
    }

    @Test
    void theAuditLogDoesNotHandOutInvitationTokens() {
        var customer = AccountFixtures.customer("Audit Secret Customer").create(provider);
        Api admin = as(customer.adminEmail(), PASSWORD);
        String users = "/api/v1/accounts/" + customer.id() + "/users";
        String readerEmail = unique("auditor") + "@invite.test";
        assertThat(admin.post(users, Map.of("email", readerEmail, "name", "Auditor", "password", PASSWORD,
                "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        Api reader = as(readerEmail, PASSWORD);

        Api.Response invited = admin.post(users, Map.of("email", unique("boss") + "@invite.test", "name", "Boss",
                "roles", List.of("ACCOUNT_ADMIN")));
        String invitation = invited.text("invitationToken");
        assertThat(invitation).isNotBlank();

        Api.Response events = reader.get("/api/v1/accounts/" + customer.id() + "/audit-events?action=user.created");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().path("items").valueStream().map(e -> e.path("after").path("id").asString()))
                .contains(invited.text("id"));
        assertThat(events.body()).as("a READ_ONLY user must not learn an administrator's invitation token")
                .doesNotContain(invitation);
        assertThat(provider.get("/api/v1/accounts/" + customer.id() + "/audit-events").body())
                .doesNotContain(invitation);
    }

    private static String adminId(AccountFixtures.Created created) {
        return created.response().json().path("admin").path("id").asString();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> errorFields(Api.Response response) {
        return response.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }

    private static void assertProblem(Api.Response response) {
        assertThat(response.header("Content-Type")).as("content type of %s", response)
                .startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
        assertThat(response.text("type")).startsWith("urn:cascade:problem:");
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }
}
