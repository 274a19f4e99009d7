package io.cascade.identity;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Customer users (seed 004, ADR 0009): who may create them, whom they may be assigned to, what they see. */
class CustomerUsersIT extends IntegrationTest {

    @Test
    void theAccountsOwnUsersCreateCustomerUsersWhoSeeOnlyTheirCustomers() {
        var reseller = AccountFixtures.reseller("CU Reseller").create(provider);
        var alpha = AccountFixtures.customer("CU Alpha").under(reseller.id()).create(provider);
        var beta = AccountFixtures.customer("CU Beta").under(reseller.id()).create(provider);
        var gamma = AccountFixtures.customer("CU Gamma").under(reseller.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);

        String email = unique("cu") + "@customers.test";
        Api.Response created = admin.post("/api/v1/accounts/" + reseller.id() + "/customer-users",
                Map.of("email", email, "name", "Carla", "password", PASSWORD,
                        "customerIds", List.of(alpha.id(), beta.id())));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/customer-users/" + created.text("id"));
        assertThat(ids(created.json().path("customerIds"))).containsExactlyInAnyOrder(alpha.id(), beta.id());
        assertThat(created.body()).doesNotContain(PASSWORD);

        Api carla = as(email, PASSWORD);
        JsonNode me = carla.get("/api/v1/me").json();
        assertThat(me.path("user").path("kind").asString()).isEqualTo("CUSTOMER_USER");
        assertThat(me.path("account").path("id").asString()).isEqualTo(reseller.id());
        assertThat(carla.get("/api/v1/accounts/" + alpha.id()).status()).isEqualTo(200);
        assertThat(carla.get("/api/v1/accounts/" + beta.id()).status()).isEqualTo(200);
        assertThat(carla.get("/api/v1/accounts/" + gamma.id()).status()).as("not her customer").isEqualTo(404);
        assertThat(carla.get("/api/v1/accounts/" + reseller.id()).status()).as("not her own account either")
                .isEqualTo(404);
        assertThat(carla.get("/api/v1/accounts/" + reseller.id() + "/users").status()).isEqualTo(404);
        Api.Response listed = carla.get("/api/v1/accounts");
        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        assertThat(listed.json().path("items").valueStream().map(a -> a.path("id").asString()))
                .as("her own account lists exactly her customers").containsExactlyInAnyOrder(alpha.id(), beta.id());
        assertThat(carla.get("/api/v1/accounts?under=" + gamma.id()).status()).isEqualTo(404);
        assertThat(carla.get("/api/v1/users/" + created.text("id")).status()).as("she reads herself").isEqualTo(200);
        assertThat(carla.post("/api/v1/accounts/" + alpha.id() + "/suspend", null).status())
                .as("she reads, she does not manage accounts").isEqualTo(403);

        // the assignment is read per request: taking beta away hides it at once
        Api.Response changed = admin.patch("/api/v1/customer-users/" + created.text("id"),
                Map.of("customerIds", List.of(alpha.id())));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(carla.get("/api/v1/accounts/" + beta.id()).status()).isEqualTo(404);
        assertThat(carla.get("/api/v1/accounts/" + alpha.id()).status()).isEqualTo(200);

        Api.Response audit = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=customer-user.updated");
        assertThat(audit.json().path("items").size()).isEqualTo(1);
    }

