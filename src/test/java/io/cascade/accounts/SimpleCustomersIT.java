package io.cascade.accounts;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, seed 004 and ADR 0037: a standard account (a customer its vendor bills) creates simple customers of its
 * own, hands its SIMs on to them, creates customer users for them and sees its SIMs' data usage per simple customer;
 * only sellers have billable customers; a commission reseller has no resellers below it.
 */
class SimpleCustomersIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Test
    void aStandardAccountOrganisesItsSimsAndUsersWithSimpleCustomers() {
        CatalogFixtures.Service iot = CatalogFixtures.iotService(provider);
        Tree tree = TreeFixtures.iotReseller(provider, iot, 100, 50).named("Simple IoT Reseller")
                .customer("Enterprise Standard").build();
        Api vendor = tree.reseller();
        String enterpriseId = tree.customerId();
        Api enterprise = tree.customer();
        String stock = "/api/v1/accounts/" + tree.resellerId() + "/assets";
        SimFixtures block = SimFixtures.block();
        assertThat(vendor.send("POST", stock + "/import", block.csv(0, 6), "text/csv").json().path("imported")
                .asInt()).isEqualTo(6);
        List<String> sims = ids(vendor.get(stock + "?limit=10"));
        assertThat(vendor.post(stock + "/assign", Map.of("customerId", enterpriseId, "assetIds", sims.subList(0, 4)))
                .json().path("activated").asInt()).isEqualTo(4);

        // the standard account's admin creates two simple customers below itself: simple by default
        var deptA = AccountFixtures.customer("Dept A").create(enterprise);
        var deptB = AccountFixtures.customer("Dept B").create(enterprise);
        JsonNode a = deptA.response().json();
        assertThat(a.path("vendorId").asString()).isEqualTo(enterpriseId);
        assertThat(a.path("type").asString()).isEqualTo("CUSTOMER");
        assertThat(a.path("billable").asBoolean(true)).as("nobody invoices a simple customer").isFalse();
        assertThat(enterprise.get("/api/v1/accounts/" + enterpriseId + "/audit-events?action=account.created")
                .json().path("items").size()).as("its own creation and its two simple customers'").isEqualTo(3);

        // only sellers have billable customers; a standard account has no resellers; a simple customer nothing below
        String billableName = unique("Billable Dept");
        Api.Response billable = enterprise.post("/api/v1/accounts", AccountFixtures.customer(billableName)
                .with("billable", true).body());
        assertThat(billable.status()).as("%s", billable).isEqualTo(422);
        assertThat(billable.json().path("errors").get(0).path("field").asString()).isEqualTo("billable");
        Api.Response reseller = enterprise.post("/api/v1/accounts", AccountFixtures.reseller("Enterprise Reseller")
                .body());
        assertThat(reseller.status()).as("%s", reseller).isEqualTo(422);
        assertThat(reseller.text("type")).isEqualTo(PROBLEM + "vendor-cannot-sell");
        Api deptAdmin = as(deptA.adminEmail(), PASSWORD);
        Api.Response belowSimple = deptAdmin.post("/api/v1/accounts", AccountFixtures.customer("Sub Dept").body());
        assertThat(belowSimple.status()).as("%s", belowSimple).isEqualTo(422);
        assertThat(belowSimple.text("type")).isEqualTo(PROBLEM + "vendor-cannot-sell");
        assertThat(enterprise.get("/api/v1/accounts?under=" + enterpriseId + "&q=" + billableName.replace(" ", "%20"))
                .json().path("items").size()).as("nothing written").isZero();
        Api.Response unbill = vendor.patch("/api/v1/accounts/" + enterpriseId, Map.of("billable", false));
        assertThat(unbill.status()).as("a standard account with simple customers stays billable: %s", unbill)
                .isEqualTo(422);
        assertThat(unbill.json().path("errors").get(0).path("field").asString()).isEqualTo("billable");

        // it hands SIMs on: two to Dept A (batch), one to Dept B (one SIM); they stay its, ACTIVE, counted on its plan
        String own = "/api/v1/accounts/" + enterpriseId + "/assets";
        Api.Response toA = enterprise.post(own + "/assign", Map.of("customerId", deptA.id(),
                "assetIds", sims.subList(0, 2)));
        assertThat(toA.status()).as("%s", toA).isEqualTo(200);
        assertThat(toA.json().path("count").asInt()).isEqualTo(2);
        Api.Response toB = enterprise.post("/api/v1/assets/" + sims.get(2) + "/assign",
                Map.of("customerId", deptB.id()));
        assertThat(toB.status()).as("%s", toB).isEqualTo(200);
        assertThat(toB.text("simpleCustomerId")).isEqualTo(deptB.id());
        assertThat(toB.text("customerId")).isEqualTo(enterpriseId);
        assertThat(toB.text("state")).isEqualTo("ACTIVE");
        assertThat(enterprise.get("/api/v1/accounts/" + enterpriseId + "/audit-events?action=asset.assigned")
                .json().path("items").size()).isEqualTo(2);

        // bad input changes nothing: a SIM held by another simple customer, one not its own, a customer not its own
        Api.Response taken = enterprise.post(own + "/assign", Map.of("customerId", deptA.id(),
                "assetIds", List.of(sims.get(3), sims.get(2), sims.get(5))));
        assertThat(taken.status()).as("%s", taken).isEqualTo(422);
        assertThat(fields(taken)).containsExactly("assetIds[1]", "assetIds[2]");
        Api.Response notMine = enterprise.post(own + "/assign", Map.of("customerId", tree.resellerId(),
                "assetIds", List.of(sims.get(3))));
        assertThat(notMine.status()).as("%s", notMine).isEqualTo(422);
        assertThat(fields(notMine)).containsExactly("customerId");
        assertThat(enterprise.get("/api/v1/assets/" + sims.get(3)).json().path("simpleCustomerId").isNull())
                .as("nothing half-written").isTrue();
        // only the account's own staff hand its SIMs on: not its vendor, not a read-only user
        Api.Response byVendor = vendor.post(own + "/assign", Map.of("customerId", deptA.id(),
                "assetIds", List.of(sims.get(3))));
        assertThat(byVendor.status()).as("%s", byVendor).isEqualTo(403);
        assertThat(byVendor.text("type")).isEqualTo(PROBLEM + "own-users-only");

        // a customer user of Dept A sees exactly Dept A's SIMs and nothing of Dept B (404)
        String opsEmail = unique("dept-ops") + "@simple.test";
        Api.Response user = enterprise.post("/api/v1/accounts/" + enterpriseId + "/customer-users", Map.of(
                "email", opsEmail, "name", "Dept Ops", "password", PASSWORD, "customerIds", List.of(deptA.id())));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        Api ops = as(opsEmail, PASSWORD);
        assertThat(ids(ops.get(own + "?limit=50"))).containsExactlyInAnyOrderElementsOf(sims.subList(0, 2));
        assertThat(ids(ops.get("/api/v1/accounts/" + deptA.id() + "/assets"))).hasSize(2);
        assertThat(ops.get("/api/v1/assets/" + sims.get(2)).status()).isEqualTo(404);
        assertThat(ops.get("/api/v1/accounts/" + deptB.id()).status()).isEqualTo(404);
        assertThat(ops.get("/api/v1/accounts/" + deptB.id() + "/assets").status()).isEqualTo(404);
        assertThat(ids(deptAdmin.get("/api/v1/accounts/" + deptA.id() + "/assets"))).as("Dept A's own staff")
                .containsExactlyInAnyOrderElementsOf(sims.subList(0, 2));
        assertThat(deptAdmin.get("/api/v1/assets/" + sims.get(3)).status()).isEqualTo(404);
        assertThat(ids(enterprise.get(own + "?customerId=" + deptB.id()))).containsExactly(sims.get(2));

        // data usage per simple customer, recorded by whom each SIM served
        String at = Instant.now().minusSeconds(300).toString();
        Api.Response usage = vendor.post("/api/v1/assets/usage", Map.of("records", List.of(
                Map.of("id", "u1", "iccid", iccid(vendor, sims.get(0)), "quantity", new BigDecimal("10.5"), "at", at),
                Map.of("id", "u1", "iccid", iccid(vendor, sims.get(0)), "quantity", new BigDecimal("10.5"), "at", at),
                Map.of("id", "u2", "iccid", iccid(vendor, sims.get(2)), "quantity", 5, "at", at),
                Map.of("id", "u3", "iccid", iccid(vendor, sims.get(3)), "quantity", new BigDecimal("1.25"), "at", at))));
        assertThat(usage.json().path("accepted").asInt()).as("%s", usage).isEqualTo(3);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String perCustomer = own + "/usage?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        JsonNode seen = enterprise.get(perCustomer).json();
        assertThat(quantityOf(seen, deptA.id())).isEqualTo("10.5");
        assertThat(quantityOf(seen, deptB.id())).isEqualTo("5");
        assertThat(seen.path("unheld").path("quantity").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(seen.path("unheld").path("sims").asInt()).isEqualTo(1);
        JsonNode opsSees = ops.get(perCustomer).json();
        assertThat(opsSees.path("items").size()).as("only its own customer: %s", opsSees).isEqualTo(1);
        assertThat(quantityOf(opsSees, deptA.id())).isEqualTo("10.5");
        assertThat(opsSees.path("unheld").isMissingNode() || opsSees.path("unheld").isNull()).isTrue();
        assertThat(vendor.get("/api/v1/accounts/" + tree.resellerId() + "/assets/usage").status())
                .as("kept for standard accounts only").isEqualTo(404);
        assertThat(enterprise.get(own + "/usage?from=" + today + "&to=" + today.minusDays(3)).status())
                .isEqualTo(422);

        // the simple customer has nothing to buy and is billed nothing: its vendor sells no plans
        Api.Response order = enterprise.post("/api/v1/accounts/" + deptA.id() + "/subscriptions",
                Map.of("planId", tree.planId()));
        assertThat(order.status()).as("%s", order).isBetween(400, 499);

        // suspending Dept A suspends its SIMs only; resuming restores them
        assertThat(enterprise.post("/api/v1/accounts/" + deptA.id() + "/suspend", null).status()).isEqualTo(200);
        assertThat(state(enterprise, sims.get(0))).isEqualTo("SUSPENDED");
        assertThat(state(enterprise, sims.get(2))).isEqualTo("ACTIVE");
        assertThat(enterprise.post("/api/v1/accounts/" + deptA.id() + "/resume", null).status()).isEqualTo(200);
        assertThat(state(enterprise, sims.get(0))).isEqualTo("ACTIVE");

        // taking a SIM back keeps it the standard account's; one its vendor assigned only the vendor takes back
        Api.Response back = enterprise.post("/api/v1/assets/" + sims.get(0) + "/unassign", null);
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        assertThat(back.json().path("simpleCustomerId").isNull()).isTrue();
        assertThat(back.text("customerId")).isEqualTo(enterpriseId);
        assertThat(enterprise.post("/api/v1/assets/" + sims.get(3) + "/unassign", null).status()).isEqualTo(403);
        Api.Response notHeld = enterprise.post(own + "/unassign", Map.of("assetIds", List.of(sims.get(1),
                sims.get(3))));
        assertThat(notHeld.status()).as("%s", notHeld).isEqualTo(422);
        assertThat(fields(notHeld)).containsExactly("assetIds[1]");
        assertThat(enterprise.get("/api/v1/assets/" + sims.get(1)).text("simpleCustomerId")).isEqualTo(deptA.id());
        // the vendor taking a SIM back takes it from the simple customer too
        assertThat(vendor.post(stock + "/unassign", Map.of("assetIds", List.of(sims.get(1)))).status())
                .isEqualTo(200);
        assertThat(ops.get("/api/v1/assets/" + sims.get(1)).status()).isEqualTo(404);
    }

    @Test
    void aCommissionResellerHasNoResellersBelowIt() {
        var commission = AccountFixtures.reseller("Commission Parent")
                .with("resellerProfile", Map.of("model", "COMMISSION")).create(provider);
        String name = unique("Commission Child");
        Api.Response refused = provider.post("/api/v1/accounts", AccountFixtures.reseller(name)
                .under(commission.id()).body());
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "commission-reseller-has-no-resellers");
        assertThat(provider.get("/api/v1/accounts?under=" + commission.id()).json().path("items").size())
                .as("nothing written").isZero();
        assertThat(provider.post("/api/v1/accounts", AccountFixtures.customer("Commission Customer")
                .under(commission.id()).body()).status()).as("it still brings customers").isEqualTo(201);

        var prepaid = AccountFixtures.reseller("Prepaid Parent").create(provider);
        AccountFixtures.reseller("Prepaid Child").under(prepaid.id()).create(provider);
        Api.Response toCommission = provider.patch("/api/v1/accounts/" + prepaid.id(),
                Map.of("resellerProfile", Map.of("model", "COMMISSION")));
        assertThat(toCommission.status()).as("%s", toCommission).isEqualTo(422);
        assertThat(toCommission.json().path("errors").get(0).path("field").asString())
                .isEqualTo("resellerProfile.model");
        assertThat(provider.get("/api/v1/accounts/" + prepaid.id()).json().path("resellerProfile").path("model")
                .asString()).isEqualTo("PREPAID");
    }

    private static String iccid(Api api, String assetId) {
        return api.get("/api/v1/assets/" + assetId).text("iccid");
    }

    private static String state(Api api, String assetId) {
        return api.get("/api/v1/assets/" + assetId).text("state");
    }

    private static String quantityOf(JsonNode usage, String customerId) {
        for (JsonNode row : usage.path("items")) {
            if (row.path("customerId").asString().equals(customerId)) {
                return row.path("quantity").decimalValue().stripTrailingZeros().toPlainString();
            }
        }
        throw new AssertionError("no row of " + customerId + " in " + usage);
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("items").forEach(a -> ids.add(a.path("id").asString()));
        return ids;
    }
}
