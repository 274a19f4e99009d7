package io.cascade.identity;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff members and roles (foundation issue, sections 4 and 6): who may create whom with which roles, optimistic
 * locking of users, the READ_ONLY role, custom roles, and the audit trail every change leaves.
 */
class StaffIT extends IntegrationTest {
    private AccountFixtures.Created reseller;
    private Api admin;
    private String users;
    private String roles;

    @BeforeEach
    void reseller() {
        reseller = AccountFixtures.reseller("Staff Reseller").create(provider);
        admin = as(reseller.adminEmail(), PASSWORD);
        users = "/api/v1/accounts/" + reseller.id() + "/users";
        roles = "/api/v1/accounts/" + reseller.id() + "/roles";
    }

    @Test
    void createsUsersWithRolesAndListsThem() {
        String email = unique("billing") + "@staff.test";
        Api.Response created = admin.post(users, Map.of("email", email, "name", "Bea Billing", "password", PASSWORD,
                "roles", List.of("SUPPORT", "BILLING")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + created.text("id"));
        assertThat(created.header("ETag")).isNotBlank();
        assertThat(created.text("accountId")).isEqualTo(reseller.id());
        assertThat(created.text("status")).isEqualTo("ACTIVE");
        assertThat(strings(created.json().path("roles"))).containsExactlyInAnyOrder("BILLING", "SUPPORT");
        assertThat(created.json().has("password")).isFalse();
        assertThat(created.body()).doesNotContain(PASSWORD);

        Api.Response read = admin.get("/api/v1/users/" + created.text("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("email")).isEqualTo(email);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));

        Api bea = as(email, PASSWORD);
        assertThat(strings(bea.get("/api/v1/me").json().path("privileges")))
                .as("the union of BILLING and SUPPORT")
                .containsExactlyInAnyOrder("ACCOUNTS_READ", "ACCOUNTS_STATUS", "USERS_READ", "AUDIT_READ",
                        "SUBSCRIPTIONS_READ", "CATALOG_READ", "BILLING_READ", "BILLING_MANAGE", "ASSETS_READ");

        String plainEmail = unique("plain") + "@staff.test";
        Api.Response plain = admin.post(users, Map.of("email", plainEmail, "name", "Plain", "password", PASSWORD));
        assertThat(plain.status()).as("%s", plain).isEqualTo(201);
        assertThat(strings(plain.json().path("roles"))).as("default role").containsExactly("READ_ONLY");

        Api.Response duplicate = admin.post(users, Map.of("email", email.toUpperCase(), "name", "Again",
                "password", PASSWORD));
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(409);
        assertThat(errorFields(duplicate)).contains("email");

        Api.Response unknownRole = admin.post(users, Map.of("email", unique("x") + "@staff.test", "name", "X",
                "password", PASSWORD, "roles", List.of("NO_SUCH_ROLE")));
        assertThat(unknownRole.status()).as("%s", unknownRole).isEqualTo(422);
        assertThat(errorFields(unknownRole)).contains("roles");

        Api.Response list = admin.get(users);
        assertThat(list.status()).isEqualTo(200);
        assertThat(emails(list)).containsExactly(sorted(reseller.adminEmail(), email, plainEmail));
        assertThat(list.json().path("nextCursor").isNull()).isTrue();
        assertThat(emails(provider.get(users))).as("the vendor sees them too").hasSize(3);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = admin.get(users + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(1);
            paged.addAll(emails(page));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactly(sorted(reseller.adminEmail(), email, plainEmail));
    }

    @Test
    void aStaleEtagRefusesTheUpdate() {
        String id = createUser("stale", List.of("READ_ONLY")).text("id");
        String original = admin.get("/api/v1/users/" + id).header("ETag");

        Api.Response first = admin.withHeader("If-Match", original).patch("/api/v1/users/" + id,
                Map.of("name", "First Writer"));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.header("ETag")).isNotBlank().isNotEqualTo(original);

        Api.Response second = admin.withHeader("If-Match", original).patch("/api/v1/users/" + id,
                Map.of("name", "Second Writer"));
        assertThat(second.status()).as("%s", second).isEqualTo(412);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/users/" + id).text("name")).isEqualTo("First Writer");

        Api.Response current = admin.withHeader("If-Match", first.header("ETag")).patch("/api/v1/users/" + id,
                Map.of("roles", List.of("SUPPORT")));
        assertThat(current.status()).as("%s", current).isEqualTo(200);
        assertThat(strings(current.json().path("roles"))).containsExactly("SUPPORT");
    }

    @Test
    void nobodyGrantsARoleWithPrivilegesItLacks() {
        Api.Response role = admin.post(roles, Map.of("code", "USER_MANAGER", "name", "User manager",
                "privileges", List.of("ACCOUNTS_READ", "USERS_READ", "USERS_MANAGE")));
        assertThat(role.status()).as("%s", role).isEqualTo(201);
        assertThat(role.json().path("builtIn").asBoolean()).isFalse();
        assertThat(strings(role.json().path("privileges")))
                .containsExactlyInAnyOrder("ACCOUNTS_READ", "USERS_READ", "USERS_MANAGE");
        assertThat(admin.get(roles).json().path("items").valueStream().map(r -> r.path("code").asString()))
                .contains("USER_MANAGER", "ACCOUNT_ADMIN", "BILLING", "SUPPORT", "READ_ONLY");

        String managerEmail = createUser("manager", List.of("USER_MANAGER")).text("email");
        Api manager = as(managerEmail, PASSWORD);
        List<String> before = emails(admin.get(users));

        Api.Response escalation = manager.post(users, Map.of("email", unique("puppet") + "@staff.test",
                "name", "Puppet", "password", PASSWORD, "roles", List.of("ACCOUNT_ADMIN")));
        assertThat(escalation.status()).as("%s", escalation).isEqualTo(422);
        assertThat(escalation.header("Content-Type")).startsWith("application/problem+json");
        assertThat(errorFields(escalation)).contains("roles");
        assertThat(emails(admin.get(users))).as("nothing created").isEqualTo(before);

        Api.Response peer = manager.post(users, Map.of("email", unique("peer") + "@staff.test", "name", "Peer",
                "password", PASSWORD, "roles", List.of("USER_MANAGER")));
        assertThat(peer.status()).as("a role within its own privileges: %s", peer).isEqualTo(201);

        Api.Response promote = manager.patch("/api/v1/users/" + peer.text("id"),
                Map.of("roles", List.of("USER_MANAGER", "ACCOUNT_ADMIN")));
        assertThat(promote.status()).as("%s", promote).isEqualTo(422);
        assertThat(errorFields(promote)).contains("roles");
        assertThat(strings(admin.get("/api/v1/users/" + peer.text("id")).json().path("roles")))
                .containsExactly("USER_MANAGER");

        Api.Response ownRole = manager.post(roles, Map.of("code", "SNEAKY", "name", "Sneaky",
                "privileges", List.of("USERS_READ")));
        assertThat(ownRole.status()).as("defining roles needs ROLES_MANAGE: %s", ownRole).isEqualTo(403);
    }

    @Test
    void customRolesAreMadeOnlyOfPrivilegesTheCallerHolds() {
        assertThat(admin.post(roles, Map.of("code", "ROLE_MAKER", "name", "Role maker",
                "privileges", List.of("ROLES_MANAGE", "USERS_READ"))).status()).isEqualTo(201);
        Api maker = as(createUser("maker", List.of("ROLE_MAKER")).text("email"), PASSWORD);
        List<String> before = roleCodes();

        Api.Response beyond = maker.post(roles, Map.of("code", "MONEY_MAKER", "name", "Money maker",
                "privileges", List.of("USERS_READ", "BILLING_MANAGE")));
        assertThat(beyond.status()).as("%s", beyond).isEqualTo(422);
        assertThat(beyond.header("Content-Type")).startsWith("application/problem+json");
        assertThat(errorFields(beyond)).contains("privileges");
        assertThat(roleCodes()).as("nothing created").isEqualTo(before);

        Api.Response within = maker.post(roles, Map.of("code", "USER_VIEWER", "name", "User viewer",
                "privileges", List.of("USERS_READ")));
        assertThat(within.status()).as("%s", within).isEqualTo(201);

        Api.Response duplicate = admin.post(roles, Map.of("code", "USER_VIEWER", "name", "Again",
                "privileges", List.of("USERS_READ")));
        assertThat(duplicate.status()).as("%s", duplicate).isIn(409, 422);
        assertThat(errorFields(duplicate)).contains("code");
        Api.Response builtIn = admin.post(roles, Map.of("code", "ACCOUNT_ADMIN", "name", "Shadow",
                "privileges", List.of("USERS_READ")));
        assertThat(builtIn.status()).as("a built-in code cannot be shadowed: %s", builtIn).isIn(409, 422);

        var sibling = AccountFixtures.reseller("Staff Sibling").create(provider);
        Api.Response siblingRoles = provider.get("/api/v1/accounts/" + sibling.id() + "/roles");
        assertThat(siblingRoles.json().path("items").valueStream().map(r -> r.path("code").asString()))
                .as("custom roles belong to their account").doesNotContain("ROLE_MAKER", "USER_VIEWER");
    }

    @Test
    void aReadOnlyUserReadsButCannotWriteInItsOwnAccount() {
        var customer = AccountFixtures.customer("Read Only Customer").under(reseller.id()).create(admin);
        String otherId = createUser("target", List.of("SUPPORT")).text("id");
        Api reader = as(createUser("reader", List.of("READ_ONLY")).text("email"), PASSWORD);
        String latestEvent = latestAuditEventId();

        assertThat(reader.get(users).status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/accounts/" + reseller.id()).status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/accounts/" + customer.id()).status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/accounts/" + reseller.id() + "/audit-events").status()).isEqualTo(200);

        List<Api.Response> writes = List.of(
                reader.post(users, Map.of("email", unique("nope") + "@staff.test", "name", "Nope",
                        "password", PASSWORD)),
                reader.patch("/api/v1/users/" + otherId, Map.of("name", "Renamed")),
                reader.post(roles, Map.of("code", "READER_PLUS", "name", "Reader plus",
                        "privileges", List.of("USERS_READ"))),
                reader.patch("/api/v1/accounts/" + reseller.id(), Map.of("phone", "+49 30 1111")),
                reader.patch("/api/v1/accounts/" + customer.id(), Map.of("phone", "+49 30 2222")),
                reader.post("/api/v1/accounts", AccountFixtures.customer("Reader Made").body()),
                reader.post("/api/v1/accounts/" + customer.id() + "/suspend", null));
        for (Api.Response write : writes) {
            assertThat(write.status()).as("%s", write).isEqualTo(403);
            assertThat(write.header("Content-Type")).startsWith("application/problem+json");
            assertThat(write.text("type")).isEqualTo("urn:cascade:problem:missing-privilege");
        }
        assertThat(admin.get("/api/v1/users/" + otherId).text("name")).isNotEqualTo("Renamed");
        assertThat(admin.get("/api/v1/accounts/" + customer.id()).text("status")).isEqualTo("ACTIVE");
        assertThat(latestAuditEventId()).as("no write left an audit event").isEqualTo(latestEvent);
    }

    @Test
    void nobodyDisablesThemselves() {
        String adminId = reseller.response().json().path("admin").path("id").asString();
        Api.Response refused = admin.patch("/api/v1/users/" + adminId, Map.of("status", "DISABLED"));
        assertThat(refused.status()).as("%s", refused).isIn(409, 422);
        assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void everyChangeIsInTheAuditLog() {
        String adminId = reseller.response().json().path("admin").path("id").asString();
        Api.Response role = admin.post(roles, Map.of("code", "AUDITED_ROLE", "name", "Audited",
                "privileges", List.of("USERS_READ", "USERS_MANAGE")));
        Api.Response user = createUser("audited", List.of("AUDITED_ROLE"));
        String userId = user.text("id");
        assertThat(admin.patch("/api/v1/users/" + userId, Map.of("name", "Renamed Audited")).status())
                .isEqualTo(200);
        Api audited = as(user.text("email"), PASSWORD);
        Api.Response byAudited = audited.post(users, Map.of("email", unique("child") + "@staff.test",
                "name", "Made By Audited", "password", PASSWORD, "roles", List.of("AUDITED_ROLE")));
        assertThat(byAudited.status()).as("%s", byAudited).isEqualTo(201);
        assertThat(provider.patch("/api/v1/users/" + userId, Map.of("status", "DISABLED")).status())
                .isEqualTo(200);
        String audit = "/api/v1/accounts/" + reseller.id() + "/audit-events";

        JsonNode roleEvents = admin.get(audit + "?action=role.created").json().path("items");
        assertThat(roleEvents.size()).isEqualTo(1);
        assertThat(roleEvents.get(0).path("after").path("code").asString()).isEqualTo("AUDITED_ROLE");
        assertThat(roleEvents.get(0).path("after").path("id").asString()).isEqualTo(role.text("id"));
        assertThat(roleEvents.get(0).path("actorUserId").asString()).isEqualTo(adminId);

        JsonNode created = admin.get(audit + "?action=user.created").json().path("items");
        assertThat(created.valueStream().map(e -> e.path("after").path("id").asString()))
                .as("the first administrator, the user and the one it made")
                .containsExactly(byAudited.text("id"), userId, adminId);
        created.forEach(e -> {
            assertThat(e.path("targetAccountId").asString()).isEqualTo(reseller.id());
            assertThat(e.path("action").asString()).isEqualTo("user.created");
            assertThat(e.path("occurredAt").asString()).isNotBlank();
        });

        JsonNode updated = admin.get(audit + "?action=user.updated").json().path("items");
        assertThat(updated.size()).isEqualTo(2);
        JsonNode disabling = updated.get(0);
        assertThat(disabling.path("before").path("status").asString()).isEqualTo("ACTIVE");
        assertThat(disabling.path("after").path("status").asString()).isEqualTo("DISABLED");
        assertThat(disabling.path("actorAccountId").asString()).as("the vendor acted").isEqualTo(providerId());
        assertThat(disabling.path("targetAccountId").asString()).isEqualTo(reseller.id());
        assertThat(disabling.path("requestId").asString()).isNotBlank();
        JsonNode renaming = updated.get(1);
        assertThat(renaming.path("before").path("name").asString()).isEqualTo("Audited");
        assertThat(renaming.path("after").path("name").asString()).isEqualTo("Renamed Audited");
        assertThat(renaming.path("actorUserId").asString()).isEqualTo(adminId);
        assertThat(renaming.path("actorAccountId").asString()).isEqualTo(reseller.id());

        JsonNode byUser = admin.get(audit + "?userId=" + userId).json().path("items");
        assertThat(byUser.valueStream().map(e -> e.path("action").asString()))
                .as("what the audited user did, newest first").containsExactly("user.created", "token.created");
        byUser.forEach(e -> assertThat(e.path("actorUserId").asString()).isEqualTo(userId));

        JsonNode both = admin.get(audit + "?action=user.created&userId=" + userId).json().path("items");
        assertThat(both.size()).isEqualTo(1);
        assertThat(both.get(0).path("after").path("id").asString()).isEqualTo(byAudited.text("id"));

        JsonNode all = admin.get(audit).json().path("items");
        List<Long> ids = all.valueStream().map(e -> Long.parseLong(e.path("id").asString())).toList();
        assertThat(ids).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.valueStream().map(e -> e.path("action").asString()))
                .contains("account.created", "user.created", "role.created", "user.updated", "token.created");
    }

    private Api.Response createUser(String prefix, List<String> roleCodes) {
        Api.Response created = admin.post(users, Map.of("email", unique(prefix) + "@staff.test",
                "name", prefix.substring(0, 1).toUpperCase() + prefix.substring(1), "password", PASSWORD,
                "roles", roleCodes));
        assertThat(created.status()).as("create %s: %s", prefix, created).isEqualTo(201);
        return created;
    }

    private List<String> roleCodes() {
        return admin.get(roles).json().path("items").valueStream().map(r -> r.path("code").asString()).toList();
    }

    private String latestAuditEventId() {
        JsonNode items = admin.get("/api/v1/accounts/" + reseller.id() + "/audit-events?limit=1").json()
                .path("items");
        return items.isEmpty() ? null : items.get(0).path("id").asString();
    }

    private static List<String> emails(Api.Response list) {
        return list.json().path("items").valueStream().map(u -> u.path("email").asString()).toList();
    }

    private static String[] sorted(String... emails) {
        return java.util.Arrays.stream(emails).sorted(String.CASE_INSENSITIVE_ORDER).toArray(String[]::new);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> errorFields(Api.Response response) {
        return response.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }
}
