package io.cascade.gaps;

import io.cascade.assets.api.ImportReport;
import io.cascade.assets.api.SimImportManagement;
import io.cascade.assets.api.SimImportView;
import io.cascade.identity.api.Logins;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The API behind issue 19's panel gaps: retiring SIMs in bulk (all or none, audited, 404 outside the subtree) and
 * changing a mailbox after its creation — quota, aliases on the account's mail domains, forwarding — with If-Match,
 * every bad field reported and nothing written, and the mail server following through the mailbox's CHANGE task;
 * an uploaded file's SIM import run in the background, in batches, all or none.
 */
class PanelGapsApiIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    private JdbcClient jdbc;

    @Test
    void simsInStockAreRetiredInBulkAllOrNone() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Retiring Reseller")).create(provider);
        AccountFixtures.Created sibling = AccountFixtures.reseller(unique("Retiring Sibling")).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        SimFixtures sims = SimFixtures.block();
        Api.Response imported = admin.send("POST", "/api/v1/accounts/" + reseller.id() + "/assets/import",
                sims.csv(0, 2), "text/csv");
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        List<String> ids = admin.get("/api/v1/accounts/" + reseller.id() + "/assets").json().path("items")
                .valueStream().map(a -> a.path("id").asString()).toList();
        List<String> withAStranger = List.of(ids.get(0), ids.get(1), UUID.randomUUID().toString());

        String retire = "/api/v1/accounts/" + reseller.id() + "/assets/retire";
        Api.Response outside = as(sibling.adminEmail(), PASSWORD).post(retire, Map.of("assetIds", ids.subList(0, 1)));
        assertThat(outside.status()).as("another subtree: %s", outside).isEqualTo(404);
        Api.Response mixed = admin.post(retire, Map.of("assetIds", withAStranger));
        assertThat(mixed.status()).as("%s", mixed).isEqualTo(422);
        assertThat(mixed.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("assetIds[2]");
        assertThat(states(admin, reseller.id())).as("nothing retired").containsOnly("IN_STOCK");
        Api.Response empty = admin.post(retire, Map.of("assetIds", List.of()));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("errors").get(0).path("field").asString()).isEqualTo("assetIds");

        Api.Response done = admin.post(retire, Map.of("assetIds", ids.subList(0, 2)));
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.json().path("count").asInt()).isEqualTo(2);
        assertThat(states(admin, reseller.id())).containsOnly("RETIRED");
        Api.Response again = admin.post(retire, Map.of("assetIds", ids.subList(0, 1)));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().path("errors").get(0).path("message").asString()).startsWith("is RETIRED");
        JsonNode events = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=asset.retired")
                .json().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("after").path("count").asInt()).isEqualTo(2);
    }

    @Autowired
    private SimImportManagement simImports;
    @Autowired
    private Logins logins;

    private Caller caller(String email) {
        return logins.authenticate(signIn(email, PASSWORD), "gaps-test").orElseThrow();
    }

    private SimImportView finished(Caller caller, SimImportView started) {
        return await("the import ends").atMost(TIMEOUT).until(() -> simImports.get(caller, started.id()),
                run -> !run.running());
    }

    @Test
    void anUploadedFileIsImportedInTheBackgroundInBatchesAllOrNone() {
        AccountFixtures.Created reseller = AccountFixtures.reseller(unique("Upload Reseller")).create(provider);
        AccountFixtures.Created sibling = AccountFixtures.reseller(unique("Upload Sibling")).create(provider);
        Caller admin = caller(reseller.adminEmail());
        SimFixtures sims = SimFixtures.block();
        String good = sims.csv(0, 1_500);

        SimImportView bad = finished(admin, simImports.start(admin, UUID.fromString(reseller.id()),
                good + "8949,1,2\n", "sims.csv", false));
        assertThat(bad.status()).isEqualTo(SimImportView.Status.REJECTED);
        assertThat(bad.imported()).isZero();
        assertThat(bad.rejected()).extracting(ImportReport.BadRow::line).containsOnly(1_502);
        assertThat(bad.message()).contains("nothing was imported");
        Api api = as(reseller.adminEmail(), PASSWORD);
        assertThat(api.get("/api/v1/accounts/" + reseller.id() + "/assets").json().path("items"))
                .as("nothing of a bad file").isEmpty();
        assertThatThrownBy(() -> simImports.get(caller(sibling.adminEmail()), bad.id()))
                .isInstanceOf(NotFoundException.class);

        SimImportView done = finished(admin, simImports.start(admin, UUID.fromString(reseller.id()), good,
                "sims.csv", false));
        assertThat(done.status()).isEqualTo(SimImportView.Status.DONE);
        assertThat(done.imported()).isEqualTo(1_500);
        assertThat(done.writtenRows()).isEqualTo(1_500);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(jdbc.sql("SELECT count(*) FROM asset WHERE owner_id = :o").param("o", UUID.fromString(reseller.id()))
                .query(Long.class).single()).isEqualTo(1_500);
        JsonNode imported = api.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=asset.imported")
                .json().path("items");
        assertThat(imported).hasSize(1);
        assertThat(imported.get(0).path("after").path("imported").asInt()).isEqualTo(1_500);
        assertThat(imported.get(0).path("actorUserId").isNull()).as("audited as the caller").isFalse();
    }

    private static List<String> states(Api api, String accountId) {
        return api.get("/api/v1/accounts/" + accountId + "/assets").json().path("items").valueStream()
                .map(a -> a.path("state").asString()).toList();
    }

    record Shop(String customerId, Api admin, String domain) {
    }

    private Shop mailShop() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "mbx-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "gaps-mail-" + suffix,
                "name", "Hosted mail", "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailbox),
                "resourceTypes", List.of(Map.of("code", mailbox, "name", "Mailbox", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named("Gaps Mail Reseller")
                .wholesale("50.00", resource(mailbox, 0, 10, "HARD", "1.00", null))
                .plan("5.00", resource(mailbox, 1, 10, "HARD", "2.00", null))
                .customer("Gaps Mail Customer").build();
        await("the mail subscription is provisioned").atMost(TIMEOUT).until(() -> provider
                .get("/api/v1/subscriptions/" + tree.subscriptionId()).text("status"), "ACTIVE"::equals);
        return new Shop(tree.customerId(), tree.customer(), suffix + ".gaps.test");
    }

    private String mailbox(Shop shop, String local) {
        Api.Response created = shop.admin().post("/api/v1/accounts/" + shop.customerId() + "/service-users",
                Map.of("name", "User " + local, "email", local + "@" + shop.domain(), "password", PASSWORD,
                        "mailboxQuotaMb", 2048));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void aMailboxGetsAnotherQuotaAliasesAndForwardingAndTheMailServerFollows() {
        Shop shop = mailShop();
        String ann = mailbox(shop, "ann");
        mailbox(shop, "bob");
        String path = "/api/v1/service-users/" + ann + "/mailbox";
        Api.Response before = shop.admin().get("/api/v1/service-users/" + ann);
        String etag = before.header("ETag");

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("quotaMb", 0);
        bad.put("aliases", List.of("info@elsewhere.test", "sales@" + shop.domain(), "SALES@" + shop.domain(),
                "ann@" + shop.domain()));
        bad.put("forwardTo", List.of("not-an-address", "a@b.test", "c@b.test", "d@b.test", "e@b.test", "f@b.test"));
        Api.Response refused = shop.admin().patch(path, bad);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("quotaMb", "aliases[0]", "aliases[2]", "aliases[3]", "forwardTo");
        Api.Response taken = shop.admin().patch(path, Map.of("aliases", List.of("bob@" + shop.domain())));
        assertThat(taken.status()).as("another mailbox's address: %s", taken).isEqualTo(409);
        assertThat(taken.text("type")).isEqualTo(PROBLEM + "mailbox-address-taken");
        Api.Response stale = shop.admin().withHeader("If-Match", "\"999\"").patch(path, Map.of("quotaMb", 4096));
        assertThat(stale.status()).isEqualTo(412);
        AccountFixtures.Created stranger = AccountFixtures.customer(unique("Gaps Stranger")).create(provider);
        assertThat(as(stranger.adminEmail(), PASSWORD).patch(path, Map.of("quotaMb", 4096)).status())
                .as("outside the subtree").isEqualTo(404);
        Api.Response unchanged = shop.admin().get("/api/v1/service-users/" + ann);
        assertThat(unchanged.header("ETag")).as("nothing was written").isEqualTo(etag);
        assertThat(unchanged.json().path("mailbox").path("aliases")).isEmpty();

        Api.Response changed = shop.admin().withHeader("If-Match", etag).patch(path, Map.of("quotaMb", 4096,
                "aliases", List.of("info@" + shop.domain()), "forwardTo", List.of("ann@example.org"),
                "keepCopy", false));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        JsonNode mailbox = changed.json().path("mailbox");
        assertThat(mailbox.path("quotaMb").asInt()).isEqualTo(4096);
        assertThat(mailbox.path("aliases").get(0).asString()).isEqualTo("info@" + shop.domain());
        assertThat(mailbox.path("forwardTo").get(0).asString()).isEqualTo("ann@example.org");
        assertThat(mailbox.path("keepCopy").asBoolean()).isFalse();
        Api.Response reused = shop.admin().post("/api/v1/accounts/" + shop.customerId() + "/service-users",
                Map.of("name", "Info", "email", "info@" + shop.domain(), "password", PASSWORD, "mailboxQuotaMb", 1));
        assertThat(reused.status()).as("an alias is no new mailbox's address").isEqualTo(409);

        await("the mail server sees the new quota").atMost(TIMEOUT).until(() -> jdbc.sql(
                        "SELECT quota_mb FROM mail_directory WHERE address = :a").param("a", "ann@" + shop.domain())
                .query(Integer.class).single(), q -> q == 4096);
        assertThat(jdbc.sql("SELECT source || '>' || destination FROM mail_aliases WHERE source LIKE :d "
                        + "OR destination LIKE :d ORDER BY 1").param("d", "%@" + shop.domain())
                .query(String.class).list())
                .containsExactly("ann@" + shop.domain() + ">ann@example.org",
                        "info@" + shop.domain() + ">ann@" + shop.domain());
        JsonNode events = shop.admin().get("/api/v1/accounts/" + shop.customerId()
                + "/audit-events?action=service-user.mailbox-changed").json().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("before").path("quotaMb").asInt()).isEqualTo(2048);
        assertThat(events.get(0).path("after").path("quotaMb").asInt()).isEqualTo(4096);
    }
}