    @Test
    void upstreamStaffMayNotCreateCustomerUsersNorAssignThemToAnotherAccountsCustomers() {
        var reseller = AccountFixtures.reseller("CU Up Reseller").create(provider);
        var customer = AccountFixtures.customer("CU Up Customer").under(reseller.id()).create(provider);
        var other = AccountFixtures.reseller("CU Other Reseller").create(provider);
        var foreign = AccountFixtures.customer("CU Foreign Customer").under(other.id()).create(provider);
        var own = AccountFixtures.customer("CU Provider Customer").create(provider);
        String path = "/api/v1/accounts/" + reseller.id() + "/customer-users";
        Map<String, Object> body = Map.of("email", unique("up") + "@customers.test", "name", "Upstream",
                "password", PASSWORD, "customerIds", List.of(customer.id()));

        Api.Response byProvider = provider.post(path, body);
        assertThat(byProvider.status()).as("%s", byProvider).isEqualTo(403);
        assertThat(byProvider.text("type")).isEqualTo("urn:cascade:problem:own-users-only");

        Api admin = as(reseller.adminEmail(), PASSWORD);
        Api.Response foreignCustomer = admin.post(path, Map.of("email", unique("x") + "@customers.test", "name",
                "X", "password", PASSWORD, "customerIds", List.of(customer.id(), foreign.id(), own.id())));
        assertThat(foreignCustomer.status()).as("%s", foreignCustomer).isEqualTo(422);
        assertThat(foreignCustomer.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("customerIds[1]", "customerIds[2]");
        Api.Response notACustomer = admin.post(path, Map.of("email", unique("y") + "@customers.test", "name", "Y",
                "password", PASSWORD, "customerIds", List.of(reseller.id())));
        assertThat(notACustomer.status()).as("its own account is not its customer").isEqualTo(422);
        // a standard account may have customer users of its simple customers (issue 19); a simple customer may not
        var simple = AccountFixtures.customer("CU Simple Customer").under(reseller.id()).with("billable", false)
                .create(provider);
        Api.Response onCustomer = as(simple.adminEmail(), PASSWORD).post(
                "/api/v1/accounts/" + simple.id() + "/customer-users", Map.of("email", unique("s") + "@customers.test",
                        "name", "Simple", "password", PASSWORD, "customerIds", List.of(simple.id())));
        assertThat(onCustomer.status()).as("%s", onCustomer).isEqualTo(422);
        assertThat(onCustomer.text("type")).isEqualTo("urn:cascade:problem:customer-users-need-a-vendor");
        assertThat(admin.get(path).json().path("items").size()).as("nothing created").isZero();

        // the provider's own staff may create customer users of the provider's own customers
        Api.Response providerOwn = provider.post("/api/v1/accounts/" + providerId() + "/customer-users",
                Map.of("email", unique("p") + "@customers.test", "name", "P", "password", PASSWORD,
                        "customerIds", List.of(own.id())));
        assertThat(providerOwn.status()).as("%s", providerOwn).isEqualTo(201);
    }

    @Test
    void customerUsersCreateAndChangeCustomerUsersOnlyWithinTheirOwnCustomers() {
        var reseller = AccountFixtures.reseller("CU Peer Reseller").create(provider);
        var alpha = AccountFixtures.customer("CU Peer Alpha").under(reseller.id()).create(provider);
        var beta = AccountFixtures.customer("CU Peer Beta").under(reseller.id()).create(provider);
        var gamma = AccountFixtures.customer("CU Peer Gamma").under(reseller.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String path = "/api/v1/accounts/" + reseller.id() + "/customer-users";
        String leadEmail = unique("lead") + "@customers.test";
        assertThat(admin.post(path, Map.of("email", leadEmail, "name", "Lead", "password", PASSWORD,
                "customerIds", List.of(alpha.id(), beta.id()))).status()).isEqualTo(201);
        Api.Response gammaOnly = admin.post(path, Map.of("email", unique("g") + "@customers.test", "name", "G",
                "password", PASSWORD, "customerIds", List.of(gamma.id())));
        Api.Response shared = admin.post(path, Map.of("email", unique("s") + "@customers.test", "name", "S",
                "password", PASSWORD, "customerIds", List.of(alpha.id(), gamma.id())));
        Api lead = as(leadEmail, PASSWORD);

        Api.Response beyond = lead.post(path, Map.of("email", unique("n") + "@customers.test", "name", "N",
                "password", PASSWORD, "customerIds", List.of(beta.id(), gamma.id())));
        assertThat(beyond.status()).as("gamma is not hers: %s", beyond).isEqualTo(422);
        assertThat(beyond.json().path("errors").get(0).path("field").asString()).isEqualTo("customerIds[1]");

        String newEmail = unique("new") + "@customers.test";
        Api.Response made = lead.post(path, Map.of("email", newEmail, "name", "New", "password", PASSWORD,
                "customerIds", List.of(beta.id())));
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        assertThat(as(newEmail, PASSWORD).get("/api/v1/accounts/" + beta.id()).status()).isEqualTo(200);

        Api.Response seen = lead.get(path);
        assertThat(seen.json().path("items").valueStream().map(u -> u.path("id").asString()))
                .as("she sees the customer users sharing one of her customers")
                .contains(made.text("id"), shared.text("id")).doesNotContain(gammaOnly.text("id"));
        JsonNode sharedSeen = seen.json().path("items").valueStream()
                .filter(u -> u.path("id").asString().equals(shared.text("id"))).findFirst().orElseThrow();
        assertThat(ids(sharedSeen.path("customerIds"))).as("only the customers she shares").containsExactly(alpha.id());
        assertThat(lead.get("/api/v1/customer-users/" + gammaOnly.text("id")).status()).isEqualTo(404);
        assertThat(lead.patch("/api/v1/customer-users/" + gammaOnly.text("id"),
                Map.of("customerIds", List.of(alpha.id()))).status()).isEqualTo(404);

        // changing the shared user: she adds beta and drops alpha; gamma, which she cannot see, stays
        Api.Response patched = lead.patch("/api/v1/customer-users/" + shared.text("id"),
                Map.of("customerIds", List.of(beta.id())));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(ids(patched.json().path("customerIds"))).containsExactly(beta.id());
        assertThat(ids(admin.get("/api/v1/customer-users/" + shared.text("id")).json().path("customerIds")))
                .containsExactlyInAnyOrder(beta.id(), gamma.id());
        Api.Response staffOnly = lead.patch("/api/v1/users/" + shared.text("id"), Map.of("roles", List.of("READ_ONLY")));
        assertThat(staffOnly.status()).as("staff endpoints are not hers: %s", staffOnly).isEqualTo(404);
        Api.Response fixedRoles = admin.patch("/api/v1/users/" + shared.text("id"),
                Map.of("roles", List.of("ACCOUNT_ADMIN")));
        assertThat(fixedRoles.status()).as("a customer user's roles are fixed: %s", fixedRoles).isEqualTo(422);
    }

    private static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
