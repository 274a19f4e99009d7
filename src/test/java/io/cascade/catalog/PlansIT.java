package io.cascade.catalog;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.money;
import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services and plans of the catalog issue: who defines services and who sees their adapter configuration; the plan
 * lifecycle; visibility (its own vendor's plans only); reseller plans only for held services and not below the
 * wholesale cost; derived prices that follow the wholesale price; dated price changes of published plans; commission
 * offerings.
 */
class PlansIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    // ------------------------------------------------------------------------------------------------ services

    @Test
    void onlyTheProviderDefinesServicesAndOnlyItsStaffSeeTheAdapterConfiguration() {
        String suffix = suffix();
        // the http adapter's settings: its signing secret is what must not leak (the manual adapter has no settings)
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
                (suffix + "-32-random-bytes-of-key-!").substring(0, 32).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> body = service("svc-" + suffix, "http", List.of("seat-" + suffix));
        body.put("adapterConfig", Map.of("url", "https://provisioning.example.test/hook", "secret", secret));

        Api.Response created = provider.post("/api/v1/services", body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String serviceId = created.text("id");
        assertThat(created.header("Location")).endsWith("/api/v1/services/" + serviceId);
        assertThat(created.text("code")).isEqualTo("svc-" + suffix);
        assertThat(created.text("adapter")).isEqualTo("http");
        assertThat(created.json().path("adapterConfig").path("secret").asString()).isEqualTo(secret);
        assertThat(created.json().path("resourceTypes").get(0).path("code").asString()).isEqualTo("seat-" + suffix);
        assertThat(created.json().path("resourceTypes").get(0).path("unit").asString()).isEqualTo("count");

        var reseller = AccountFixtures.reseller("Service Reseller").create(provider);
        Api resellerApi = as(reseller.adminEmail(), PASSWORD);
        String refusedCode = "svc-" + suffix();
        Api.Response own = resellerApi.post("/api/v1/services", service(refusedCode, "manual",
                List.of("seat-" + suffix())));
        // issue 19 (ADR 0036): a reseller defines its own product, never a service of the provider's catalog
        assertThat(own.status()).as("a reseller defines its own service: %s", own).isEqualTo(201);
        assertThat(own.text("ownerId")).isEqualTo(reseller.id());

        Api.Response duplicate = provider.post("/api/v1/services", service("svc-" + suffix, "manual",
                List.of("seat-" + suffix())));
        assertThat(duplicate.status()).as("duplicate code: %s", duplicate).isEqualTo(409);
        assertThat(duplicate.text("type")).isEqualTo(PROBLEM + "service-code-taken");
        assertThat(fields(duplicate)).contains("code");

        String otherCode = "svc-" + suffix();
        Api.Response duplicateType = provider.post("/api/v1/services", service(otherCode, "manual",
                List.of("seat-" + suffix)));
        assertThat(duplicateType.status()).as("resource type codes are unique: %s", duplicateType).isEqualTo(409);
        assertThat(duplicateType.text("type")).isEqualTo(PROBLEM + "resource-type-code-taken");
        assertThat(serviceCodes(provider)).doesNotContain(otherCode);

        String teleportCode = "svc-" + suffix();
        Api.Response unknownAdapter = provider.post("/api/v1/services", service(teleportCode, "teleport",
                List.of("seat-" + suffix())));
        assertThat(unknownAdapter.status()).as("unknown adapter: %s", unknownAdapter).isEqualTo(422);
        assertThat(fields(unknownAdapter)).contains("adapter");
        assertThat(serviceCodes(provider)).doesNotContain(teleportCode);

        // everybody reads services; only the provider's staff see adapterConfig (it may hold secrets)
        var customer = AccountFixtures.customer("Service Customer").create(resellerApi);
        Api customerApi = as(customer.adminEmail(), PASSWORD);
        for (Api reader : List.of(resellerApi, customerApi)) {
            Api.Response one = reader.get("/api/v1/services/" + serviceId);
            assertThat(one.status()).as("%s", one).isEqualTo(200);
            assertThat(one.text("code")).isEqualTo("svc-" + suffix);
            assertThat(one.json().has("adapterConfig")).as("no adapterConfig below the provider: %s", one).isFalse();
            assertThat(one.body()).doesNotContain(secret);
            Api.Response list = reader.get("/api/v1/services");
            assertThat(list.status()).as("%s", list).isEqualTo(200);
            assertThat(list.body()).contains(serviceId).doesNotContain(secret);
            // only the reseller's own service (issue 19) shows its configuration, to the reseller's staff
            list.json().path("items").forEach(s -> assertThat(s.has("adapterConfig")).as("%s", s)
                    .isEqualTo(reader == resellerApi && s.path("ownerId").asString("").equals(reseller.id())));
        }
        Api.Response asProvider = provider.get("/api/v1/services/" + serviceId);
        assertThat(asProvider.json().path("adapterConfig").path("secret").asString()).isEqualTo(secret);
        assertThat(provider.get("/api/v1/services").body()).contains(secret);

        // another member of the provider's staff sees it too
        String staffEmail = unique("catalog-reader") + "@plans.test";
        Api.Response staff = provider.post("/api/v1/accounts/" + providerId() + "/users", Map.of("email", staffEmail,
                "name", "Catalog Reader", "password", PASSWORD, "roles", List.of("READ_ONLY")));
        assertThat(staff.status()).as("%s", staff).isEqualTo(201);
        Api staffApi = as(staffEmail, PASSWORD);
        assertThat(staffApi.get("/api/v1/services/" + serviceId).json().path("adapterConfig").path("secret")
                .asString()).isEqualTo(secret);
        Api.Response staffCreates = staffApi.post("/api/v1/services", service("svc-" + suffix(), "manual",
                List.of("seat-" + suffix())));
        assertThat(staffCreates.status()).as("provider staff without CATALOG_MANAGE: %s", staffCreates)
                .isEqualTo(403);
        assertThat(provider.get("/api/v1/services/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ plan lifecycle

    @Test
    void aResourceTypeIsCountedOrMeteredAndOnlyAMeteredOneTakesAUsagePrice() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        Api.Response service = provider.get("/api/v1/services/" + mail.id());
        Map<String, Boolean> metered = new LinkedHashMap<>();
        service.json().path("resourceTypes").forEach(t -> metered.put(t.path("code").asString(),
                t.path("metered").asBoolean()));
        assertThat(metered).as("omitted, metered is false: %s", service)
                .containsExactlyInAnyOrderEntriesOf(Map.of(mail.counted(), false, mail.metered(), true));

        Map<String, Object> plan = new LinkedHashMap<>(Map.of("name", unique("Usage-priced seats"),
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", money("5.00"),
                "resources", List.of(resource(mail.metered(), 0, null, "SOFT", null, "0.05"),
                        resource(mail.counted(), 1, 10, "HARD", "2.00", "0.10"))));
        Api.Response refused = provider.post("/api/v1/accounts/" + providerId() + "/plans", plan);
        assertThat(refused.status()).as("a usage price on a counted type could never be charged: %s", refused)
                .isEqualTo(422);
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactly("resources[1].usagePrice");
        assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("not metered");

        String draft = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", unique("Seats"),
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", money("5.00"),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null))));
        Api.Response patched = provider.patch("/api/v1/plans/" + draft, Map.of("resources",
                List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", "0.10"))));
        assertThat(patched.status()).as("nor may a change add one: %s", patched).isEqualTo(422);
        assertThat(patched.json().path("errors").get(0).path("field").asString())
                .isEqualTo("resources[0].usagePrice");
    }

    @Test
    void aPlanIsDraftedPublishedAndRetiredAndARetiredPlanKeepsItsSubscriptions() {
        var mail = CatalogFixtures.mailService(provider);
        Api.Response draft = provider.post("/api/v1/accounts/" + providerId() + "/plans", Map.of(
                "name", unique("Lifecycle plan"), "description", "For the lifecycle test", "audience", "END_CUSTOMER",
                "billingPeriod", "MONTHLY", "setupFee", money("10.00"), "recurringFee", money("4.99"),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.05"))));
        assertThat(draft.status()).as("%s", draft).isEqualTo(201);
        String planId = draft.text("id");
        assertThat(draft.text("status")).isEqualTo("DRAFT");
        assertThat(draft.text("vendorId")).isEqualTo(providerId());
        assertThat(draft.text("currency")).isEqualTo("EUR");
        assertThat(draft.header("Location")).endsWith("/api/v1/plans/" + planId);
        assertThat(draft.header("ETag")).isNotBlank();
        assertThat(draft.json().path("recurringFee").path("amount").asString()).isEqualTo("4.99");
        assertThat(draft.json().path("setupFee").path("amount").asString()).isEqualTo("10.00");
        JsonNode counted = draft.json().path("resources").get(0);
        assertThat(counted.path("resourceType").asString()).isEqualTo(mail.counted());
        assertThat(counted.path("service").asString()).isEqualTo(mail.code());
        assertThat(counted.path("limitType").asString()).isEqualTo("HARD");
        assertThat(counted.path("unitPrice").path("amount").asString()).isEqualTo("2.00");
        assertThat(draft.json().path("resources").get(1).path("usagePrice").path("amount").asString())
                .isEqualTo("0.05");

        var customer = AccountFixtures.customer("Lifecycle Customer").create(provider);
        Api customerApi = as(customer.adminEmail(), PASSWORD);
        assertThat(availableIds(customerApi, customer.id())).as("a draft is for sale to nobody")
                .doesNotContain(planId);
        assertThat(customerApi.get("/api/v1/plans/" + planId).status()).isEqualTo(404);
        assertThat(subscribe(customerApi, customer.id(), planId).status()).isEqualTo(404);

        Api.Response published = provider.post("/api/v1/plans/" + planId + "/publish", null);
        assertThat(published.status()).as("%s", published).isEqualTo(200);
        assertThat(published.text("status")).isEqualTo("PUBLISHED");
        assertThat(published.text("publishedAt")).isNotBlank();
        assertThat(availableIds(customerApi, customer.id())).contains(planId);
        assertThat(customerApi.get("/api/v1/plans/" + planId).status()).isEqualTo(200);

        Api.Response subscription = customerApi.post("/api/v1/accounts/" + customer.id() + "/subscriptions", Map.of(
                "planId", planId, "resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 3))));
        assertThat(subscription.status()).as("%s", subscription).isEqualTo(201);
        assertThat(subscription.text("status")).isEqualTo("ACTIVE");

        Api.Response retired = provider.post("/api/v1/plans/" + planId + "/retire", null);
        assertThat(retired.status()).as("%s", retired).isEqualTo(200);
        assertThat(retired.text("status")).isEqualTo("RETIRED");
        assertThat(retired.text("retiredAt")).isNotBlank();

        assertThat(availableIds(customerApi, customer.id())).doesNotContain(planId);
        Api.Response refused = subscribe(customerApi, customer.id(), planId);
        assertThat(refused.status()).as("no new subscriptions: %s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "plan-retired");

        Api.Response existing = customerApi.get("/api/v1/subscriptions/" + subscription.text("id"));
        assertThat(existing.status()).isEqualTo(200);
        assertThat(existing.text("status")).as("existing ones go on").isEqualTo("ACTIVE");
        assertThat(existing.text("planId")).isEqualTo(planId);
        Api.Response more = customerApi.post("/api/v1/subscriptions/" + subscription.text("id") + "/change",
                Map.of("resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 4))));
        assertThat(more.status()).as("an existing subscription of a retired plan still changes quantities: %s", more)
                .isEqualTo(200);
        assertThat(quantity(more.json(), mail.counted())).isEqualTo("4");
        assertThat(customerApi.get("/api/v1/plans/" + planId).status()).as("a subscriber still reads its plan")
                .isEqualTo(200);

        Api.Response retiredTwice = provider.post("/api/v1/plans/" + planId + "/retire", null);
        assertThat(retiredTwice.status()).as("%s", retiredTwice).isEqualTo(409);
        Api.Response republished = provider.post("/api/v1/plans/" + planId + "/publish", null);
        assertThat(republished.status()).as("%s", republished).isEqualTo(409);
        Api.Response patched = provider.patch("/api/v1/plans/" + planId, Map.of("name", "Renamed retired"));
        assertThat(patched.status()).as("a retired plan no longer changes: %s", patched).isEqualTo(409);

        Api.Response audit = provider.get("/api/v1/accounts/" + providerId() + "/audit-events?action=plan.retired");
        assertThat(audit.json().path("items").valueStream()
                .anyMatch(e -> planId.equals(e.path("after").path("planId").asString()))).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ visibility

    @Test
    void aCustomerSeesAndBuysOnlyItsOwnVendorsPublishedPlans() {
        var mail = CatalogFixtures.mailService(provider);
        String wholesale = wholesale(mail, 100, "HARD");
        String providerRetail = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "9.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "3.00", null)));

        Seller r1 = seller("Visible Reseller", wholesale);
        Seller r2 = seller("Sibling Visible Reseller", wholesale);
        String r1Retail = CatalogFixtures.publishedPlan(r1.api(), r1.id(), "END_CUSTOMER", "5.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null)));
        String r1Resale = CatalogFixtures.publishedPlan(r1.api(), r1.id(), "RESELLER", "50.00",
                List.of(resource(mail.counted(), 0, 50, "HARD", "1.50", null)));
        String r1Draft = CatalogFixtures.draftPlan(r1.api(), r1.id(), Map.of("name", "R1 draft",
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null))));
        String r2Retail = CatalogFixtures.publishedPlan(r2.api(), r2.id(), "END_CUSTOMER", "5.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null)));

        var customer = AccountFixtures.customer("Visible Customer").create(r1.api());
        Api customerApi = as(customer.adminEmail(), PASSWORD);
        assertThat(availableIds(customerApi, customer.id())).as("exactly its own vendor's published END_CUSTOMER plans")
                .containsExactly(r1Retail);
        assertThat(availableIds(r1.api(), customer.id())).as("the same, asked by the vendor").containsExactly(r1Retail);

        Api.Response missingGet = customerApi.get("/api/v1/plans/" + UUID.randomUUID());
        Api.Response missingBuy = subscribe(customerApi, customer.id(), UUID.randomUUID().toString());
        assertThat(missingGet.status()).isEqualTo(404);
        assertThat(missingBuy.status()).isEqualTo(404);
        Map<String, String> foreign = new LinkedHashMap<>();
        foreign.put("a sibling reseller's plan", r2Retail);
        foreign.put("the provider's END_CUSTOMER plan", providerRetail);
        foreign.put("the provider's wholesale plan", wholesale);
        foreign.put("its vendor's draft", r1Draft);
        foreign.put("its vendor's RESELLER plan", r1Resale);
        foreign.forEach((what, planId) -> {
            Api.Response read = customerApi.get("/api/v1/plans/" + planId);
            assertThat(read.status()).as("GET %s: %s", what, read).isEqualTo(404);
            assertThat(withoutInstance(read.json())).as("GET %s looks exactly like a missing plan", what)
                    .isEqualTo(withoutInstance(missingGet.json()));
            Api.Response buy = subscribe(customerApi, customer.id(), planId);
            assertThat(buy.status()).as("subscribe to %s: %s", what, buy).isEqualTo(404);
            assertThat(withoutInstance(buy.json())).as("subscribe to %s looks like a missing plan", what)
                    .isEqualTo(withoutInstance(missingBuy.json()));
        });
        assertThat(subscriptionIds(customerApi, customer.id())).as("nothing bought").isEmpty();

        // even its vendor cannot buy a foreign plan for it
        assertThat(subscribe(r1.api(), customer.id(), r2Retail).status()).isEqualTo(404);

        assertThat(customerApi.get("/api/v1/plans/" + r1Retail).status()).isEqualTo(200);
        Api.Response bought = subscribe(customerApi, customer.id(), r1Retail);
        assertThat(bought.status()).as("%s", bought).isEqualTo(201);
        assertThat(bought.text("vendorId")).isEqualTo(r1.id());

        // a reseller sees the END_CUSTOMER and the RESELLER plans of its vendor
        var subReseller = AccountFixtures.reseller("Visible Sub Reseller").create(r1.api());
        Api subApi = as(subReseller.adminEmail(), PASSWORD);
        assertThat(availableIds(subApi, subReseller.id())).containsExactlyInAnyOrder(r1Retail, r1Resale);
        assertThat(subApi.get("/api/v1/plans/" + r1Resale).status()).isEqualTo(200);
        assertThat(subApi.get("/api/v1/plans/" + r1Draft).status()).isEqualTo(404);
        assertThat(subApi.get("/api/v1/plans/" + wholesale).status()).as("two tiers up is not its vendor")
                .isEqualTo(404);
        assertThat(availableIds(r1.api(), r1.id())).as("a reseller of the provider sees both audiences")
                .contains(wholesale, providerRetail).doesNotContain(r1Retail, r2Retail);
        assertThat(r2.api().get("/api/v1/plans/" + r1Retail).status()).as("a sibling reseller").isEqualTo(404);
        assertThat(r2.api().get("/api/v1/accounts/" + r1.id() + "/plans").status()).isEqualTo(404);

        // the vendor's own list: every status, newest first
        Api.Response own = r1.api().get("/api/v1/accounts/" + r1.id() + "/plans");
        assertThat(ids(own)).containsExactly(r1Draft, r1Resale, r1Retail);
        assertThat(ids(r1.api().get("/api/v1/accounts/" + r1.id() + "/plans?status=DRAFT"))).containsExactly(r1Draft);
        assertThat(ids(r1.api().get("/api/v1/accounts/" + r1.id() + "/plans?audience=RESELLER")))
                .containsExactly(r1Resale);
        Api.Response page = r1.api().get("/api/v1/accounts/" + r1.id() + "/plans?limit=2");
        assertThat(ids(page)).containsExactly(r1Draft, r1Resale);
        Api.Response next = r1.api().get("/api/v1/accounts/" + r1.id() + "/plans?limit=2&cursor="
                + page.text("nextCursor"));
        assertThat(ids(next)).containsExactly(r1Retail);
        assertThat(next.text("nextCursor")).isNull();

        // retiring a plan the customer could never buy does not make it visible: still 404, not plan-retired
        assertThat(r1.api().post("/api/v1/plans/" + r1Resale + "/retire", null).status()).isEqualTo(200);
        Api.Response retiredResale = subscribe(customerApi, customer.id(), r1Resale);
        assertThat(retiredResale.status()).as("a retired RESELLER plan of its vendor, for a customer: %s",
                retiredResale).isEqualTo(404);
        assertThat(withoutInstance(retiredResale.json())).isEqualTo(withoutInstance(missingBuy.json()));
    }

    // ------------------------------------------------------------------------------------------------ reseller plans

    @Test
    void aResellerSellsOnlyServicesItHoldsAsReseller() {
        var mail = CatalogFixtures.mailService(provider);
        var other = CatalogFixtures.mailService(provider);
        String wholesale = wholesale(mail, 100, "HARD");
        String providerRetail = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "9.00",
                List.of(resource(other.counted(), 1, 10, "HARD", "3.00", null)));

        var bare = AccountFixtures.reseller("Unheld Reseller").create(provider);
        Api bareApi = as(bare.adminEmail(), PASSWORD);
        Api.Response notHeld = bareApi.post("/api/v1/accounts/" + bare.id() + "/plans", fixedRetail(mail, "2.00"));
        assertThat(notHeld.status()).as("%s", notHeld).isEqualTo(422);
        assertThat(notHeld.text("type")).isEqualTo(PROBLEM + "service-not-held");
        assertThat(notHeld.text("detail")).contains(mail.code());
        assertThat(notHeld.json().path("services").valueStream().map(JsonNode::asString)).containsExactly(mail.code());
        assertThat(ids(bareApi.get("/api/v1/accounts/" + bare.id() + "/plans"))).as("nothing created").isEmpty();

        // consuming a service itself (My Provider) is not holding it for resale
        Api.Response ownUse = subscribe(bareApi, bare.id(), providerRetail);
        assertThat(ownUse.status()).as("%s", ownUse).isEqualTo(201);
        assertThat(ownUse.text("purpose")).isEqualTo("OWN_USE");
        Api.Response stillNotHeld = bareApi.post("/api/v1/accounts/" + bare.id() + "/plans",
                fixedRetail(other, "5.00"));
        assertThat(stillNotHeld.status()).as("%s", stillNotHeld).isEqualTo(422);
        assertThat(stillNotHeld.text("type")).isEqualTo(PROBLEM + "service-not-held");
        assertThat(stillNotHeld.text("detail")).contains(other.code());

        // holding one service names only the other one
        assertThat(subscribe(bareApi, bare.id(), wholesale).status()).isEqualTo(201);
        Map<String, Object> both = new LinkedHashMap<>(fixedRetail(mail, "2.00"));
        both.put("resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                resource(other.counted(), 1, 10, "HARD", "4.00", null)));
        Api.Response half = bareApi.post("/api/v1/accounts/" + bare.id() + "/plans", both);
        assertThat(half.status()).as("%s", half).isEqualTo(422);
        assertThat(half.json().path("services").valueStream().map(JsonNode::asString)).containsExactly(other.code());
        assertThat(half.text("detail")).contains(other.code()).doesNotContain(mail.code());

        Api.Response held = bareApi.post("/api/v1/accounts/" + bare.id() + "/plans", fixedRetail(mail, "2.00"));
        assertThat(held.status()).as("%s", held).isEqualTo(201);

        // a customer account has no plans at all
        var customer = AccountFixtures.customer("Planless Customer").create(bareApi);
        Api.Response customerPlan = bareApi.post("/api/v1/accounts/" + customer.id() + "/plans",
                fixedRetail(mail, "2.00"));
        assertThat(customerPlan.status()).as("%s", customerPlan).isEqualTo(422);
        assertThat(customerPlan.text("type")).isEqualTo(PROBLEM + "vendor-cannot-sell");
    }

    @Test
    void aRetailPriceBelowTheWholesaleCostIsRefusedUnlessAllowedAndThenAudited() {
        var mail = CatalogFixtures.mailService(provider);
        String wholesale = wholesale(mail, 100, "HARD");
        Seller reseller = seller("Below Cost Reseller", wholesale);
        String plans = "/api/v1/accounts/" + reseller.id() + "/plans";

        Map<String, Object> cheap = new LinkedHashMap<>(fixedRetail(mail, "0.80"));
        String cheapName = unique("Cheap");
        cheap.put("name", cheapName);
        Api.Response refused = reseller.api().post(plans, cheap);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "below-wholesale-cost");
        assertThat(refused.text("detail")).contains("allowBelowCost");
        JsonNode cost = refused.json().path("costs").get(0);
        assertThat(cost).as("names the cost: %s", refused).isNotNull();
        assertThat(cost.path("resourceType").asString()).isEqualTo(mail.counted());
        assertThat(cost.path("price").asString()).isEqualTo("unitPrice");
        assertThat(new BigDecimal(cost.path("yours").asString())).isEqualByComparingTo("0.80");
        assertThat(cost.path("cost").path("amount").asString()).isEqualTo("1.00");
        assertThat(cost.path("cost").path("currency").asString()).isEqualTo("EUR");
        assertThat(refused.json().path("costs").size()).as("the usage price is above cost").isEqualTo(1);
        assertThat(names(reseller.api().get(plans))).as("nothing created").doesNotContain(cheapName);

        Map<String, Object> negativeMarkup = new LinkedHashMap<>(derivedRetail(mail, "MARKUP_PERCENT", -10));
        Api.Response negative = reseller.api().post(plans, negativeMarkup);
        assertThat(negative.status()).as("a negative markup is below cost too: %s", negative).isEqualTo(422);
        assertThat(negative.text("type")).isEqualTo(PROBLEM + "below-wholesale-cost");

        Api.Response atCost = reseller.api().post(plans, fixedRetail(mail, "1.00"));
        assertThat(atCost.status()).as("at cost is fine: %s", atCost).isEqualTo(201);

        cheap.put("allowBelowCost", true);
        Api.Response allowed = reseller.api().post(plans, cheap);
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(201);
        String planId = allowed.text("id");
        assertThat(allowed.json().path("resources").get(0).path("unitPrice").path("amount").asString())
                .isEqualTo("0.80");

        Api.Response audit = reseller.api().get("/api/v1/accounts/" + reseller.id()
                + "/audit-events?action=plan.created&limit=500");
        assertThat(audit.status()).as("%s", audit).isEqualTo(200);
        JsonNode event = audit.json().path("items").valueStream()
                .filter(e -> planId.equals(e.path("after").path("plan").path("id").asString())).findFirst()
                .orElse(null);
        assertThat(event).as("plan.created of the below-cost plan in %s", audit).isNotNull();
        assertThat(event.path("after").path("allowBelowCost").asBoolean()).isTrue();
        assertThat(event.path("after").path("belowCost").get(0).path("cost").path("amount").asString())
                .isEqualTo("1.00");
        JsonNode atCostEvent = audit.json().path("items").valueStream()
                .filter(e -> atCost.text("id").equals(e.path("after").path("id").asString())).findFirst()
                .orElse(null);
        assertThat(atCostEvent).as("plan.created of the plan at cost").isNotNull();
        assertThat(atCostEvent.path("after").has("allowBelowCost")).isFalse();
    }

    @Test
    void aDerivedPriceIsNeverNegativeNorAMarkupAcrossCurrencies() {
        var mail = CatalogFixtures.mailService(provider);
        String wholesale = wholesale(mail, 100, "HARD");
        Seller reseller = seller("Negative Markup Reseller", wholesale);
        String plans = "/api/v1/accounts/" + reseller.id() + "/plans";

        // 1.00 - 2.00 per mailbox: below cost may be allowed, a negative price never
        Map<String, Object> negative = new LinkedHashMap<>(derivedRetail(mail, "MARKUP_AMOUNT", -2));
        negative.put("allowBelowCost", true);
        Api.Response refused = reseller.api().post(plans, negative);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "invalid-input");
        assertThat(fields(refused)).containsExactly("pricing.value");
        assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("-1.00", "never negative");
        Map<String, Object> percent = new LinkedHashMap<>(derivedRetail(mail, "MARKUP_PERCENT", -150));
        percent.put("allowBelowCost", true);
        Api.Response belowHundred = reseller.api().post(plans, percent);
        assertThat(belowHundred.status()).as("%s", belowHundred).isEqualTo(422);
        assertThat(fields(belowHundred)).containsExactly("pricing.value");
        assertThat(names(reseller.api().get(plans))).as("nothing created").isEmpty();
        Map<String, Object> atZero = new LinkedHashMap<>(derivedRetail(mail, "MARKUP_PERCENT", -100));
        atZero.put("allowBelowCost", true);
        Api.Response free = reseller.api().post(plans, atZero);
        assertThat(free.status()).as("giving it away is allowed on purpose: %s", free).isEqualTo(201);
        assertThat(free.json().path("resources").get(0).path("unitPrice").path("amount").asString())
                .isEqualTo("0.00");

        // a reseller in USD holding the provider's EUR plan: a markup would relabel EUR digits as USD
        var dollars = AccountFixtures.reseller(unique("Dollar Reseller")).with("currency", "USD").create(provider);
        Api dollarApi = as(dollars.adminEmail(), PASSWORD);
        assertThat(subscribe(dollarApi, dollars.id(), wholesale).status()).isEqualTo(201);
        String dollarPlans = "/api/v1/accounts/" + dollars.id() + "/plans";
        Map<String, Object> derivedDollars = new LinkedHashMap<>(derivedRetail(mail, "MARKUP_PERCENT", 50));
        derivedDollars.put("recurringFee", Map.of("amount", "5.00", "currency", "USD"));
        Api.Response crossCurrency = dollarApi.post(dollarPlans, derivedDollars);
        assertThat(crossCurrency.status()).as("%s", crossCurrency).isEqualTo(422);
        assertThat(fields(crossCurrency)).containsExactly("pricing.rule");
        assertThat(crossCurrency.json().path("errors").get(0).path("message").asString()).contains("USD", "EUR");
        assertThat(names(dollarApi.get(dollarPlans))).as("nothing created").isEmpty();
        Map<String, Object> fixedDollars = new LinkedHashMap<>(fixedRetail(mail, "1.50"));
        fixedDollars.put("recurringFee", Map.of("amount", "5.00", "currency", "USD"));
        fixedDollars.put("resources", List.of(Map.of("resourceType", mail.counted(), "included", 1, "limit", 10,
                "limitType", "HARD", "unitPrice", Map.of("amount", "1.50", "currency", "USD"))));
        Api.Response fixed = dollarApi.post(dollarPlans, fixedDollars);
        assertThat(fixed.status()).as("FIXED prices in its own currency are fine: %s", fixed).isEqualTo(201);
    }

    @Test
    void derivedPricesFollowTheWholesalePriceFromTheDayItChanges() {
        var mail = CatalogFixtures.mailService(provider);
        String wholesale = wholesale(mail, 100, "HARD");
        Seller reseller = seller("Markup Reseller", wholesale);
        String percent = CatalogFixtures.draftPlan(reseller.api(), reseller.id(),
                derivedRetail(mail, "MARKUP_PERCENT", 50));
        String amount = CatalogFixtures.draftPlan(reseller.api(), reseller.id(),
                derivedRetail(mail, "MARKUP_AMOUNT", new BigDecimal("0.25")));
        for (String plan : List.of(percent, amount)) {
            assertThat(reseller.api().post("/api/v1/plans/" + plan + "/publish", null).status()).isEqualTo(200);
        }
        assertPrices(reseller.api(), percent, mail, "1.50", "0.15");
        assertPrices(reseller.api(), amount, mail, "1.25", "0.35");
        Api.Response percentPlan = reseller.api().get("/api/v1/plans/" + percent);
        assertThat(percentPlan.json().path("pricing").path("rule").asString()).isEqualTo("MARKUP_PERCENT");
        assertThat(percentPlan.json().path("pricing").path("value").decimalValue()).isEqualByComparingTo("50");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate later = today.plusDays(10);
        Api.Response scheduled = provider.patch("/api/v1/plans/" + wholesale, Map.of("effectiveFrom", later.toString(),
                "resources", wholesaleResources(mail, 100, "HARD", "2.00", "0.20")));
        assertThat(scheduled.status()).as("%s", scheduled).isEqualTo(200);
        assertPrices(provider, wholesale, mail, "1.00", "0.10");
        Api.Response wholesaleNow = provider.get("/api/v1/plans/" + wholesale);
        JsonNode upcoming = wholesaleNow.json().path("upcomingPrices");
        assertThat(upcoming.size()).as("%s", wholesaleNow).isEqualTo(1);
        assertThat(upcoming.get(0).path("effectiveFrom").asString()).isEqualTo(later.toString());
        assertThat(reseller.api().get("/api/v1/plans/" + wholesale).json().path("upcomingPrices").size())
                .as("the reseller sees its vendor's coming price").isEqualTo(1);
        assertPrices(reseller.api(), percent, mail, "1.50", "0.15");
        assertPrices(reseller.api(), amount, mail, "1.25", "0.35");

        // a change from today: the derived prices follow at once
        Api.Response fromToday = provider.patch("/api/v1/plans/" + wholesale, Map.of("effectiveFrom",
                today.toString(), "resources", wholesaleResources(mail, 100, "HARD", "3.00", "0.30")));
        assertThat(fromToday.status()).as("%s", fromToday).isEqualTo(200);
        assertPrices(provider, wholesale, mail, "3.00", "0.30");
        assertPrices(reseller.api(), percent, mail, "4.50", "0.45");
        assertPrices(reseller.api(), amount, mail, "3.25", "0.55");
        assertThat(provider.get("/api/v1/plans/" + wholesale).json().path("upcomingPrices").get(0)
                .path("effectiveFrom").asString()).isEqualTo(later.toString());
    }

    @Test
    void aPublishedPlanChangesPricesOnlyFromADateAndNeverItsResources() {
        var mail = CatalogFixtures.mailService(provider);
        String plan = wholesale(mail, 100, "HARD");
        String path = "/api/v1/plans/" + plan;
        String etag = provider.get(path).header("ETag");

        Api.Response noDate = provider.patch(path, Map.of("resources",
                wholesaleResources(mail, 100, "HARD", "2.00", "0.10")));
        assertThat(noDate.status()).as("%s", noDate).isEqualTo(422);
        assertThat(fields(noDate)).contains("effectiveFrom");
        Api.Response feeNoDate = provider.patch(path, Map.of("recurringFee", money("120.00")));
        assertThat(feeNoDate.status()).as("%s", feeNoDate).isEqualTo(422);
        assertThat(fields(feeNoDate)).contains("effectiveFrom");

        Api.Response past = provider.patch(path, Map.of("effectiveFrom",
                LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "recurringFee", money("120.00")));
        assertThat(past.status()).as("%s", past).isEqualTo(422);
        assertThat(fields(past)).contains("effectiveFrom");

        Api.Response limit = provider.patch(path, Map.of("effectiveFrom",
                LocalDate.now(ZoneOffset.UTC).plusDays(3).toString(),
                "resources", wholesaleResources(mail, 200, "HARD", "1.00", "0.10")));
        assertThat(limit.status()).as("%s", limit).isEqualTo(422);
        assertThat(fields(limit)).contains("resources");
        Api.Response dropped = provider.patch(path, Map.of("resources",
                List.of(resource(mail.counted(), 0, 100, "HARD", "1.00", null))));
        assertThat(dropped.status()).as("%s", dropped).isEqualTo(422);
        assertThat(fields(dropped)).contains("resources");
        Api.Response audience = provider.patch(path, Map.of("audience", "END_CUSTOMER"));
        assertThat(audience.status()).as("%s", audience).isEqualTo(422);
        assertThat(fields(audience)).contains("audience");
        Api.Response period = provider.patch(path, Map.of("billingPeriod", "YEARLY"));
        assertThat(period.status()).as("%s", period).isEqualTo(422);
        assertThat(fields(period)).contains("billingPeriod");
        assertThat(provider.get(path).header("ETag")).as("nothing changed").isEqualTo(etag);
        assertThat(provider.get(path).json().path("upcomingPrices").size()).isZero();

        Api.Response renamed = provider.patch(path, Map.of("name", "Renamed wholesale", "description", "New text"));
        assertThat(renamed.status()).as("name and description change at once, without a date: %s", renamed)
                .isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Renamed wholesale");
        assertThat(renamed.json().path("upcomingPrices").size()).isZero();

        Api.Response stale = provider.withHeader("If-Match", etag).patch(path, Map.of("name", "Stale rename"));
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
        assertThat(provider.get(path).text("name")).isEqualTo("Renamed wholesale");

        // a draft changes freely, but takes no effectiveFrom
        String draft = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", unique("Free draft"),
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null))));
        Api.Response freely = provider.patch("/api/v1/plans/" + draft, Map.of("audience", "RESELLER",
                "resources", List.of(resource(mail.counted(), 0, 50, "SOFT", "1.00", null))));
        assertThat(freely.status()).as("%s", freely).isEqualTo(200);
        assertThat(freely.text("audience")).isEqualTo("RESELLER");
        assertThat(freely.json().path("resources").get(0).path("limitType").asString()).isEqualTo("SOFT");
        Api.Response dated = provider.patch("/api/v1/plans/" + draft, Map.of("effectiveFrom",
                LocalDate.now(ZoneOffset.UTC).plusDays(1).toString(), "recurringFee", money("3.00")));
        assertThat(dated.status()).as("%s", dated).isEqualTo(422);
        assertThat(fields(dated)).contains("effectiveFrom");
    }

    // ------------------------------------------------------------------------------------------------ commission

    @Test
    void aCommissionResellerOffersExactlyWhatItsVendorChooses() {
        var mail = CatalogFixtures.mailService(provider);
        String offered = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "7.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null)));
        String notOffered = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "8.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null)));
        String resale = wholesale(mail, 100, "HARD");
        String draft = CatalogFixtures.draftPlan(provider, providerId(), Map.of("name", unique("Draft offer"),
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null))));

        var commission = AccountFixtures.reseller("Commission Seller")
                .with("resellerProfile", Map.of("model", "COMMISSION")).create(provider);
        Api commissionApi = as(commission.adminEmail(), PASSWORD);
        var prepaid = AccountFixtures.reseller("Prepaid Seller").create(provider);
        String offerings = "/api/v1/accounts/" + commission.id() + "/offerings";

        Api.Response offer = provider.post(offerings, Map.of("planId", offered, "commissionPercent", 12.5));
        assertThat(offer.status()).as("%s", offer).isEqualTo(201);
        assertThat(offer.text("planId")).isEqualTo(offered);
        assertThat(offer.text("resellerId")).isEqualTo(commission.id());
        assertThat(offer.json().path("commissionPercent").decimalValue()).isEqualByComparingTo("12.5");

        Api.Response self = commissionApi.post(offerings, Map.of("planId", notOffered, "commissionPercent", 50));
        assertThat(self.status()).as("%s", self).isEqualTo(403);
        assertThat(self.text("type")).isEqualTo(PROBLEM + "vendor-decides-offerings");

        Api.Response notCommission = provider.post("/api/v1/accounts/" + prepaid.id() + "/offerings",
                Map.of("planId", offered, "commissionPercent", 10));
        assertThat(notCommission.status()).as("%s", notCommission).isEqualTo(422);
        assertThat(notCommission.text("type")).isEqualTo(PROBLEM + "not-a-commission-reseller");

        for (String wrong : List.of(resale, draft, UUID.randomUUID().toString())) {
            Api.Response refused = provider.post(offerings, Map.of("planId", wrong, "commissionPercent", 10));
            assertThat(refused.status()).as("offer %s: %s", wrong, refused).isEqualTo(422);
            assertThat(fields(refused)).contains("planId");
        }

        Api.Response listed = commissionApi.get(offerings);
        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        assertThat(listed.json().path("items").valueStream().map(o -> o.path("planId").asString()))
                .containsExactly(offered);

        var customer = AccountFixtures.customer("Commission Customer").create(commissionApi);
        Api customerApi = as(customer.adminEmail(), PASSWORD);
        assertThat(availableIds(customerApi, customer.id())).containsExactly(offered);
        assertThat(customerApi.get("/api/v1/plans/" + offered).status()).isEqualTo(200);
        assertThat(customerApi.get("/api/v1/plans/" + notOffered).status()).isEqualTo(404);
        assertThat(subscribe(customerApi, customer.id(), notOffered).status()).isEqualTo(404);
        Api.Response bought = subscribe(customerApi, customer.id(), offered);
        assertThat(bought.status()).as("%s", bought).isEqualTo(201);
        assertThat(bought.text("vendorId")).as("the vendor bills the commission reseller's customers")
                .isEqualTo(providerId());
        assertThat(bought.text("purpose")).isEqualTo("OWN_USE");

        Api.Response again = provider.post(offerings, Map.of("planId", offered, "commissionPercent", 15));
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.json().path("commissionPercent").decimalValue()).isEqualByComparingTo("15");
        assertThat(provider.get(offerings).json().path("items").size()).isEqualTo(1);

        String planName = unique("Commission priced");
        Map<String, Object> priced = new LinkedHashMap<>(fixedRetail(mail, "2.00"));
        priced.put("name", planName);
        for (Api who : List.of(commissionApi, provider)) {
            Api.Response refused = who.post("/api/v1/accounts/" + commission.id() + "/plans", priced);
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo(PROBLEM + "commission-reseller-has-no-plans");
        }
        assertThat(ids(provider.get("/api/v1/accounts/" + commission.id() + "/plans"))).isEmpty();

        Api.Response audit = provider.get("/api/v1/accounts/" + commission.id() + "/audit-events?action=offering.set");
        assertThat(audit.json().path("items").size()).as("%s", audit).isEqualTo(2);

        assertThat(provider.post("/api/v1/plans/" + notOffered + "/retire", null).status()).isEqualTo(200);
        Api.Response retiredNotOffered = subscribe(customerApi, customer.id(), notOffered);
        assertThat(retiredNotOffered.status()).as("a retired plan that was never offered stays invisible: %s",
                retiredNotOffered).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A reseller below the provider that holds the wholesale plan, with its administrator signed in. */
    record Seller(String id, Api api, String holdingId) {
    }

    private Seller seller(String name, String wholesalePlan) {
        var reseller = AccountFixtures.reseller(name).create(provider);
        Api api = as(reseller.adminEmail(), PASSWORD);
        Api.Response holding = subscribe(api, reseller.id(), wholesalePlan);
        assertThat(holding.status()).as("%s", holding).isEqualTo(201);
        assertThat(holding.text("purpose")).isEqualTo("RESALE");
        return new Seller(reseller.id(), api, holding.text("id"));
    }

    private String wholesale(CatalogFixtures.Service mail, int limit, String limitType) {
        return CatalogFixtures.publishedPlan(provider, providerId(), "RESELLER", "100.00",
                wholesaleResources(mail, limit, limitType, "1.00", "0.10"));
    }

    private static List<Map<String, Object>> wholesaleResources(CatalogFixtures.Service mail, int limit,
                                                                String limitType, String unitPrice,
                                                                String usagePrice) {
        return List.of(resource(mail.counted(), 0, limit, limitType, unitPrice, null),
                resource(mail.metered(), 0, null, "SOFT", null, usagePrice));
    }

    private static Map<String, Object> fixedRetail(CatalogFixtures.Service mail, String unitPrice) {
        return Map.of("name", unique("Retail"), "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "recurringFee", money("5.00"),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", unitPrice, null)));
    }

    private static Map<String, Object> derivedRetail(CatalogFixtures.Service mail, String rule, Object value) {
        return Map.of("name", unique("Derived"), "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "recurringFee", money("5.00"), "pricing", Map.of("rule", rule, "value", value),
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", null, null),
                        resource(mail.metered(), 0, null, "SOFT", null, null)));
    }

    private static void assertPrices(Api api, String planId, CatalogFixtures.Service mail, String unitPrice,
                                     String usagePrice) {
        Api.Response plan = api.get("/api/v1/plans/" + planId);
        assertThat(plan.status()).as("%s", plan).isEqualTo(200);
        JsonNode resources = plan.json().path("resources");
        assertThat(resources.get(0).path("resourceType").asString()).isEqualTo(mail.counted());
        assertThat(resources.get(0).path("unitPrice").path("amount").asString()).as("unit price of %s", plan)
                .isEqualTo(unitPrice);
        assertThat(resources.get(1).path("usagePrice").path("amount").asString()).as("usage price of %s", plan)
                .isEqualTo(usagePrice);
    }

    private static Map<String, Object> service(String code, String adapter, List<String> resourceCodes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "Service " + code);
        body.put("adapter", adapter);
        body.put("resourceTypes", resourceCodes.stream()
                .map(c -> Map.of("code", c, "name", "Seat", "unit", "count")).toList());
        return body;
    }

    private static Api.Response subscribe(Api api, String accountId, String planId) {
        return api.post("/api/v1/accounts/" + accountId + "/subscriptions", Map.of("planId", planId));
    }

    private static List<String> availableIds(Api api, String accountId) {
        Api.Response available = api.get("/api/v1/accounts/" + accountId + "/available-plans");
        assertThat(available.status()).as("%s", available).isEqualTo(200);
        return ids(available);
    }

    private static List<String> subscriptionIds(Api api, String accountId) {
        return ids(api.get("/api/v1/accounts/" + accountId + "/subscriptions"));
    }

    private static List<String> serviceCodes(Api api) {
        Api.Response list = api.get("/api/v1/services");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().path("items").valueStream().map(s -> s.path("code").asString()).toList();
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().path("items").valueStream().map(i -> i.path("id").asString()).toList();
    }

    private static List<String> names(Api.Response list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().path("items").valueStream().map(i -> i.path("name").asString()).toList();
    }

    private static List<String> fields(Api.Response response) {
        return response.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }

    private static String quantity(JsonNode subscription, String resourceType) {
        return subscription.path("resources").valueStream()
                .filter(r -> resourceType.equals(r.path("resourceType").asString()))
                .map(r -> r.path("quantity").asString()).findFirst().orElse(null);
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        if (problem instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("instance");
            return copy;
        }
        return problem;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
