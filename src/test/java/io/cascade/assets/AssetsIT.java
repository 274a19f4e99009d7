package io.cascade.assets;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SIM inventory: CSV import with bad rows, the 10,000-SIM import and search, hand-down, assignment rules. */
class AssetsIT extends IntegrationTest {

    @Test
    void anImportWithBadRowsWritesNothingUnlessOnlyTheGoodRowsAreAskedFor() {
        var reseller = AccountFixtures.reseller("Import Reseller").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String assets = "/api/v1/accounts/" + reseller.id() + "/assets";
        SimFixtures sims = SimFixtures.block();
        Api.Response existing = admin.post(assets, Map.of("iccid", sims.iccid(0), "imsi", sims.imsi(0),
                "msisdn", "+" + sims.msisdn(0)));
        assertThat(existing.status()).as("%s", existing).isEqualTo(201);
        assertThat(existing.text("msisdn")).isEqualTo(sims.msisdn(0));
        assertThat(existing.text("state")).isEqualTo("IN_STOCK");

        String badLuhn = sims.iccid(3).substring(0, 18) + ((sims.iccid(3).charAt(18) - '0' + 1) % 10);
        String csv = "iccid,imsi,msisdn\n"
                + sims.iccid(1) + "," + sims.imsi(1) + "," + sims.msisdn(1) + "\n"          // 2 good
                + sims.iccid(2) + "," + sims.imsi(2) + "\n"                                  // 3 two fields
                + badLuhn + "," + sims.imsi(3) + "," + sims.msisdn(3) + "\n"                 // 4 Luhn
                + sims.iccid(1) + "," + sims.imsi(4) + "," + sims.msisdn(4) + "\n"           // 5 ICCID twice
                + sims.iccid(5) + "," + sims.imsi(0) + "," + sims.msisdn(5) + "\n"           // 6 IMSI registered
                + sims.iccid(6) + "," + sims.imsi(6).substring(1) + ",\n"                    // 7 IMSI short
                + sims.iccid(7) + "," + sims.imsi(7) + ",\n";                                // 8 good, no MSISDN
        Api.Response refused = admin.send("POST", assets + "/import", csv, "text/csv");
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:import-rejected");
        assertThat(refused.json().path("rows").asInt()).isEqualTo(7);
        assertThat(lines(refused.json().path("rejected"))).containsExactly(
                "3 null has 2 fields; the header has 3", "4 iccid fails the Luhn check digit",
                "5 iccid repeats line 2", "6 imsi is already registered", "7 imsi must be 15 digits");
        assertThat(admin.get(assets).json().path("items").size()).as("nothing written").isEqualTo(1);

        Api.Response partly = admin.send("POST", assets + "/import?mode=good-rows", csv, "text/csv");
        assertThat(partly.status()).as("%s", partly).isEqualTo(201);
        assertThat(partly.json().path("imported").asInt()).isEqualTo(2);
        assertThat(partly.json().path("rejected").size()).isEqualTo(5);
        assertThat(admin.get(assets).json().path("items").valueStream().map(a -> a.path("iccid").asString()))
                .containsExactly(sims.iccid(0), sims.iccid(1), sims.iccid(7));

        Api.Response again = admin.send("POST", assets + "/import", "iccid,imsi,msisdn\n" + sims.iccid(7) + ","
                + sims.imsi(8) + "," + sims.msisdn(8) + "\n", "text/csv");
        assertThat(lines(again.json().path("rejected"))).as("a duplicate against the database")
                .containsExactly("2 iccid is already registered");
        assertThat(admin.send("POST", assets + "/import", "iccid;imsi;msisdn\n", "text/csv").status()).isEqualTo(422);
        assertThat(admin.send("POST", assets + "/import?mode=some", csv, "text/csv").status()).isEqualTo(422);
        Api.Response single = admin.post(assets, Map.of("iccid", badLuhn, "imsi", "12", "msisdn", "x"));
        assertThat(single.status()).isEqualTo(422);
        assertThat(single.json().path("errors").size()).isEqualTo(3);
        assertThat(admin.post(assets, Map.of("iccid", sims.iccid(1), "imsi", sims.imsi(9))).text("type"))
                .isEqualTo("urn:cascade:problem:sim-number-taken");
        Api.Response audit = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=asset.imported");
        assertThat(audit.json().path("items").size()).as("one event per import that wrote").isEqualTo(1);
    }

