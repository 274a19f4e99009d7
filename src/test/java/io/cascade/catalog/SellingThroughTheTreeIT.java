package io.cascade.catalog;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The walk-through of the catalog issue: wholesale, retail at a markup, orders up to what the reseller holds. */
class SellingThroughTheTreeIT extends IntegrationTest {

    @Test
    void aCustomerOrdersUpToWhatItsResellerHoldsAndUsageFlowsIn() {
        var mail = CatalogFixtures.mailService(provider);
        String wholesale = CatalogFixtures.publishedPlan(provider, providerId(), "RESELLER", "100.00", List.of(
                resource(mail.counted(), 0, 10, "HARD", "1.00", null),
                resource(mail.metered(), 0, null, "SOFT", null, "0.10")));

        var reseller = AccountFixtures.reseller("Mail Reseller").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        Api.Response notHeld = resellerApi.post("/api/v1/accounts/" + reseller.id() + "/plans", retail(mail, 50));
        assertThat(notHeld.status()).isEqualTo(422);
        assertThat(notHeld.text("type")).isEqualTo("urn:cascade:problem:service-not-held");
        assertThat(notHeld.text("detail")).contains(mail.code());

        Api.Response holding = resellerApi.post("/api/v1/accounts/" + reseller.id() + "/subscriptions",
                Map.of("planId", wholesale));
        assertThat(holding.status()).as(holding.toString()).isEqualTo(201);
        assertThat(holding.text("purpose")).isEqualTo("RESALE");

        String retail = CatalogFixtures.draftPlan(resellerApi, reseller.id(), retail(mail, 50));
        Api.Response retailPlan = resellerApi.get("/api/v1/plans/" + retail);
        assertThat(retailPlan.json().path("resources").get(0).path("unitPrice").path("amount").asString())
                .as("1.00 wholesale + 50 %").isEqualTo("1.50");
        assertThat(resellerApi.post("/api/v1/plans/" + retail + "/publish", null).status()).isEqualTo(200);

        var customer = AccountFixtures.customer("Mail Customer").create(resellerApi);
        Api customerApi = as(customer.adminEmail(), PASSWORD);
        Api.Response available = customerApi.get("/api/v1/accounts/" + customer.id() + "/available-plans");
        assertThat(available.json().path("items").valueStream().map(p -> p.path("id").asString()))
                .containsExactly(retail);
        assertThat(customerApi.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", wholesale)).status()).as("the provider's plan is not for it").isEqualTo(404);
        assertThat(customerApi.get("/api/v1/plans/" + wholesale).status()).isEqualTo(404);

        Api.Response first = customerApi.post("/api/v1/accounts/" + customer.id() + "/subscriptions", Map.of(
                "planId", retail, "resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 7))));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Api.Response second = customerApi.post("/api/v1/accounts/" + customer.id() + "/subscriptions", Map.of(
                "planId", retail, "resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 4))));
        assertThat(second.status()).as(second.toString()).isEqualTo(422);
        assertThat(second.text("type")).isEqualTo("urn:cascade:problem:limit-exceeded");
        assertThat(second.json().path("left").asString()).isEqualTo("3");
        Api.Response third = customerApi.post("/api/v1/accounts/" + customer.id() + "/subscriptions", Map.of(
                "planId", retail, "resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 3))));
        assertThat(third.status()).as(third.toString()).isEqualTo(201);
        Api.Response held = resellerApi.get("/api/v1/subscriptions/" + holding.text("id"));
        assertThat(held.json().path("resources").get(0).path("quantity").asString()).isEqualTo("10");

        String subscriptionId = first.text("id");
        Api.Response batch = provider.post("/api/v1/usage", Map.of("records", List.of(
                Map.of("id", "u1", "subscriptionId", subscriptionId, "resourceType", mail.metered(), "quantity", 2.5,
                        "at", Instant.now().toString()),
                Map.of("id", "u2", "subscriptionId", subscriptionId, "resourceType", "nope", "quantity", 1,
                        "at", Instant.now().toString()),
                Map.of("id", "u1", "subscriptionId", subscriptionId, "resourceType", mail.metered(), "quantity", 2.5,
                        "at", Instant.now().toString()))));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(batch.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(batch.json().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        Api.Response usage = resellerApi.get("/api/v1/accounts/" + reseller.id() + "/usage");
        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        assertThat(usage.json().path("totals").get(0).path("quantity").asString()).isEqualTo("2.5");
    }

    private static Map<String, Object> retail(CatalogFixtures.Service mail, int markupPercent) {
        return Map.of("name", "Retail mail", "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "recurringFee", CatalogFixtures.money("5.00"),
                "pricing", Map.of("rule", "MARKUP_PERCENT", "value", markupPercent),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", null, null),
                        resource(mail.metered(), 0, null, "SOFT", null, null)));
    }
}
