package io.cascade.identity;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disabling, enabling and removing customer users ({@code PATCH} with {@code status}, {@code DELETE}): the account's
 * own users only; disabling signs the user out at once; removal takes its tokens and assignments along and is audited.
 */
class CustomerUserChangesIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Test
    void theAccountsOwnStaffDisablesEnablesAndRemovesACustomerUser() {
        var reseller = AccountFixtures.reseller(unique("CU Change Reseller")).create(provider);
        var alpha = AccountFixtures.customer(unique("CU Change Alpha")).under(reseller.id()).create(provider);
        var sibling = AccountFixtures.reseller(unique("CU Change Sibling")).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String email = unique("dora") + "@changes.test";
        Api.Response created = admin.post("/api/v1/accounts/" + reseller.id() + "/customer-users",
                Map.of("email", email, "name", "Dora", "password", PASSWORD, "customerIds", List.of(alpha.id())));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.text("id");
        String path = "/api/v1/customer-users/" + id;
        Api dora = as(email, PASSWORD);
        assertThat(dora.get("/api/v1/accounts/" + alpha.id()).status()).isEqualTo(200);

        Api.Response byProvider = provider.patch(path, Map.of("status", "DISABLED"));
        assertThat(byProvider.status()).as("%s", byProvider).isEqualTo(403);
        assertThat(byProvider.text("type")).isEqualTo(PROBLEM + "own-users-only");
        assertThat(provider.delete(path).status()).as("upstream staff remove nothing").isEqualTo(403);
        Api siblingAdmin = as(sibling.adminEmail(), PASSWORD);
        assertThat(siblingAdmin.patch(path, Map.of("status", "DISABLED")).status()).isEqualTo(404);
        assertThat(siblingAdmin.delete(path).status()).as("a sibling finds nothing").isEqualTo(404);
        assertThat(dora.patch(path, Map.of("status", "DISABLED")).status()).as("nobody disables itself")
                .isEqualTo(409);
        assertThat(admin.patch(path, Map.of("status", "INVITED")).status()).isEqualTo(422);
        assertThat(admin.patch(path, Map.of("status", "GONE")).status()).isEqualTo(422);

        Api.Response disabled = admin.patch(path, Map.of("status", "DISABLED", "name", "Dora D."));
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.text("status")).isEqualTo("DISABLED");
        assertThat(disabled.text("name")).isEqualTo("Dora D.");
        assertThat(dora.get("/api/v1/me").status()).as("her token stops at once").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", email, "password", PASSWORD)).status())
                .as("and she cannot sign in").isIn(401, 403);
        Api.Response enabled = admin.patch(path, Map.of("status", "ACTIVE"));
        assertThat(enabled.text("status")).isEqualTo("ACTIVE");
        Api again = as(email, PASSWORD);
        assertThat(again.get("/api/v1/accounts/" + alpha.id()).status()).isEqualTo(200);

        assertThat(again.delete(path).status()).as("nobody removes itself").isEqualTo(409);
        Api.Response removed = admin.delete(path);
        assertThat(removed.status()).as("%s", removed).isEqualTo(204);
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(again.get("/api/v1/me").status()).as("its tokens went with it").isEqualTo(401);
        assertThat(admin.get("/api/v1/accounts/" + reseller.id() + "/customer-users").body()).doesNotContain(email);
        assertThat(admin.delete(path).status()).isEqualTo(404);
        List<String> actions = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?limit=500").json()
                .path("items").valueStream().map(e -> e.path("action").asString()).toList();
        assertThat(actions).contains("customer-user.removed", "customer-user.updated");
    }
}