    @Test
    void tenThousandSimsImportInOneRequestAndPageByIccid() {
        var reseller = AccountFixtures.reseller("Bulk Reseller").create(provider);
        var customer = AccountFixtures.customer("Bulk Customer").under(reseller.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String assets = "/api/v1/accounts/" + reseller.id() + "/assets";
        SimFixtures sims = SimFixtures.block();
        String csv = sims.csv(0, 10_000);

        long started = System.nanoTime();
        Api.Response imported = admin.send("POST", assets + "/import", csv, "text/csv");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(10_000);
        System.out.printf("Imported 10,000 SIMs (%d KiB of CSV) in %d ms%n", csv.length() / 1024, millis);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = admin.get(assets + "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            page.json().path("items").forEach(a -> seen.add(a.path("iccid").asString()));
            cursor = page.json().path("nextCursor").isNull() ? null : page.text("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(20);
        assertThat(seen).hasSize(10_000).isSorted().doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo(sims.iccid(0));

        String prefix = sims.iccid(1234).substring(0, 17);
        Api.Response byPrefix = admin.get(assets + "?iccid=" + prefix + "&limit=500");
        assertThat(byPrefix.json().path("items").size()).as("ICCIDs 1230..1239").isEqualTo(10);
        assertThat(admin.get(assets + "?iccid=" + sims.iccid(4321)).json().path("items").get(0).path("imsi")
                .asString()).isEqualTo(sims.imsi(4321));
        assertThat(admin.get(assets + "?msisdn=%2B" + sims.msisdn(777)).json().path("items").get(0).path("iccid")
                .asString()).isEqualTo(sims.iccid(777));
        assertThat(admin.get(assets + "?iccid=12ab").status()).isEqualTo(422);

        List<String> batch = admin.get(assets + "?limit=100").json().path("items").valueStream()
                .map(a -> a.path("id").asString()).toList();
        Api.Response assigned = admin.post(assets + "/assign", Map.of("customerId", customer.id(), "assetIds", batch));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.json().path("count").asInt()).isEqualTo(100);
        assertThat(admin.get(assets + "?state=ASSIGNED&limit=500").json().path("items").size()).isEqualTo(100);
        assertThat(admin.get(assets + "?customerId=" + customer.id() + "&limit=500").json().path("items").size())
                .isEqualTo(100);
        assertThat(admin.get(assets + "?state=IN_STOCK&limit=1").json().path("items").get(0).path("iccid").asString())
                .isEqualTo(sims.iccid(100));
        Api customerAdmin = as(customer.adminEmail(), PASSWORD);
        Api.Response own = customerAdmin.get("/api/v1/accounts/" + customer.id() + "/assets?limit=500");
        assertThat(own.json().path("items").size()).as("the customer sees the SIMs assigned to it").isEqualTo(100);
    }

    @Test
    void onlyTheAccountsOwnStaffAssignItsSimsAndOnlyToItsOwnCustomers() {
        var reseller = AccountFixtures.reseller("Assign Reseller").create(provider);
        var customer = AccountFixtures.customer("Assign Customer").under(reseller.id()).create(provider);
        var other = AccountFixtures.reseller("Assign Other").create(provider);
        var foreign = AccountFixtures.customer("Assign Foreign").under(other.id()).create(provider);
        var sub = AccountFixtures.reseller("Assign Sub").under(reseller.id()).create(provider);
        var subCustomer = AccountFixtures.customer("Assign Sub Customer").under(sub.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        SimFixtures sims = SimFixtures.block();
        String assets = "/api/v1/accounts/" + reseller.id() + "/assets";
        assertThat(admin.send("POST", assets + "/import", sims.csv(0, 4), "text/csv").status()).isEqualTo(201);
        List<String> ids = admin.get(assets).json().path("items").valueStream().map(a -> a.path("id").asString())
                .toList();
        String sim = "/api/v1/assets/" + ids.get(0);

        Api.Response byProvider = provider.post(sim + "/assign", Map.of("customerId", customer.id()));
        assertThat(byProvider.status()).as("upstream staff: %s", byProvider).isEqualTo(403);
        assertThat(byProvider.text("type")).isEqualTo("urn:cascade:problem:own-users-only");
        assertThat(provider.post(assets + "/assign", Map.of("customerId", customer.id(), "assetIds", ids)).status())
                .isEqualTo(403);
        Api.Response foreignCustomer = admin.post(sim + "/assign", Map.of("customerId", foreign.id()));
        assertThat(foreignCustomer.status()).as("%s", foreignCustomer).isEqualTo(422);
        assertThat(foreignCustomer.json().path("errors").get(0).path("field").asString()).isEqualTo("customerId");
        assertThat(admin.post(sim + "/assign", Map.of("customerId", subCustomer.id())).status())
                .as("a customer of a sub-reseller is not its own").isEqualTo(422);
        assertThat(as(other.adminEmail(), PASSWORD).post(sim + "/assign", Map.of("customerId", foreign.id()))
                .status()).as("another reseller finds nothing").isEqualTo(404);
        String readOnly = unique("ro") + "@assets.test";
        provider.post("/api/v1/accounts/" + reseller.id() + "/users", Map.of("email", readOnly, "name", "RO",
                "password", PASSWORD, "roles", List.of("READ_ONLY")));
        Api.Response withoutPrivilege = as(readOnly, PASSWORD).post(sim + "/assign",
                Map.of("customerId", customer.id()));
        assertThat(withoutPrivilege.status()).isEqualTo(403);
        assertThat(withoutPrivilege.text("type")).isEqualTo("urn:cascade:problem:missing-privilege");
        assertThat(admin.get(sim).json().path("state").asString()).as("nothing assigned yet").isEqualTo("IN_STOCK");

        Api.Response assigned = admin.post(sim + "/assign", Map.of("customerId", customer.id()));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.text("state")).isEqualTo("ASSIGNED");
        assertThat(assigned.text("customerId")).isEqualTo(customer.id());
        Api customerAdmin = as(customer.adminEmail(), PASSWORD);
        assertThat(customerAdmin.get(sim).status()).as("the customer sees its SIM").isEqualTo(200);
        assertThat(customerAdmin.post(sim + "/unassign", null).status()).as("but does not take it back")
                .isEqualTo(403);
        assertThat(admin.post(assets + "/transfer", Map.of("toAccountId", sub.id(), "assetIds", ids)).json()
                .path("errors").get(0).path("field").asString()).as("an assigned SIM stays").isEqualTo("assetIds[0]");

        Api.Response back = admin.post(sim + "/unassign", null);
        assertThat(back.text("state")).isEqualTo("IN_STOCK");
        assertThat(back.json().path("customerId").isNull()).isTrue();
        assertThat(customerAdmin.get(sim).status()).as("no longer the customer's").isEqualTo(404);
        Api.Response audit = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=asset.assigned");
        assertThat(audit.json().path("items").size()).isEqualTo(1);
    }

    @Test
    void aVendorHandsSimsDownToADirectResellerOnly() {
        var reseller = AccountFixtures.reseller("Handdown Reseller").create(provider);
        var sub = AccountFixtures.reseller("Handdown Sub").under(reseller.id()).create(provider);
        var customer = AccountFixtures.customer("Handdown Customer").under(reseller.id()).create(provider);
        SimFixtures sims = SimFixtures.block();
        String stock = "/api/v1/accounts/" + providerId() + "/assets";
        assertThat(provider.send("POST", stock + "/import", sims.csv(0, 5), "text/csv").status()).isEqualTo(201);
        List<String> ids = provider.get(stock + "?iccid=" + sims.iccid(0).substring(0, 15) + "&limit=500").json()
                .path("items").valueStream().map(a -> a.path("id").asString()).toList();
        assertThat(ids).hasSize(5);

        for (String notDirect : List.of(sub.id(), customer.id())) {
            Api.Response refused = provider.post(stock + "/transfer", Map.of("toAccountId", notDirect,
                    "assetIds", ids));
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("toAccountId");
        }
        Api.Response moved = provider.post(stock + "/transfer", Map.of("toAccountId", reseller.id(),
                "assetIds", ids.subList(0, 3)));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(moved.json().path("count").asInt()).isEqualTo(3);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String resellerStock = "/api/v1/accounts/" + reseller.id() + "/assets";
        assertThat(admin.get(resellerStock).json().path("items").size()).isEqualTo(3);
        Api.Response again = provider.post(stock + "/transfer", Map.of("toAccountId", reseller.id(),
                "assetIds", ids.subList(0, 4)));
        assertThat(again.status()).as("the first three are no longer the provider's: %s", again).isEqualTo(422);
        assertThat(again.json().path("errors").size()).isEqualTo(3);
        Api.Response down = admin.post(resellerStock + "/transfer", Map.of("toAccountId", sub.id(),
                "assetIds", ids.subList(0, 1)));
        assertThat(down.json().path("count").asInt()).as("and on down the tree: %s", down).isEqualTo(1);
        assertThat(as(sub.adminEmail(), PASSWORD).get("/api/v1/accounts/" + sub.id() + "/assets").json()
                .path("items").size()).isEqualTo(1);
    }

    @Test
    void aCustomerUserSeesExactlyTheSimsOfItsCustomers() {
        var reseller = AccountFixtures.reseller("CU SIM Reseller").create(provider);
        var alpha = AccountFixtures.customer("CU SIM Alpha").under(reseller.id()).create(provider);
        var beta = AccountFixtures.customer("CU SIM Beta").under(reseller.id()).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        SimFixtures sims = SimFixtures.block();
        String assets = "/api/v1/accounts/" + reseller.id() + "/assets";
        admin.send("POST", assets + "/import", sims.csv(0, 8), "text/csv");
        List<String> ids = admin.get(assets).json().path("items").valueStream().map(a -> a.path("id").asString())
                .toList();
        admin.post(assets + "/assign", Map.of("customerId", alpha.id(), "assetIds", ids.subList(0, 3)));
        admin.post(assets + "/assign", Map.of("customerId", beta.id(), "assetIds", ids.subList(3, 5)));
        String email = unique("cu-sims") + "@assets.test";
        assertThat(admin.post("/api/v1/accounts/" + reseller.id() + "/customer-users", Map.of("email", email,
                "name", "Alpha Ops", "password", PASSWORD, "customerIds", List.of(alpha.id()))).status())
                .isEqualTo(201);
        Api ops = as(email, PASSWORD);

        assertThat(ops.get(assets + "?limit=500").json().path("items").valueStream().map(a -> a.path("id").asString()))
                .as("its own account's SIMs, narrowed to its customers").containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(ops.get("/api/v1/accounts/" + alpha.id() + "/assets").json().path("items").size()).isEqualTo(3);
        assertThat(ops.get("/api/v1/accounts/" + beta.id() + "/assets").status()).isEqualTo(404);
        assertThat(ops.get("/api/v1/assets/" + ids.get(0)).status()).isEqualTo(200);
        assertThat(ops.get("/api/v1/assets/" + ids.get(3)).status()).as("beta's").isEqualTo(404);
        assertThat(ops.get("/api/v1/assets/" + ids.get(6)).status()).as("in stock").isEqualTo(404);
        assertThat(ops.get(assets + "?customerId=" + beta.id()).json().path("items").size()).isZero();
        Api.Response assign = ops.post("/api/v1/assets/" + ids.get(0) + "/unassign", null);
        assertThat(assign.status()).as("customer users read SIMs, they do not assign them").isEqualTo(403);
        assertThat(ops.send("POST", assets + "/import", sims.csv(100, 101), "text/csv").status())
                .as("its own account is not in its scope for writing").isEqualTo(404);
    }

    private static List<String> lines(JsonNode rejected) {
        return rejected.valueStream().map(r -> r.path("line").asInt() + " "
                + (r.path("field").isNull() || r.path("field").isMissingNode() ? "null" : r.path("field").asString())
                + " "
                + r.path("message").asString()).toList();
    }
}
