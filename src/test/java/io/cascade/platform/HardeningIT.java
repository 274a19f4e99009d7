package io.cascade.platform;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Edges found in review: each once answered wrongly (500, silent acceptance or a leak). */
class HardeningIT extends IntegrationTest {

    @Test
    void passwordsLongerThanBcryptReadsAreRefusedNeverA500() {
        var reseller = AccountFixtures.reseller("Long Passwords").create(provider);
        String longPassword = "Correct-horse-battery-staple-".repeat(4);
        Api.Response created = provider.post("/api/v1/accounts/" + reseller.id() + "/users",
                Map.of("email", unique("long") + "@x.test", "name", "Long", "password", longPassword));
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        Api.Response signIn = anonymous.post("/api/v1/auth/tokens",
                Map.of("email", reseller.adminEmail(), "password", longPassword));
        assertThat(signIn.status()).isEqualTo(401);
    }

    @Test
    void aWrongCurrentPasswordCountsAgainstTheLogin() {
        var reseller = AccountFixtures.reseller("Password Guesser").create(provider);
        Api own = as(reseller.adminEmail(), PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(own.post("/api/v1/me/password",
                    Map.of("currentPassword", "Wrong-guess-" + i, "newPassword", "Another-Secret-77")).status())
                    .isEqualTo(422);
        }
        Api.Response blocked = own.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "Another-Secret-77"));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();
    }

    @Test
    void aUserManagerCannotDisableSomeoneMorePowerful() {
        var reseller = AccountFixtures.reseller("Power Check").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        assertThat(admin.post("/api/v1/accounts/" + reseller.id() + "/roles", Map.of("code", "USER_CLERK",
                "name", "Clerk", "privileges", List.of("USERS_READ", "USERS_MANAGE"))).status()).isEqualTo(201);
        String clerkEmail = unique("clerk") + "@x.test";
        assertThat(admin.post("/api/v1/accounts/" + reseller.id() + "/users", Map.of("email", clerkEmail,
                "name", "Clerk", "password", PASSWORD, "roles", List.of("USER_CLERK"))).status()).isEqualTo(201);
        Api clerk = as(clerkEmail, PASSWORD);
        String adminId = admin.get("/api/v1/me").json().path("user").path("id").asString();

        Api.Response refused = clerk.patch("/api/v1/users/" + adminId, Map.of("status", "DISABLED"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:user-more-powerful");
        assertThat(admin.get("/api/v1/me").status()).as("the admin still works").isEqualTo(200);
    }

    @Test
    void valuesTheDatabaseCannotHoldAreBadInputNotConflicts() {
        var customer = AccountFixtures.customer("Odd Values").create(provider);
        Api.Response nul = provider.patch("/api/v1/accounts/" + customer.id(), Map.of("companyName", "Bad\u0000Name"));
        assertThat(nul.status()).isEqualTo(400);
        Api.Response negative = provider.patch("/api/v1/accounts/" + customer.id(),
                Map.of("estimatedAnnualRevenue", Map.of("amount", "-5.00", "currency", "EUR")));
        assertThat(negative.status()).isEqualTo(422);
        Api.Response billableNull = provider.send("PATCH", "/api/v1/accounts/" + customer.id(),
                "{\"billable\": null}", "application/merge-patch+json");
        assertThat(billableNull.status()).isEqualTo(422);
        assertThat(provider.get("/api/v1/accounts/" + customer.id()).json().path("billable").asBoolean()).isTrue();
    }

    @Test
    void aHugeBodyWithAnIdempotencyKeyIsRefused() {
        String huge = "{\"type\":\"CUSTOMER\",\"companyName\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        Api.Response refused = provider.withHeader("Idempotency-Key", unique("huge"))
                .send("POST", "/api/v1/accounts", huge, "application/json");
        assertThat(refused.status()).isEqualTo(413);
    }
}
