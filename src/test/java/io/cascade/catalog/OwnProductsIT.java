package io.cascade.catalog;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.money;
import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resellers' own products (issue 19, ADR 0036): own services visible only in the reseller's subtree, bundles with
 * held resources, add-ons on subscriptions, and what billing makes of them.
 */
class OwnProductsIT extends IntegrationTest {

    /** A reseller (prepaid, invoicing its customers on day 1) with its mail holding, and its own support service. */
    private record Shop(TreeFixtures.Tree tree, String serviceId, String hours, String setups) {
    }

    private Shop shop(String name) {
        TreeFixtures.Tree tree = TreeFixtures.resellerWithHolding(provider)
                .reseller(AccountFixtures.reseller(name).with("resellerProfile", Map.of("model", "PREPAID",
                        "customerInvoicing", true, "customerInvoiceFormat", "BOTH", "customerBillCycleDay", 1)))
                .build();
        String hours = unique("support-hour");
        String setups = unique("onboarding");
        Api.Response created = tree.reseller().post("/api/v1/services", Map.of("code", unique("support"),
                "name", "Support", "adapter", "manual", "resourceTypes", List.of(
                        Map.of("code", hours, "name", "Support hour", "unit", "hour"),
                        Map.of("code", setups, "name", "Onboarding", "unit", "session"))));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("ownerId")).isEqualTo(tree.resellerId());
        return new Shop(tree, created.text("id"), hours, setups);
    }

    @Test
    void aResellersOwnServiceIsSeenOnlyInItsSubtree() {
        Shop shop = shop("Own Products Reseller");
        TreeFixtures.Tree tree = shop.tree();
        var customer = AccountFixtures.customer("Own Products Customer").create(tree.reseller());
        Api customerAdmin = as(customer.adminEmail(), PASSWORD);
        var sibling = AccountFixtures.reseller("Own Products Sibling").create(provider);
        Api siblingAdmin = as(sibling.adminEmail(), PASSWORD);
        var providerCustomer = AccountFixtures.customer("Own Products Direct").create(provider);
        Api directAdmin = as(providerCustomer.adminEmail(), PASSWORD);
        String path = "/api/v1/services/" + shop.serviceId();

        Api.Response own = tree.reseller().get(path);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().has("adapterConfig")).as("its definer sees the configuration").isTrue();
        assertThat(provider.get(path).status()).as("the vendor above sees it").isEqualTo(200);
        Api.Response below = customerAdmin.get(path);
        assertThat(below.status()).as("its customer reads it: %s", below).isEqualTo(200);
        assertThat(below.json().has("adapterConfig")).isFalse();
        assertThat(customerAdmin.get("/api/v1/services").body()).contains(shop.serviceId());
        for (Api outsider : List.of(siblingAdmin, directAdmin)) {
            Api.Response hidden = outsider.get(path);
            assertThat(hidden.status()).as("%s", hidden).isEqualTo(404);
            Api.Response missing = outsider.get("/api/v1/services/" + java.util.UUID.randomUUID());
            assertThat(hidden.body().replace(shop.serviceId(), "ID"))
                    .isEqualTo(missing.body().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID"));
            assertThat(outsider.get("/api/v1/services").body()).doesNotContain(shop.serviceId(), shop.hours());
            assertThat(outsider.patch(path, Map.of("name", "Taken over")).status()).isEqualTo(404);
        }
        // a sibling cannot build a plan on it: the type does not exist for it
        Api.Response foreign = siblingAdmin.post("/api/v1/accounts/" + sibling.id() + "/plans", Map.of("name", "X",
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", money("1.00"),
                "resources", List.of(resource(shop.hours(), 0, null, "SOFT", "1.00", null))));
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(422);
        assertThat(fields(foreign)).containsExactly("resources[0].resourceType");
        // its customer defines nothing
        Api.Response byCustomer = customerAdmin.post("/api/v1/services", Map.of("code", unique("c"), "name", "C",
                "adapter", "manual", "resourceTypes", List.of(Map.of("code", unique("c"), "name", "C",
                        "unit", "x"))));
        assertThat(byCustomer.status()).as("%s", byCustomer).isEqualTo(422);
        assertThat(byCustomer.text("type")).isEqualTo("urn:cascade:problem:vendor-cannot-sell");
        // audited on the reseller
        assertThat(tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/audit-events?limit=500").body())
                .contains("service.created");
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndNothingWritten() {
        Shop shop = shop("Own Products Bad Input");
        Api reseller = shop.tree().reseller();
        String code = unique("bad");
        Api.Response platformAdapter = reseller.post("/api/v1/services", Map.of("code", code, "name", "Mail",
                "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", code + "-box"),
                "resourceTypes", List.of(Map.of("code", code + "-box", "name", "Box", "unit", "count"))));
        assertThat(platformAdapter.status()).as("%s", platformAdapter).isEqualTo(422);
        assertThat(fields(platformAdapter)).containsExactly("adapter");
        Api.Response internal = reseller.post("/api/v1/services", Map.of("code", code, "name", "Remote",
                "adapter", "http", "adapterConfig", Map.of("url", "http://10.1.2.3/provision",
                        "secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
                "resourceTypes", List.of(Map.of("code", code + "-seat", "name", "Seat", "unit", "count"))));
        assertThat(internal.status()).as("never to internal addresses: %s", internal).isEqualTo(422);
        assertThat(fields(internal)).containsExactly("adapterConfig.url");
        assertThat(reseller.get("/api/v1/services").body()).doesNotContain(code);

        String path = "/api/v1/services/" + shop.serviceId();
        Api.Response before = reseller.get(path);
        Api.Response removing = reseller.patch(path, Map.of("name", "", "resourceTypes", List.of(
                Map.of("code", shop.hours(), "name", "Support hour", "unit", "minute"))));
        assertThat(removing.status()).as("%s", removing).isEqualTo(422);
        assertThat(fields(removing)).containsExactlyInAnyOrder("name", "resourceTypes", "resourceTypes[0].unit");
        assertThat(reseller.get(path).body()).as("nothing half-written").isEqualTo(before.body());

        Api.Response stale = reseller.send("PATCH", path, Map.of("name", "Renamed"), "application/merge-patch+json");
        String etag = before.header("ETag");
        Api.Response renamed = reseller.withHeader("If-Match", etag).patch(path, Map.of("name", "Help desk",
                "resourceTypes", List.of(Map.of("code", shop.hours(), "name", "Help hour", "unit", "hour"),
                        Map.of("code", shop.setups(), "name", "Onboarding", "unit", "session"),
                        Map.of("code", shop.hours() + "-x", "name", "Extra", "unit", "hour", "metered", true))));
        assertThat(stale.status()).as("%s", stale).isEqualTo(200);
        assertThat(renamed.status()).as("the first change moved the ETag on: %s", renamed).isEqualTo(412);
        Api.Response changed = reseller.patch(path, Map.of("resourceTypes", List.of(
                Map.of("code", shop.hours(), "name", "Help hour", "unit", "hour"),
                Map.of("code", shop.setups(), "name", "Onboarding", "unit", "session"),
                Map.of("code", shop.hours() + "-x", "name", "Extra", "unit", "hour", "metered", true))));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().path("resourceTypes").size()).isEqualTo(3);
        assertThat(changed.text("name")).isEqualTo("Renamed");
        assertThat(reseller.get("/api/v1/accounts/" + shop.tree().resellerId() + "/audit-events?limit=500").body())
                .contains("service.updated");
    }

    @Test
    void aBundleWithAnAddOnIsBilledExactlyAndOnlyItsHeldPartCountsUpTheTree() {
        Shop shop = shop("Own Products Billing");
        TreeFixtures.Tree tree = shop.tree();
        String plan = bundle(shop);
        Api reseller = tree.reseller();
        Api.Response addon = reseller.post("/api/v1/plans/" + plan + "/addons", Map.of("code", "priority",
                "name", "Priority support", "setupFee", money("25.00"), "recurringFee", money("9.00"),
                "maxQuantity", 3));
        assertThat(addon.status()).as("%s", addon).isEqualTo(201);
        String addonId = addon.text("id");
        // bad input: field errors, nothing written
        Api.Response bad = reseller.post("/api/v1/plans/" + plan + "/addons", Map.of("code", "priority",
                "name", "", "recurringFee", Map.of("amount", "-1.00", "currency", "USD")));
        assertThat(bad.status()).as("%s", bad).isEqualTo(422);
        assertThat(fields(bad)).containsExactlyInAnyOrder("code", "name", "recurringFee.currency");
        assertThat(reseller.get("/api/v1/plans/" + plan + "/addons").json().path("items").size()).isEqualTo(1);

        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate periodStart = today.withDayOfMonth(1);
        LocalDate periodEnd = periodStart.plusMonths(1);
        var customer = AccountFixtures.customer("Own Products Billing Customer").create(reseller);
        Api.Response subscribed = reseller.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                Map.of("planId", plan, "startDate", periodStart.toString(), "resources", List.of(
                        Map.of("resourceType", tree.mail().counted(), "quantity", 3),
                        Map.of("resourceType", shop.hours(), "quantity", 4))));
        assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
        String subscription = subscribed.text("id");
        assertThat(subscribed.text("status")).as("fulfilled by the reseller itself (manual)").isEqualTo("ACTIVE");
        // a bundle: its held mailboxes count on the holding exactly as before, its own hours nothing up the tree
        JsonNode holding = reseller.get("/api/v1/subscriptions/" + tree.holdingId()).json();
        assertThat(quantity(holding, tree.mail().counted())).as("held mailboxes count on the holding").isEqualTo("3");
        assertThat(holding.path("resources").toString()).as("own types count nothing up the tree")
                .doesNotContain(shop.hours());
        JsonNode margins = reseller.get("/api/v1/plans/" + plan + "/margins").json();
        JsonNode own = line(margins, shop.hours());
        assertThat(own.path("ownProduct").asBoolean()).isTrue();
        assertThat(own.path("unitCost").isNull()).as("no cost line: %s", own).isTrue();
        assertThat(own.path("unitMargin").path("amount").asString()).as("pure revenue").isEqualTo("15.00");
        assertThat(line(margins, tree.mail().counted()).path("unitCost").path("amount").asString())
                .isEqualTo("1.00");
        Api customerAdmin = as(customer.adminEmail(), PASSWORD);
        assertThat(customerAdmin.get("/api/v1/plans/" + plan + "/addons").body()).as("its buyer reads them")
                .contains(addonId);

        Api.Response tooMany = customerAdmin.post("/api/v1/subscriptions/" + subscription + "/addons",
                Map.of("addonId", addonId, "quantity", 4));
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(422);
        assertThat(fields(tooMany)).containsExactly("quantity");
        Api.Response foreign = customerAdmin.post("/api/v1/subscriptions/" + subscription + "/addons",
                Map.of("addonId", java.util.UUID.randomUUID().toString()));
        assertThat(fields(foreign)).containsExactly("addonId");
        Api.Response ordered = customerAdmin.post("/api/v1/subscriptions/" + subscription + "/addons",
                Map.of("addonId", addonId, "quantity", 2));
        assertThat(ordered.status()).as("%s", ordered).isEqualTo(200);
        assertThat(ordered.json().path("addons").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(ordered.json().path("addons").get(0).path("code").asString()).isEqualTo("priority");

        // the customer's next invoice, from the reseller: the bundle, its own hours and the add-on, to the cent
        JsonNode invoice = only(preview(reseller, customer.id(), today));
        assertThat(invoice.path("issuerAccountId").asString()).isEqualTo(tree.resellerId());
        BigDecimal addonDays = BigDecimal.valueOf(periodEnd.toEpochDay() - today.toEpochDay());
        BigDecimal periodDays = BigDecimal.valueOf(periodEnd.toEpochDay() - periodStart.toEpochDay());
        String addonFee = new BigDecimal("18.00").multiply(addonDays)
                .divide(periodDays, 2, java.math.RoundingMode.HALF_UP).toPlainString();
        assertThat(amounts(invoice)).containsExactlyInAnyOrder("10.00", "20.00", "4.00", "30.00", addonFee, "50.00");
        assertThat(invoice.path("subtotal").path("amount").asString()).isEqualTo(new BigDecimal("114.00")
                .add(new BigDecimal(addonFee)).toPlainString());
        // own products and add-ons draw on no holding: pure revenue in the reseller's margin
        for (JsonNode line : invoice.path("lines")) {
            String description = line.path("description").asString();
            boolean held = description.contains(tree.mail().counted()) || description.contains("recurring fee")
                    || description.contains(": setup fee");
            assertThat(line.path("wholesaleSubscriptionId").isNull()).as("%s", line).isEqualTo(!held);
        }
        // nothing of them on the reseller's own bill from its vendor
        for (JsonNode bill : preview(provider, tree.resellerId(), today)) {
            assertThat(bill.path("lines").toString()).doesNotContain(shop.hours(), "add-on", "Priority");
        }

        // retired: no new orders; removing it takes it off the subscription and the bill
        assertThat(reseller.post("/api/v1/plans/" + plan + "/addons/" + addonId + "/retire", null).status())
                .isEqualTo(200);
        Api.Response again = reseller.post("/api/v1/plans/" + plan + "/addons/" + addonId + "/retire", null);
        assertThat(again.text("type")).isEqualTo("urn:cascade:problem:addon-retired");
        Api.Response removed = customerAdmin.delete("/api/v1/subscriptions/" + subscription + "/addons/" + addonId);
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.json().path("addons").size()).isZero();
        Api.Response reorder = customerAdmin.post("/api/v1/subscriptions/" + subscription + "/addons",
                Map.of("addonId", addonId));
        assertThat(reorder.text("type")).as("%s", reorder).isEqualTo("urn:cascade:problem:addon-retired");
        assertThat(amounts(only(preview(reseller, customer.id(), today))))
                .containsExactlyInAnyOrder("10.00", "20.00", "4.00", "30.00");
        assertThat(reseller.get("/api/v1/accounts/" + customer.id() + "/audit-events?limit=500").body())
                .contains("subscription.addon-ordered", "subscription.addon-removed");
        assertThat(reseller.get("/api/v1/accounts/" + tree.resellerId() + "/audit-events?limit=500").body())
                .contains("addon.created", "addon.retired");
        // outside the subtree the subscription and its add-ons do not exist
        var sibling = AccountFixtures.reseller("Own Products Billing Sibling").create(provider);
        Api siblingAdmin = as(sibling.adminEmail(), PASSWORD);
        assertThat(siblingAdmin.get("/api/v1/plans/" + plan + "/addons").status()).isEqualTo(404);
        assertThat(siblingAdmin.post("/api/v1/subscriptions/" + subscription + "/addons",
                Map.of("addonId", addonId)).status()).isEqualTo(404);
    }

    private static List<JsonNode> preview(Api api, String accountId, LocalDate asOf) {
        Api.Response upcoming = api.get("/api/v1/accounts/" + accountId + "/upcoming-invoice?asOf=" + asOf);
        assertThat(upcoming.status()).as("%s", upcoming).isEqualTo(200);
        List<JsonNode> drafts = new ArrayList<>();
        upcoming.json().path("invoices").forEach(drafts::add);
        return drafts;
    }

    private static JsonNode only(List<JsonNode> drafts) {
        assertThat(drafts).hasSize(1);
        return drafts.get(0);
    }

    private static List<String> amounts(JsonNode invoice) {
        List<String> amounts = new ArrayList<>();
        invoice.path("lines").forEach(l -> amounts.add(l.path("amount").path("amount").asString()));
        return amounts;
    }

    /** A bundle: the reseller's mailboxes (held from the provider) with its own support hours. */
    private String bundle(Shop shop) {
        TreeFixtures.Tree tree = shop.tree();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Mail and support");
        body.put("audience", "END_CUSTOMER");
        body.put("billingPeriod", "MONTHLY");
        body.put("setupFee", money("10.00"));
        body.put("recurringFee", money("20.00"));
        body.put("resources", List.of(resource(tree.mail().counted(), 1, 10, "HARD", "2.00", null),
                resource(shop.hours(), 2, 20, "HARD", "15.00", null)));
        Api.Response created = tree.reseller().post("/api/v1/accounts/" + tree.resellerId() + "/plans", body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.text("id");
        assertThat(tree.reseller().post("/api/v1/plans/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private static String quantity(JsonNode subscription, String type) {
        return line(subscription, type).path("quantity").asString();
    }

    private static JsonNode line(JsonNode node, String type) {
        for (JsonNode r : node.path("resources")) {
            if (r.path("resourceType").asString().equals(type)) {
                return r;
            }
        }
        throw new AssertionError(type + " not in " + node);
    }

    private static List<String> fields(Api.Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
