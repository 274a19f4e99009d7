package io.cascade.mail;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hosted mail end to end: a reseller sells a mail service of the {@code mail} adapter; its customer's administrator
 * creates service users whose mailboxes count against the limits up the tree; service users sign in with their
 * e-mail, see only themselves and their mailbox, and are locked out while their account is suspended; the mail
 * adapter keeps the mailbox directory a mail server reads.
 */
class ServiceUsersIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    private JdbcClient jdbc;

    record Shop(String resellerId, String customerId, Api customerAdmin, String subscriptionId, String holdingId,
                String mailboxType, String domain) {
    }

    /** Mail with a HARD limit of {@code held} mailboxes in the reseller's holding; the customer orders one. */
    private Shop shop(int held) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "mbx-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "hosted-mail-" + suffix,
                "name", "Hosted mail", "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailbox),
                "resourceTypes", List.of(Map.of("code", mailbox, "name", "Mailbox", "unit", "count"))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named("Mail Reseller")
                .wholesale("50.00", resource(mailbox, 0, held, "HARD", "1.00", null))
                .plan("5.00", resource(mailbox, 1, 10, "HARD", "2.00", null))
                .customer("Mail Customer").build();
        String id = tree.subscriptionId();
        await("the subscription %s is provisioned".formatted(id)).atMost(TIMEOUT)
                .until(() -> provider.get("/api/v1/subscriptions/" + id).text("status"), "ACTIVE"::equals);
        return new Shop(tree.resellerId(), tree.customerId(), tree.customer(), id, tree.holdingId(), mailbox,
                suffix + ".mail.test");
    }

    private Api.Response create(Api api, Shop shop, String local, String password) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", "User " + local);
        body.put("email", local + "@" + shop.domain());
        if (password != null) {
            body.put("password", password);
        }
        body.put("mailboxQuotaMb", 2048);
        return api.post("/api/v1/accounts/" + shop.customerId() + "/service-users", body);
    }

    @Test
    void administratorsCreateServiceUsersWhoseMailboxesCountUpTheTree() {
        Shop shop = shop(3);
        Api.Response ann = create(shop.customerAdmin(), shop, "ann", PASSWORD);
        assertThat(ann.status()).as("%s", ann).isEqualTo(201);
        assertThat(ann.header("Location")).isEqualTo("/api/v1/service-users/" + ann.text("id"));
        assertThat(ann.json().path("mailbox").path("address").asString()).isEqualTo("ann@" + shop.domain());
        assertThat(ann.json().path("mailbox").path("quotaMb").asInt()).isEqualTo(2048);
        assertThat(ann.text("status")).isEqualTo("ACTIVE");
        await("ann's mailbox is ACTIVE").atMost(TIMEOUT).until(() -> shop.customerAdmin()
                .get("/api/v1/service-users/" + ann.text("id")).json().path("mailbox").path("state").asString(),
                "ACTIVE"::equals);
        assertThat(quantity(shop.subscriptionId(), shop.mailboxType())).as("one mailbox fits the ordered one")
                .isEqualTo(1);

        assertThat(create(shop.customerAdmin(), shop, "bob", PASSWORD).status()).isEqualTo(201);
        assertThat(quantity(shop.subscriptionId(), shop.mailboxType())).as("the second mailbox is ordered").isEqualTo(2);
        assertThat(quantity(shop.holdingId(), shop.mailboxType())).as("and counts in the reseller's holding")
                .isEqualTo(2);
        Api.Response invited = create(shop.customerAdmin(), shop, "cid", null);
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.text("status")).isEqualTo("INVITED");
        assertThat(invited.text("invitationToken")).isNotBlank();

        Api.Response fourth = create(shop.customerAdmin(), shop, "dan", PASSWORD);
        assertThat(fourth.status()).as("the reseller holds 3: %s", fourth).isEqualTo(422);
        assertThat(fourth.text("type")).isEqualTo(PROBLEM + "limit-exceeded");
        assertThat(fourth.text("whose")).isEqualTo("your vendor");
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", "dan@" + shop.domain(), "password",
                PASSWORD)).status()).as("nothing of the refused user was written").isEqualTo(401);
        JsonNode list = shop.customerAdmin().get("/api/v1/accounts/" + shop.customerId() + "/service-users").json();
        assertThat(list.path("items").valueStream().map(u -> u.path("email").asString()))
                .containsExactly("ann@" + shop.domain(), "bob@" + shop.domain(), "cid@" + shop.domain());
        assertThat(quantity(shop.subscriptionId(), shop.mailboxType())).isEqualTo(3);
        assertThat(actions(shop.customerId())).contains("service-user.created", "subscription.changed");

        // the mail server's view: the live mailboxes with the users' own bcrypt hashes
        List<Map<String, Object>> directory = jdbc.sql("""
                        SELECT address, password, quota_mb, enabled FROM mail_directory
                        WHERE address LIKE :domain ORDER BY address""")
                .param("domain", "%@" + shop.domain()).query().listOfRows();
        assertThat(directory).hasSize(3);
        await("bob's mailbox is enabled in the directory").atMost(TIMEOUT).until(() -> jdbc.sql(
                "SELECT count(*) FROM mail_directory WHERE enabled AND address = :a")
                .param("a", "bob@" + shop.domain()).query(Long.class).single(), n -> n == 1);
        assertThat(directory.get(0).get("password").toString()).startsWith("{BLF-CRYPT}$2");
        assertThat(directory.get(2).get("enabled")).as("an invited user has no password yet").isEqualTo(false);

        // each gets a welcome in its own mailbox: its login and where to sign in, never its password
        String welcome = io.cascade.support.TestMail.text(
                io.cascade.support.TestMail.await("ann@" + shop.domain(), "Your mailbox"));
        assertThat(welcome).contains("Your login is your address, ann@" + shop.domain(), "/login",
                "the password your administrator gave you").doesNotContain(PASSWORD);
        assertThat(io.cascade.support.TestMail.text(io.cascade.support.TestMail.await("cid@" + shop.domain(),
                "Your mailbox"))).contains("the invitation link");
        assertThat(io.cascade.support.TestMail.text(io.cascade.support.TestMail.await("cid@" + shop.domain(),
                "Your invitation"))).contains("/panel/invitation?token=inv_");
        assertThat(io.cascade.support.TestMail.all("dan@" + shop.domain())).as("nothing for the refused one")
                .isEmpty();
    }

    @Test
    void serviceUsersSignInAndSeeOnlyThemselvesAndTheirMailbox() {
        Shop shop = shop(10);
        String annId = create(shop.customerAdmin(), shop, "ann", PASSWORD).text("id");
        String bobId = create(shop.customerAdmin(), shop, "bob", PASSWORD).text("id");
        await("ann's mailbox is ACTIVE").atMost(TIMEOUT).until(() -> shop.customerAdmin()
                .get("/api/v1/service-users/" + annId).json().path("mailbox").path("state").asString(),
                "ACTIVE"::equals);

        Api ann = as("ann@" + shop.domain(), PASSWORD);
        JsonNode me = ann.get("/api/v1/me").json();
        assertThat(me.path("user").path("id").asString()).isEqualTo(annId);
        assertThat(me.path("user").path("kind").asString()).isEqualTo("SERVICE_USER");
        assertThat(me.path("privileges").size()).isZero();
        assertThat(me.path("services").size()).isEqualTo(1);
        assertThat(me.path("services").get(0).path("type").asString()).isEqualTo("mailbox");
        assertThat(me.path("services").get(0).path("address").asString()).isEqualTo("ann@" + shop.domain());
        assertThat(me.path("services").get(0).path("state").asString()).isEqualTo("ACTIVE");
        assertThat(ann.get("/api/v1/service-users/" + annId).status()).isEqualTo(200);
        assertThat(ann.get("/api/v1/users/" + annId).status()).isEqualTo(200);
        assertThat(provider.get("/api/v1/me").json().has("services")).as("staff have no services list").isFalse();

        for (String path : List.of("/api/v1/service-users/" + bobId, "/api/v1/users/" + bobId,
                "/api/v1/accounts/" + shop.customerId(), "/api/v1/accounts/" + shop.customerId() + "/service-users",
                "/api/v1/accounts/" + shop.customerId() + "/users",
                "/api/v1/accounts/" + shop.customerId() + "/subscriptions",
                "/api/v1/subscriptions/" + shop.subscriptionId(),
                "/api/v1/accounts/" + shop.customerId() + "/provisioning-tasks")) {
            Api.Response answer = ann.get(path);
            assertThat(answer.status()).as("%s as a service user: %s", path, answer).isEqualTo(404);
        }
        assertThat(create(ann, shop, "eve", PASSWORD).status()).as("no service users of its own").isEqualTo(404);
        assertThat(ann.delete("/api/v1/service-users/" + bobId).status()).isEqualTo(404);
        assertThat(ann.get("/api/v1/accounts").status()).isIn(403, 404);
    }

    @Test
    void aSuspendedAccountLocksItsServiceUsersOutAndSuspendsTheirMailboxes() {
        Shop shop = shop(10);
        String annId = create(shop.customerAdmin(), shop, "ann", PASSWORD).text("id");
        await("ann's mailbox is ACTIVE").atMost(TIMEOUT).until(() -> mailboxState(shop, annId), "ACTIVE"::equals);
        Api ann = as("ann@" + shop.domain(), PASSWORD);

        Api reseller = as(adminOf(shop.resellerId()), PASSWORD);
        assertThat(reseller.post("/api/v1/accounts/" + shop.customerId() + "/suspend", null).status()).isEqualTo(200);
        assertThat(ann.get("/api/v1/me").status()).as("its token stops working").isEqualTo(401);
        Api.Response signIn = anonymous.post("/api/v1/auth/tokens", Map.of("email", "ann@" + shop.domain(),
                "password", PASSWORD));
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.text("type")).isEqualTo(PROBLEM + "account-inactive");
        await("ann's mailbox is SUSPENDED").atMost(TIMEOUT).until(() -> mailboxState(shop, annId), "SUSPENDED"::equals);

        assertThat(reseller.post("/api/v1/accounts/" + shop.customerId() + "/resume", null).status()).isEqualTo(200);
        await("ann's mailbox is ACTIVE").atMost(TIMEOUT).until(() -> mailboxState(shop, annId), "ACTIVE"::equals);
        assertThat(as("ann@" + shop.domain(), PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void removingAServiceUserDisablesItsLoginAndRemovesItsMailbox() {
        Shop shop = shop(10);
        String bobId = create(shop.customerAdmin(), shop, "bob", PASSWORD).text("id");
        Api bob = as("bob@" + shop.domain(), PASSWORD);
        Api.Response removed = shop.customerAdmin().delete("/api/v1/service-users/" + bobId);
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.text("status")).isEqualTo("DISABLED");
        await("bob's mailbox is REMOVED").atMost(TIMEOUT).until(() -> mailboxState(shop, bobId), "REMOVED"::equals);
        assertThat(bob.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", "bob@" + shop.domain(), "password",
                PASSWORD)).status()).isIn(401, 403);
        Api.Response again = shop.customerAdmin().delete("/api/v1/service-users/" + bobId);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo(PROBLEM + "service-user-removed");
        assertThat(actions(shop.customerId())).contains("service-user.removed");
    }

    @Test
    void administratorsSetOrGenerateAServiceUsersPassword() {
        Shop shop = shop(10);
        String annId = create(shop.customerAdmin(), shop, "ann", PASSWORD).text("id");
        String cidId = create(shop.customerAdmin(), shop, "cid", null).text("id");
        String bobId = create(shop.customerAdmin(), shop, "bob", PASSWORD).text("id");
        Api ann = as("ann@" + shop.domain(), PASSWORD);
        String reset = "/api/v1/service-users/" + annId + "/password";

        Api.Response weak = shop.customerAdmin().post(reset, Map.of("password", "aaaaaaaaaaaa"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(ann.get("/api/v1/me").status()).as("a refused reset changes nothing").isEqualTo(200);
        assertThat(ann.post(reset, Map.of("password", "Ann-Own-Choice-1")).status())
                .as("a service user changes its own password with /api/v1/me/password only").isEqualTo(404);

        Api.Response typed = shop.customerAdmin().post(reset, Map.of("password", "Ann-Reset-Pass-1"));
        assertThat(typed.status()).as("%s", typed).isEqualTo(200);
        assertThat(typed.json().has("generatedPassword")).isFalse();
        assertThat(ann.get("/api/v1/me").status()).as("its tokens are revoked").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", "ann@" + shop.domain(), "password",
                PASSWORD)).status()).isEqualTo(401);
        assertThat(as("ann@" + shop.domain(), "Ann-Reset-Pass-1").get("/api/v1/me").status()).isEqualTo(200);

        Api.Response generated = shop.customerAdmin().post(reset, null);
        assertThat(generated.status()).isEqualTo(200);
        String password = generated.text("generatedPassword");
        assertThat(password).hasSize(20);
        assertThat(as("ann@" + shop.domain(), password).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE password_hash LIKE :p")
                .param("p", "%" + password + "%").query(Long.class).single()).as("stored hashed").isZero();

        Api.Response invited = shop.customerAdmin().post("/api/v1/service-users/" + cidId + "/password",
                Map.of("password", "Cid-First-Pass-1"));
        assertThat(invited.text("status")).as("an invited user becomes ACTIVE").isEqualTo("ACTIVE");
        assertThat(as("cid@" + shop.domain(), "Cid-First-Pass-1").get("/api/v1/me").status()).isEqualTo(200);

        assertThat(shop.customerAdmin().delete("/api/v1/service-users/" + bobId).status()).isEqualTo(200);
        Api.Response removed = shop.customerAdmin().post("/api/v1/service-users/" + bobId + "/password", null);
        assertThat(removed.status()).isEqualTo(409);
        assertThat(removed.text("type")).isEqualTo(PROBLEM + "service-user-removed");
        assertThat(actions(shop.customerId())).contains("service-user.password-reset");
    }

    @Test
    void administratorsSuspendAndResumeAServiceUser() {
        Shop shop = shop(10);
        String annId = create(shop.customerAdmin(), shop, "ann", PASSWORD).text("id");
        String cidId = create(shop.customerAdmin(), shop, "cid", null).text("id");
        await("ann's mailbox is ACTIVE").atMost(TIMEOUT).until(() -> mailboxState(shop, annId), "ACTIVE"::equals);
        Api ann = as("ann@" + shop.domain(), PASSWORD);
        String base = "/api/v1/service-users/" + annId;

        Api.Response suspended = shop.customerAdmin().post(base + "/suspend", null);
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("DISABLED");
        assertThat(suspended.json().has("removedAt")).isFalse();
        assertThat(ann.get("/api/v1/me").status()).as("its tokens end").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/tokens", Map.of("email", "ann@" + shop.domain(), "password",
                PASSWORD)).status()).isIn(401, 403);
        assertThat(enabled("ann@" + shop.domain())).as("the mail server refuses it").isFalse();
        assertThat(shop.customerAdmin().post(base + "/suspend", null).text("type"))
                .isEqualTo(PROBLEM + "service-user-not-active");
        assertThat(shop.customerAdmin().post("/api/v1/service-users/" + cidId + "/suspend", null).text("type"))
                .as("an invited one has no login to stop").isEqualTo(PROBLEM + "service-user-not-active");
        Api.Response patched = shop.customerAdmin().patch("/api/v1/users/" + annId, Map.of("status", "ACTIVE"));
        assertThat(patched.status()).as("only the mail module changes a service user's status: %s", patched)
                .isEqualTo(422);
        Api.Response reset = shop.customerAdmin().post(base + "/password", Map.of("password", "Ann-While-Away-1"));
        assertThat(reset.text("status")).as("a new password does not resume it").isEqualTo("DISABLED");

        Api.Response resumed = shop.customerAdmin().post(base + "/resume", null);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("ACTIVE");
        assertThat(as("ann@" + shop.domain(), "Ann-While-Away-1").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(enabled("ann@" + shop.domain())).isTrue();
        assertThat(shop.customerAdmin().post(base + "/resume", null).text("type"))
                .isEqualTo(PROBLEM + "service-user-not-suspended");

        assertThat(shop.customerAdmin().post(base + "/suspend", null).status()).isEqualTo(200);
        Api.Response removed = shop.customerAdmin().delete(base);
        assertThat(removed.status()).as("a suspended one can be removed: %s", removed).isEqualTo(200);
        assertThat(removed.json().path("removedAt").isString()).isTrue();
        assertThat(shop.customerAdmin().post(base + "/resume", null).text("type"))
                .as("removed is for good").isEqualTo(PROBLEM + "service-user-removed");
        assertThat(actions(shop.customerId())).contains("service-user.suspended", "service-user.resumed");
    }

    private boolean enabled(String address) {
        return jdbc.sql("SELECT enabled FROM mail_directory WHERE address = :a").param("a", address)
                .query(Boolean.class).single();
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() {
        Shop shop = shop(10);
        var bare = AccountFixtures.customer("No Mail").under(shop.resellerId()).create(provider);
        Api.Response noMail = as(bare.adminEmail(), PASSWORD).post("/api/v1/accounts/" + bare.id() + "/service-users",
                Map.of("name", "X", "email", "x@" + shop.domain(), "password", PASSWORD, "mailboxQuotaMb", 10));
        assertThat(noMail.status()).isEqualTo(409);
        assertThat(noMail.text("type")).isEqualTo(PROBLEM + "mail-subscription-required");

        Api.Response bad = shop.customerAdmin().post("/api/v1/accounts/" + shop.customerId() + "/service-users",
                Map.of("name", "", "email", "not-an-address", "password", "short", "mailboxQuotaMb", 0));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("name", "email", "password", "mailboxQuotaMb");
        Api.Response unknownField = shop.customerAdmin().post("/api/v1/accounts/" + shop.customerId()
                + "/service-users", Map.of("name", "X", "email", "x@" + shop.domain(), "mailboxQuotaMb", 10,
                "admin", true));
        assertThat(unknownField.status()).isEqualTo(400);

        assertThat(create(shop.customerAdmin(), shop, "ann", PASSWORD).status()).isEqualTo(201);
        Api.Response taken = create(shop.customerAdmin(), shop, "ann", PASSWORD);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("type")).isEqualTo(PROBLEM + "mailbox-address-taken");

        String reader = unique("reader") + "@mail.test";
        assertThat(provider.post("/api/v1/accounts/" + shop.customerId() + "/users", Map.of("email", reader,
                "name", "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY"))).status()).isEqualTo(201);
        Api readOnly = as(reader, PASSWORD);
        assertThat(readOnly.get("/api/v1/accounts/" + shop.customerId() + "/service-users").status()).isEqualTo(200);
        assertThat(create(readOnly, shop, "zed", PASSWORD).status()).isEqualTo(403);
        assertThat(shop.customerAdmin().get("/api/v1/accounts/" + shop.customerId() + "/service-users").json()
                .path("items").size()).isEqualTo(1);
    }

    @Test
    void aHardLimitOnStorageStopsTheMailboxesReceivingUntilItIsLifted() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "mbx-" + suffix;
        String storage = "gb-" + suffix;
        assertThat(provider.post("/api/v1/services", Map.of("code", "stopped-mail-" + suffix, "name", "Hosted mail",
                "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailbox), "resourceTypes",
                List.of(Map.of("code", mailbox, "name", "Mailbox", "unit", "count"),
                        Map.of("code", storage, "name", "Storage", "unit", "GB", "metered", true)))).status())
                .isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named("Stopping Mail Reseller")
                .wholesale("50.00", resource(mailbox, 0, 10, "HARD", "1.00", null),
                        resource(storage, 0, null, "SOFT", null, "0.01"))
                .plan("5.00", resource(mailbox, 1, 10, "HARD", "2.00", null),
                        resource(storage, 0, 10, "HARD", null, "0.10"))
                .plan("9.00", resource(mailbox, 1, 10, "HARD", "2.00", null),
                        resource(storage, 0, 100, "HARD", null, "0.10"))
                .customer("Stopping Mail Customer").build();
        String subscription = "/api/v1/subscriptions/" + tree.subscriptionId();
        await().atMost(TIMEOUT).until(() -> provider.get(subscription).text("status"), "ACTIVE"::equals);
        String ann = "ann@" + suffix + ".mail.test";
        Map<String, Object> body = Map.of("name", "Ann", "email", ann, "password", PASSWORD, "mailboxQuotaMb", 2048);
        String annId = tree.customer().post("/api/v1/accounts/" + tree.customerId() + "/service-users", body)
                .text("id");
        await().atMost(TIMEOUT).until(() -> provider.get("/api/v1/service-users/" + annId).json().path("mailbox")
                .path("state").asString(), "ACTIVE"::equals);
        assertThat(receiving(ann)).isTrue();

        // 12 GB of 10: the mailboxes stop receiving, the user still signs in (reads and sends)
        Api.Response usage = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(Map.of("id",
                UUID.randomUUID().toString(), "subscriptionId", tree.subscriptionId(), "resourceType", storage,
                "quantity", 12, "at", java.time.Instant.now().minusSeconds(30).toString()))));
        assertThat(usage.json().path("accepted").asInt()).as("%s", usage).isEqualTo(1);
        await("the ENFORCE task is done").atMost(TIMEOUT).until(() -> taskStatus(tree, "ENFORCE"), "DONE"::equals);
        assertThat(receiving(ann)).isFalse();
        assertThat(jdbc.sql("SELECT action FROM mail_recipient_access WHERE recipient = :a").param("a", ann)
                .query(String.class).single()).startsWith("552 5.2.2");
        assertThat(enabled(ann)).as("it signs in, reads and sends").isTrue();
        assertThat(as(ann, PASSWORD).get("/api/v1/me").status()).isEqualTo(200);

        // a plan whose limit lies above the month's usage lifts it: receiving again
        assertThat(tree.reseller().post(subscription + "/change", Map.of("planId", tree.planIds().get(1))).status())
                .isEqualTo(200);
        await("the LIFT task is done").atMost(TIMEOUT).until(() -> taskStatus(tree, "LIFT"), "DONE"::equals);
        assertThat(receiving(ann)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM mail_recipient_access WHERE recipient = :a").param("a", ann)
                .query(Long.class).single()).isZero();
    }

    private Boolean receiving(String address) {
        return jdbc.sql("SELECT receiving FROM mail_directory WHERE address = :a").param("a", address)
                .query(Boolean.class).single();
    }

    private String taskStatus(Tree tree, String operation) {
        return provider.get("/api/v1/accounts/" + tree.customerId() + "/provisioning-tasks?subscriptionId="
                        + tree.subscriptionId()).json().path("items").valueStream()
                .filter(t -> t.path("operation").asString().equals(operation)).findFirst()
                .map(t -> t.path("status").asString()).orElse("NONE");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String adminOf(String accountId) {
        return provider.get("/api/v1/accounts/" + accountId + "/users").json().path("items").get(0).path("email")
                .asString();
    }

    /** As the provider: the customer's own administrators are locked out while it is suspended. */
    private String mailboxState(Shop shop, String userId) {
        return provider.get("/api/v1/service-users/" + userId).json().path("mailbox").path("state").asString();
    }

    private int quantity(String subscriptionId, String resourceType) {
        return provider.get("/api/v1/subscriptions/" + subscriptionId).json().path("resources").valueStream()
                .filter(r -> r.path("resourceType").asString().equals(resourceType))
                .findFirst().orElseThrow().path("quantity").asInt();
    }

    private List<String> actions(String accountId) {
        return provider.get("/api/v1/accounts/" + accountId + "/audit-events?limit=500").json().path("items")
                .valueStream().map(e -> e.path("action").asString()).toList();
    }
}
