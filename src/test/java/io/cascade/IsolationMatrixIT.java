package io.cascade;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import io.cascade.support.StorefrontFixtures;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The isolation matrix of the foundation issue (§5, §8): every {@code /api/v1} endpoint, enumerated from the running
 * application's own request mappings, is called with ids of a victim subtree
 * <ul>
 *     <li>by the administrator of a <em>sibling</em> reseller, who holds every privilege on its own subtree: each
 *     answer must be 404 with exactly the body of a call with random ids, and nothing in the victim subtree may
 *     change;</li>
 *     <li>by a READ_ONLY user <em>inside</em> the victim subtree: every write must answer 403.</li>
 * </ul>
 * Endpoints added later are covered automatically. A path variable the matrix does not know, or an endpoint without
 * path variables it has not classified, fails the test with a message saying what to teach it — so that nothing can
 * silently escape the subtree rule.
 */
class IsolationMatrixIT extends IntegrationTest {
    private static final String API = "/api/v1";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /**
     * Endpoints without a path variable whose query or body names an object by id. Each is checked explicitly below
     * ({@link #checkIdsOutsideThePath} and {@link #readOnlyUserCannotWriteThroughBodyIds}).
     */
    private static final Set<String> CHECKED_BY_QUERY_OR_BODY = Set.of(
            "GET /api/v1/accounts",          // ?under=<account id>
            "POST /api/v1/accounts",         // {"vendorId": <account id>}
            "POST /api/v1/auth/tokens",      // {"accountId": <account id>} chooses among one e-mail's logins
            "POST /api/v1/usage",            // {"records": [{"subscriptionId": <subscription id>, ...}]}
            "POST /api/v1/assets/usage");    // {"records": [{"iccid": <a SIM's number>, ...}]}

    /**
     * Endpoints without a path variable that name no other object at all: they act on the caller itself or on
     * platform-wide data, so they cannot reach into another subtree by id.
     */
    private static final Set<String> NOTHING_TO_SUBSTITUTE = Set.of(
            "GET /api/v1/me",                                 // the caller itself
            "POST /api/v1/me/password",                       // the caller's own password
            "POST /api/v1/me/sign-out-everywhere",            // the caller's own other tokens
            "POST /api/v1/auth/invitations/accept",           // a secret invitation token, not an id
            "POST /api/v1/auth/password-resets",              // an e-mail; the same answer whoever has it
            "POST /api/v1/auth/password-resets/complete",     // a secret password-reset token, not an id
            "GET /api/v1/platform/reseller-settings",         // platform-wide, the same for everybody
            "PATCH /api/v1/platform/reseller-settings",       // platform-wide, provider staff only
            "POST /api/v1/billing/runs",                      // bills the whole tree: provider staff only
            "GET /api/v1/billing/runs",                       // the whole tree's runs: provider staff only (else 404)
            "POST /api/v1/dunning/evaluations",               // evaluates the whole tree: provider staff only
            "GET /api/v1/provisioning-tasks",                 // the caller's own subtree (ProvisioningListsIT)
            "GET /api/v1/brand-policy",                       // platform-wide, the same for everybody
            "PUT /api/v1/brand-policy",                       // platform-wide, provider staff only (BrandsIT)
            "GET /api/v1/nodes",                              // the provider's service nodes: its staff only (NodesIT)
            "POST /api/v1/nodes");                            // the provider's staff only, 403 for others (NodesIT)

    /**
     * Endpoints that are deliberately NOT subtree-scoped: the provider's services are the platform's one global
     * catalog. Every signed-in user reads them (plans and usage records name their resource types); only the
     * provider's staff define them and see their adapterConfig. A reseller defines its own services (ADR 0036), which
     * exist only in its subtree: one service path is in the matrix with the victim reseller's own service. The matrix
     * does not expect 404 here; {@link #checkGlobalCatalog} checks exactly these rules instead.
     */
    private static final Set<String> GLOBAL_CATALOG = Set.of(
            "GET /api/v1/services",
            "POST /api/v1/services");

    /**
     * Endpoints that take no bearer token and are authenticated by a signature instead: a remote system reports a
     * provisioning task's completion, signed with the service's secret. Without the secret, a task of the victim and
     * a random id get the same 401; {@link #checkSignedCallbacks} checks exactly that.
     */
    private static final Set<String> SIGNED_NOT_SCOPED = Set.of(
            "POST /api/v1/provisioning-callbacks/{taskId}",
            "POST /api/v1/payment-callbacks/{gatewayId}");

    /**
     * POST endpoints that only read: they render what is asked in the body and save nothing, so a READ_ONLY user inside
     * the subtree may call them (the sibling and customer-user matrices still expect 404).
     */
    /**
     * A storefront's public endpoints (ADR 0034): named by the storefront's public slug, they answer anybody alike,
     * signed in or not, and act only as the storefront's vendor; StorefrontIT checks that an unknown or disabled slug
     * answers 404. A sign-up creates nothing before the confirmation.
     */
    private static final Set<String> PUBLIC_STOREFRONT = Set.of(
            "GET /api/v1/storefronts/{slug}",
            "POST /api/v1/storefronts/{slug}/sign-ups",
            "POST /api/v1/storefronts/{slug}/confirmations");

    private static final Set<String> READS_BY_POST = Set.of(
            "POST /api/v1/accounts/{accountId}/mail-templates/{kind}/{language}/preview");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void aSiblingResellerAdministratorFindsNothingOfAnotherSubtree() {
        Victim victim = victim("Matrix Victim");
        var sibling = AccountFixtures.reseller("Matrix Sibling").create(provider);
        Api attacker = as(sibling.adminEmail(), PASSWORD);
        assertThat(attacker.get("/api/v1/me").json().path("privileges"))
                .as("the attacker holds every privilege on its own subtree")
                .isEqualTo(provider.get("/api/v1/me").json().path("privileges"));
        Snapshot before = snapshot(victim);

        SoftAssertions softly = new SoftAssertions();
        Set<String> exercised = new TreeSet<>();
        int calls = nothingFound(softly, attacker, "a sibling's admin", victim, (endpoint, ids) -> false,
                exercised);
        calls += checkIdsOutsideThePath(softly, attacker, sibling.adminEmail(), victim);
        calls += checkGlobalCatalog(softly, attacker, victim);
        calls += checkSignedCallbacks(softly, attacker, victim);
        softly.assertThat(before.changesTo(snapshot(victim))).as("nothing changed in the victim subtree").isEmpty();
        softly.assertAll();

        assertThat(exercised).as("(method, path) pairs with path variables exercised: %s", exercised).hasSizeGreaterThanOrEqualTo(10);
        System.out.printf("Isolation matrix (sibling): %d endpoints with path variables, %d calls: %s%n",
                exercised.size(), calls, exercised);
    }

    @Test
    void aReadOnlyUserInsideTheSubtreeCannotWriteAnything() {
        Victim victim = victim("Matrix ReadOnly");
        String email = unique("readonly") + "@matrix.test";
        Api.Response created = provider.post("/api/v1/accounts/" + victim.resellerId() + "/users",
                Map.of("email", email, "name", "Read Only", "password", PASSWORD, "roles", List.of("READ_ONLY")));
        assertThat(created.status()).as("create the read-only user: %s", created).isEqualTo(201);
        String ownUserId = created.text("id");
        Api readOnly = as(email, PASSWORD);
        assertThat(readOnly.get("/api/v1/me").json().path("privileges").valueStream().map(JsonNode::asString))
                .as("the user only reads").doesNotContain("ACCOUNTS_MANAGE", "ACCOUNTS_STATUS", "USERS_MANAGE",
                        "ROLES_MANAGE");
        Snapshot before = snapshot(victim);

        SoftAssertions softly = new SoftAssertions();
        Set<String> exercised = new TreeSet<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.variables().isEmpty() || !WRITES.contains(endpoint.method())
                    || GLOBAL_CATALOG.contains(endpoint.key()) || SIGNED_NOT_SCOPED.contains(endpoint.key())
                    || PUBLIC_STOREFRONT.contains(endpoint.key()) || READS_BY_POST.contains(endpoint.key())) {
                continue;
            }
            // Only objects that are not the user's own: its own user and tokens are excluded by idsFor (a user may
            // revoke its own tokens; it is never offered its own user id).
            for (Map<String, String> ids : bindings(endpoint, variable -> victim.idsFor(variable, ownUserId))) {
                String path = endpoint.path(ids);
                Api.Response answer = call(readOnly, endpoint, path, ids, victim);
                exercised.add(endpoint.key());
                String what = endpoint.method() + " " + path + " (" + describe(ids, victim) + ") as READ_ONLY";
                if (answer.status() == 400 || answer.status() == 422) {
                    softly.fail("%s answered %s before the privilege check. If the body is what is wrong, teach "
                            + "IsolationMatrixIT.body() a valid request body for %s.", what, answer, endpoint.key());
                    continue;
                }
                if (endpoint.variables().contains("nodeId")) {
                    // the provider's service nodes are outside every reseller's subtree: 404 before any privilege
                    // (a READ_ONLY user of the provider gets 403: NodesIT)
                    softly.assertThat(answer.status()).as("%s answered %s", what, answer).isEqualTo(404);
                    continue;
                }
                // Note on the status endpoints (suspend/resume/terminate/activate) on the user's OWN account: they
                // would answer 409 own-account-status for a privileged caller, but the privilege is checked first
                // (AccountManagement.statusTarget), so a READ_ONLY user gets 403 there as well.
                softly.assertThat(answer.status()).as("%s answered %s", what, answer).isEqualTo(403);
                softly.assertThat(answer.text("type")).as("%s: problem type", what)
                        .isEqualTo("urn:cascade:problem:missing-privilege");
            }
        }
        readOnlyUserCannotWriteThroughBodyIds(softly, readOnly, victim);
        softly.assertThat(before.changesTo(snapshot(victim))).as("nothing changed in the victim subtree").isEmpty();
        softly.assertAll();

        assertThat(exercised).as("write (method, path) pairs exercised: %s", exercised).hasSizeGreaterThanOrEqualTo(8);
        System.out.printf("Isolation matrix (read-only): %d write endpoints: %s%n", exercised.size(), exercised);
    }

    /**
     * A customer user of the victim reseller, assigned to another customer of it (not the victim customer): it
     * finds nothing of the victim customer, of the reseller itself or of anything else in the subtree — except the
     * few endpoints on its own account that a customer user legitimately reaches ({@link #OWN_ACCOUNT_OF_A_CUSTOMER_USER}),
     * which show it only what concerns its own customers.
     */
    @Test
    void aCustomerUserFindsNothingBeyondItsOwnCustomers() {
        Victim victim = victim("Matrix CU");
        var other = AccountFixtures.customer("Matrix CU Other").under(victim.resellerId()).create(provider);
        Api resellerAdmin = as(reseller(victim), PASSWORD);
        String email = unique("cu") + "@matrix.test";
        Api.Response created = resellerAdmin.post("/api/v1/accounts/" + victim.resellerId() + "/customer-users",
                Map.of("email", email, "name", "Matrix CU", "password", PASSWORD, "customerIds", List.of(other.id())));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Api customerUser = as(email, PASSWORD);
        assertThat(customerUser.get("/api/v1/accounts/" + other.id()).status()).as("its own customer").isEqualTo(200);
        Snapshot before = snapshot(victim);

        SoftAssertions softly = new SoftAssertions();
        Set<String> exercised = new TreeSet<>();
        int calls = nothingFound(softly, customerUser, "a customer user of another customer", victim,
                (endpoint, ids) -> OWN_ACCOUNT_OF_A_CUSTOMER_USER.contains(endpoint.key())
                        && victim.resellerId().equals(ids.get("accountId")), exercised);

        Api.Response listed = customerUser.get("/api/v1/accounts?limit=500");
        softly.assertThat(listed.json().path("items").valueStream().map(a -> a.path("id").asString()).toList())
                .as("its own account lists only its customer: %s", listed).containsExactly(other.id());
        for (String accountId : List.of(victim.customerId(), victim.commissionResellerId())) {
            softly.assertThat(customerUser.get("/api/v1/accounts?under=" + accountId).status())
                    .as("GET /api/v1/accounts?under=%s", accountId).isEqualTo(404);
        }
        for (String vendorId : List.of(victim.resellerId(), victim.customerId())) {
            softly.assertThat(customerUser.post("/api/v1/accounts", accountDraft(vendorId)).status())
                    .as("POST /api/v1/accounts below %s", vendorId).isEqualTo(404);
        }
        Api.Response customerUsers = customerUser.get("/api/v1/accounts/" + victim.resellerId() + "/customer-users");
        softly.assertThat(customerUsers.status()).as("%s", customerUsers).isEqualTo(200);
        softly.assertThat(customerUsers.body()).as("the victim's customer user shares no customer with it")
                .doesNotContain(victim.customerUserId());
        Api.Response assign = customerUser.post("/api/v1/accounts/" + victim.resellerId() + "/customer-users",
                body(new Endpoint("POST", "/api/v1/accounts/{accountId}/customer-users", List.of("accountId"), true,
                        "application/json"), Map.of("accountId", victim.resellerId()), victim));
        softly.assertThat(assign.status()).as("a customer user to the victim customer: %s", assign).isEqualTo(422);
        Api.Response sims = customerUser.get("/api/v1/accounts/" + victim.resellerId() + "/assets?limit=500");
        softly.assertThat(sims.status()).as("%s", sims).isEqualTo(200);
        softly.assertThat(sims.json().path("items").size()).as("none of its customer's: %s", sims).isZero();
        Api.Response usage = customerUser.post("/api/v1/usage", usageBatch(List.of(victim.subscriptionId()), victim));
        softly.assertThat(usage.status()).as("%s", usage).isEqualTo(403);
        calls += 8;
        softly.assertThat(before.changesTo(snapshot(victim))).as("nothing changed in the victim subtree").isEmpty();
        softly.assertAll();
        assertThat(exercised).hasSizeGreaterThanOrEqualTo(10);
        System.out.printf("Isolation matrix (customer user): %d endpoints, %d calls%n", exercised.size(), calls);
    }

    /**
     * A service user of the victim customer reaches no account at all: every endpoint with an id of the victim
     * subtree — its own customer account included — answers exactly like a missing id.
     */
    @Test
    void aServiceUserFindsNothingAtAll() {
        Victim victim = victim("Matrix SU");
        String email = unique("su") + "@matrix.test";
        String ownId = serviceUser(victim.customerId(), email);
        Api serviceUser = as(email, PASSWORD);
        JsonNode me = serviceUser.get("/api/v1/me").json();
        assertThat(me.path("user").path("kind").asString()).isEqualTo("SERVICE_USER");
        assertThat(me.path("services").get(0).path("address").asString()).as("its mailbox").isEqualTo(email);
        assertThat(serviceUser.get("/api/v1/service-users/" + ownId).status()).as("itself").isEqualTo(200);
        Snapshot before = snapshot(victim);

        SoftAssertions softly = new SoftAssertions();
        Set<String> exercised = new TreeSet<>();
        int calls = nothingFound(softly, serviceUser, "a service user of the victim customer", victim,
                (endpoint, ids) -> false, exercised);
        for (String accountId : List.of(victim.resellerId(), victim.customerId())) {
            Api.Response leaked = serviceUser.get("/api/v1/accounts?under=" + accountId);
            Api.Response missing = serviceUser.get("/api/v1/accounts?under=" + UUID.randomUUID());
            softly.assertThat(leaked.status()).as("GET /api/v1/accounts?under=%s: %s", accountId, leaked)
                    .isEqualTo(404);
            softly.assertThat(problem(leaked)).isEqualTo(problem(missing));
            softly.assertThat(serviceUser.post("/api/v1/accounts", accountDraft(accountId)).status())
                    .as("POST /api/v1/accounts below %s", accountId).isEqualTo(404);
        }
        softly.assertThat(serviceUser.get("/api/v1/accounts").status()).as("not even its own account's list")
                .isEqualTo(404);
        Api.Response usage = serviceUser.post("/api/v1/usage", usageBatch(List.of(victim.subscriptionId()), victim));
        // a service user reaches nothing beyond itself (issue 15): the usage endpoint does not exist for it
        softly.assertThat(usage.status()).as("%s", usage).isEqualTo(404);
        softly.assertThat(usage.json().path("accepted").asInt()).isZero();
        calls += 6 + checkSignedCallbacks(softly, serviceUser, victim);
        calls += everyReadBeyondItselfIsMissing(softly, serviceUser, ownId, victim);
        softly.assertThat(before.changesTo(snapshot(victim))).as("nothing changed in the victim subtree").isEmpty();
        softly.assertAll();
        assertThat(exercised).hasSizeGreaterThanOrEqualTo(10);
        System.out.printf("Isolation matrix (service user): %d endpoints, %d calls%n", exercised.size(), calls);
    }

    /**
     * Every GET endpoint — with or without path variables, the global catalog and the platform-wide settings included
     * — answers a service user 404, except its own: {@code /api/v1/me}, its user (and that user's tokens) and its
     * service user. A service user reaches nothing beyond itself, by one rule (ServiceUserReach).
     */
    private int everyReadBeyondItselfIsMissing(SoftAssertions softly, Api serviceUser, String ownId, Victim victim) {
        Set<String> itself = Set.of("/api/v1/me", "/api/v1/users/" + ownId, "/api/v1/users/" + ownId + "/tokens",
                "/api/v1/service-users/" + ownId);
        int calls = 0;
        for (Endpoint endpoint : endpoints()) {
            // a storefront's public page answers anybody alike, signed in or not (PUBLIC_STOREFRONT)
            if (!endpoint.method().equals("GET") || PUBLIC_STOREFRONT.contains(endpoint.key())) {
                continue;
            }
            for (Map<String, String> ids : bindings(endpoint, variable -> switch (variable) {
                case "serviceId" -> List.of(victim.serviceId());
                case "userId", "serviceUserId" -> List.of(ownId, victim.serviceUserId());
                default -> victim.idsFor(variable, null);
            })) {
                String path = endpoint.path(ids);
                if (itself.contains(path)) {
                    softly.assertThat(serviceUser.get(path).status()).as("GET %s: itself", path).isEqualTo(200);
                    continue;
                }
                Api.Response answer = serviceUser.get(path);
                calls++;
                softly.assertThat(answer.status()).as("GET %s as a service user: %s", path, answer).isEqualTo(404);
                softly.assertThat(answer.text("type")).as("GET %s: problem type", path)
                        .isEqualTo("urn:cascade:problem:not-found");
            }
        }
        return calls;
    }

    /**
     * Endpoints on an account id that a customer user reaches for its OWN (vendor) account although it does not cover
     * it (AccountScope.within, ADR 0009): they show it only what concerns its own customers. The customer-user
     * matrix checks them explicitly instead of expecting 404.
     */
    private static final Set<String> OWN_ACCOUNT_OF_A_CUSTOMER_USER = Set.of(
            "GET /api/v1/accounts/{accountId}/customer-users",
            "POST /api/v1/accounts/{accountId}/customer-users",
            "GET /api/v1/accounts/{accountId}/assets");

    /**
     * Calls every endpoint with path variables with the victim's ids and with random ids, and expects the same 404
     * for both, except where {@code reachable} says the caller legitimately reaches the object. Answers the calls.
     */
    private int nothingFound(SoftAssertions softly, Api attacker, String who, Victim victim,
                             java.util.function.BiPredicate<Endpoint, Map<String, String>> reachable,
                             Set<String> exercised) {
        int calls = 0;
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.variables().isEmpty() || GLOBAL_CATALOG.contains(endpoint.key())
                    || SIGNED_NOT_SCOPED.contains(endpoint.key()) || PUBLIC_STOREFRONT.contains(endpoint.key())) {
                continue;
            }
            for (Map<String, String> ids : bindings(endpoint, variable -> victim.idsFor(variable, null))) {
                if (reachable.test(endpoint, ids)) {
                    continue;
                }
                String path = endpoint.path(ids);
                Api.Response leaked = call(attacker, endpoint, path, ids, victim);
                Api.Response missing = call(attacker, endpoint, endpoint.path(randomIds(endpoint)), ids, victim);
                calls++;
                exercised.add(endpoint.key());
                String what = endpoint.method() + " " + path + " (" + describe(ids, victim) + ") as " + who;
                if (missing.status() != 404) {
                    softly.fail("%s: with random ids the answer is %s, not 404, so the matrix never reached the "
                                    + "subtree check. Teach IsolationMatrixIT.body() a valid request body for %s.",
                            what, missing, endpoint.key());
                    continue;
                }
                softly.assertThat(leaked.status()).as("%s answered %s", what, leaked).isEqualTo(404);
                softly.assertThat(problem(leaked)).as("%s: body differs from a missing id's", what)
                        .isEqualTo(problem(missing));
                softly.assertThat(leaked.header("Content-Type")).as("%s: content type", what)
                        .isEqualTo(missing.header("Content-Type"));
                softly.assertThat(leaked.header("ETag")).as("%s: no ETag of the hidden object", what).isNull();
            }
        }
        return calls;
    }

    /**
     * A second service user of the victim customer, with its own mailbox (the victim customer has hosted mail): the
     * victim's service user is then an object of somebody else. Answers its id once its mailbox is ACTIVE.
     */
    private String serviceUser(String customerId, String email) {
        Api.Response created = provider.post("/api/v1/accounts/" + customerId + "/service-users", Map.of(
                "name", "Matrix SU", "email", email, "password", PASSWORD, "mailboxQuotaMb", 10));
        assertThat(created.status()).as("a service user: %s", created).isEqualTo(201);
        awaitStatus("/api/v1/service-users/" + created.text("id"), "mailbox.state", "ACTIVE");
        awaitTasksDone(customerId);
        return created.text("id");
    }

    /** A service node of the provider hosting nothing (so that it places nothing), probed by nobody in tests. */
    private String matrixNode() {
        Api.Response node = provider.post("/api/v1/nodes", Map.of("name", unique("matrix-node"), "address",
                "127.0.0.1", "services", List.of(), "capacity", Map.of(), "healthCheck", "TCP", "healthPort", 9,
                "probeIntervalSeconds", 86400));
        assertThat(node.status()).as("a service node: %s", node).isEqualTo(201);
        return node.text("id");
    }

    private String reseller(Victim victim) {
        return provider.get("/api/v1/accounts/" + victim.resellerId() + "/users").json().path("items").valueStream()
                .filter(u -> u.path("roles").toString().contains("ACCOUNT_ADMIN")).findFirst().orElseThrow()
                .path("email").asString();
    }

    // ------------------------------------------------------------------ endpoints without path variables

    /** The ids that travel in a query or body rather than the path; answers how many calls were made. */
    private int checkIdsOutsideThePath(SoftAssertions softly, Api attacker, String attackerEmail, Victim victim) {
        int calls = 0;
        for (String accountId : List.of(victim.resellerId(), victim.customerId())) {
            String random = UUID.randomUUID().toString();
            Api.Response leaked = attacker.get("/api/v1/accounts?under=" + accountId);
            Api.Response missing = attacker.get("/api/v1/accounts?under=" + random);
            softly.assertThat(leaked.status()).as("GET /api/v1/accounts?under=%s: %s", accountId, leaked).isEqualTo(404);
            softly.assertThat(problem(leaked)).as("GET ?under= body").isEqualTo(problem(missing));

            leaked = attacker.post("/api/v1/accounts", accountDraft(accountId));
            missing = attacker.post("/api/v1/accounts", accountDraft(random));
            softly.assertThat(missing.status()).as("POST /api/v1/accounts with a random vendorId: %s", missing)
                    .isEqualTo(404);
            softly.assertThat(leaked.status()).as("POST /api/v1/accounts with vendorId=%s: %s", accountId, leaked)
                    .isEqualTo(404);
            softly.assertThat(problem(leaked)).as("POST /api/v1/accounts vendorId body").isEqualTo(problem(missing));

            // signing in with the victim's account id answers exactly as with an unknown one: wrong credentials
            leaked = anonymous.post("/api/v1/auth/tokens",
                    Map.of("email", attackerEmail, "password", PASSWORD, "accountId", accountId));
            missing = anonymous.post("/api/v1/auth/tokens",
                    Map.of("email", attackerEmail, "password", PASSWORD, "accountId", random));
            softly.assertThat(leaked.status()).as("POST /api/v1/auth/tokens with accountId=%s: %s", accountId, leaked)
                    .isEqualTo(401);
            softly.assertThat(problem(leaked)).as("POST /api/v1/auth/tokens body").isEqualTo(problem(missing));
            calls += 6;
        }

        // POST /api/v1/usage names subscriptions in its body: the victim's are rejected exactly like unknown ones
        List<String> foreign = List.of(victim.subscriptionId(), victim.holdingId());
        List<String> random = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Api.Response leaked = attacker.post("/api/v1/usage", usageBatch(foreign, victim));
        Api.Response missing = attacker.post("/api/v1/usage", usageBatch(random, victim));
        softly.assertThat(missing.status()).as("POST /api/v1/usage with unknown subscriptions: %s", missing)
                .isEqualTo(200);
        softly.assertThat(leaked.status()).as("POST /api/v1/usage with the victim's subscriptions: %s", leaked)
                .isEqualTo(200);
        softly.assertThat(leaked.json().path("accepted").asInt()).as("usage stored for the victim: %s", leaked)
                .isZero();
        softly.assertThat(leaked.json().path("duplicates").asInt()).as("%s", leaked).isZero();
        softly.assertThat(leaked.json().path("rejected")).as("the victim's subscriptions are rejected exactly like "
                + "unknown ones").isEqualTo(missing.json().path("rejected"));
        softly.assertThat(leaked.json().path("rejected").size()).isEqualTo(2);
        calls += 2;

        // POST /api/v1/assets/usage names SIMs by ICCID: the victim's is rejected exactly like an unknown one
        String iccid = provider.get("/api/v1/assets/" + victim.assignedSimId()).text("iccid");
        Api.Response simLeaked = attacker.post("/api/v1/assets/usage", simUsage(iccid));
        Api.Response simMissing = attacker.post("/api/v1/assets/usage", simUsage(SimFixtures.block().iccid(0)));
        softly.assertThat(simLeaked.status()).as("POST /api/v1/assets/usage: %s", simLeaked).isEqualTo(200);
        softly.assertThat(simLeaked.json().path("accepted").asInt()).isZero();
        softly.assertThat(simLeaked.json().path("rejected")).as("the victim's SIM is rejected like an unknown one")
                .isEqualTo(simMissing.json().path("rejected"));
        calls += 2;
        return calls;
    }

    private static Map<String, Object> simUsage(String iccid) {
        return Map.of("records", List.of(Map.of("id", "matrix-sim-usage", "iccid", iccid, "quantity", 5,
                "at", Instant.now().minusSeconds(120).toString())));
    }

    private static Map<String, Object> usageBatch(List<String> subscriptionIds, Victim victim) {
        String at = Instant.now().minusSeconds(120).toString();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < subscriptionIds.size(); i++) {
            records.add(Map.of("id", "matrix-usage-" + i, "subscriptionId", subscriptionIds.get(i),
                    "resourceType", victim.metered(), "quantity", 1, "at", at));
        }
        return Map.of("records", records);
    }

    /** The global catalog (see {@link #GLOBAL_CATALOG}): readable by all, defined by the provider's staff only. */
    private int checkGlobalCatalog(SoftAssertions softly, Api outsider, Victim victim) {
        Api.Response one = outsider.get("/api/v1/services/" + victim.serviceId());
        softly.assertThat(one.status()).as("GET a service of the global catalog: %s", one).isEqualTo(200);
        softly.assertThat(one.json().has("adapterConfig")).as("adapterConfig is for the provider's staff: %s", one)
                .isFalse();
        Api.Response list = outsider.get("/api/v1/services");
        softly.assertThat(list.status()).as("GET the global catalog: %s", list).isEqualTo(200);
        softly.assertThat(list.body()).as("the global catalog lists the service").contains(victim.serviceId());
        // a reseller's staff see the configuration of their own account's services only (ADR 0036)
        softly.assertThat(list.json().path("items").valueStream().noneMatch(s -> s.has("adapterConfig")
                        && s.path("ownerId").isNull()))
                .as("no adapterConfig of the provider's catalog outside the provider").isTrue();
        String code = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response define = outsider.post("/api/v1/services", Map.of("code", code, "name", "Matrix service",
                "adapter", "manual", "resourceTypes", List.of(Map.of("code", code + "-unit", "name", "Unit",
                        "unit", "count"))));
        if (define.status() == 201) {
            // a reseller's staff define its own service: its own, never the victim's nor the provider's catalog
            // (that the victim's subtree does not see it is OwnProductsIT's)
            String own = outsider.get("/api/v1/me").json().path("account").path("id").asString();
            softly.assertThat(define.text("ownerId")).as("its own product: %s", define).isEqualTo(own)
                    .isNotEqualTo(victim.resellerId());
        } else {
            softly.assertThat(define.status()).as("POST /api/v1/services without the privilege: %s", define)
                    .isEqualTo(403);
            softly.assertThat(define.text("type")).isEqualTo("urn:cascade:problem:missing-privilege");
            softly.assertThat(provider.get("/api/v1/services").body()).as("no service defined")
                    .doesNotContain(code);
        }
        return 3;
    }

    private void readOnlyUserCannotWriteThroughBodyIds(SoftAssertions softly, Api readOnly, Victim victim) {
        for (String accountId : List.of(victim.resellerId(), victim.customerId())) {
            Api.Response answer = readOnly.post("/api/v1/accounts", accountDraft(accountId));
            // creating below the customer would be refused as 422 vendor-cannot-sell, but only after the privilege
            softly.assertThat(answer.status()).as("POST /api/v1/accounts vendorId=%s as READ_ONLY: %s", accountId,
                    answer).isEqualTo(403);
        }
        Api.Response simUsage = readOnly.post("/api/v1/assets/usage", simUsage("8949000000000000000"));
        softly.assertThat(simUsage.status()).as("POST /api/v1/assets/usage as READ_ONLY: %s", simUsage)
                .isEqualTo(403);
        Api.Response usage = readOnly.post("/api/v1/usage", usageBatch(List.of(victim.subscriptionId()), victim));
        softly.assertThat(usage.status()).as("POST /api/v1/usage as READ_ONLY: %s", usage).isEqualTo(403);
        softly.assertThat(usage.text("type")).isEqualTo("urn:cascade:problem:missing-privilege");
        checkGlobalCatalog(softly, readOnly, victim);
        checkSignedCallbacks(softly, readOnly, victim);
    }

    /** {@link #SIGNED_NOT_SCOPED}: a token is no signature; the victim's task and a random id answer alike. */
    private int checkSignedCallbacks(SoftAssertions softly, Api caller, Victim victim) {
        String body = "{\"status\": \"FAILED\", \"error\": \"matrix\"}";
        Api.Response leaked = caller.post("/api/v1/provisioning-callbacks/" + victim.taskId(), body);
        Api.Response missing = caller.post("/api/v1/provisioning-callbacks/" + UUID.randomUUID(), body);
        softly.assertThat(leaked.status()).as("completion report of the victim's task: %s", leaked).isEqualTo(401);
        softly.assertThat(problem(leaked)).as("completion report body").isEqualTo(problem(missing));
        // a payment confirmation for the victim reseller's gateway: a token is no signature either
        String confirmation = "{\"type\": \"checkout.completed\", \"data\": {\"id\": \"pay_matrix\", "
                + "\"status\": \"PAID\", \"amount\": {\"amount\": \"1.00\", \"currency\": \"EUR\"}}}";
        Api.Response paid = caller.post("/api/v1/payment-callbacks/" + victim.gatewayId(), confirmation);
        Api.Response unknown = caller.post("/api/v1/payment-callbacks/" + UUID.randomUUID(), confirmation);
        softly.assertThat(paid.status()).as("payment confirmation for the victim's gateway: %s", paid).isEqualTo(401);
        softly.assertThat(problem(paid)).as("payment confirmation body").isEqualTo(problem(unknown));
        return 4;
    }

    // ------------------------------------------------------------------ the application's own mappings

    /** One (method, path pattern) of the running application under /api/v1. */
    record Endpoint(String method, String pattern, List<String> variables, boolean hasBody, String contentType) {
        String key() {
            return method + " " + pattern;
        }

        String path(Map<String, String> ids) {
            Matcher m = VARIABLE.matcher(pattern);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(ids.get(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> result = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
            List<String> methods = declared.isEmpty()
                    ? List.of("GET", "POST", "PUT", "PATCH", "DELETE")
                    : declared.stream().map(Enum::name).toList();
            boolean hasBody = Arrays.stream(entry.getValue().getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
            Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
            String contentType = consumes.isEmpty() || consumes.contains(MediaType.APPLICATION_JSON)
                    ? MediaType.APPLICATION_JSON_VALUE : consumes.iterator().next().toString();
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!pattern.equals(API) && !pattern.startsWith(API + "/")) {
                    continue;
                }
                List<String> variables = new ArrayList<>();
                Matcher m = VARIABLE.matcher(pattern);
                while (m.find()) {
                    variables.add(m.group(1));
                }
                for (String method : methods) {
                    Endpoint endpoint = new Endpoint(method, pattern, List.copyOf(variables), hasBody, contentType);
                    if (variables.isEmpty() && !CHECKED_BY_QUERY_OR_BODY.contains(endpoint.key())
                            && !NOTHING_TO_SUBSTITUTE.contains(endpoint.key())
                            && !GLOBAL_CATALOG.contains(endpoint.key())) {
                        unclassified.add(endpoint.key());
                    }
                    result.add(endpoint);
                }
            }
        }
        if (!unclassified.isEmpty()) {
            fail("IsolationMatrixIT does not know the endpoints %s. They have no path variable, so the matrix cannot "
                    + "put a victim's id into their path. If their query or body names an object by id (accountId, "
                    + "vendorId, userId, ...), add them to CHECKED_BY_QUERY_OR_BODY and check them in "
                    + "checkIdsOutsideThePath; if they only act on the caller itself or on platform-wide data, add "
                    + "them to NOTHING_TO_SUBSTITUTE with a comment why.", unclassified);
        }
        assertThat(result).as("endpoints under /api/v1").isNotEmpty();
        result.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return result;
    }

    /** Every combination of victim ids for the endpoint's path variables. */
    private static List<Map<String, String>> bindings(Endpoint endpoint, Function<String, List<String>> idsFor) {
        List<Map<String, String>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        List<String> unknown = new ArrayList<>();
        for (String variable : new LinkedHashSet<>(endpoint.variables())) {
            List<String> ids = idsFor.apply(variable);
            if (ids == null) {
                unknown.add(variable);
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : result) {
                for (String id : ids) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(variable, id);
                    next.add(extended);
                }
            }
            result = next;
        }
        if (!unknown.isEmpty()) {
            fail("IsolationMatrixIT does not know the path variable(s) %s of %s. Teach Victim.idsFor which object of "
                    + "the victim subtree to put there (create one in victim() if needed), so that the endpoint is "
                    + "checked against the subtree rule.", unknown, endpoint.key());
        }
        return result;
    }

    private static Map<String, String> randomIds(Endpoint endpoint) {
        Map<String, String> ids = new LinkedHashMap<>();
        // a feature is no id but a name of the API's enumeration (ADR 0038): the same name with random ids
        endpoint.variables().forEach(v -> ids.put(v, v.equals("feature") ? "SIM_MANAGEMENT"
                : UUID.randomUUID().toString()));
        return ids;
    }

    /** Calls the endpoint; the body is chosen for the victim ids bound (the random-id call reuses it). */
    private static Api.Response call(Api api, Endpoint endpoint, String path, Map<String, String> ids, Victim victim) {
        Object body = endpoint.hasBody() ? body(endpoint, ids, victim) : null;
        return api.send(endpoint.method(), path, body, endpoint.contentType());
    }

    /**
     * A request body that would succeed on the victim's object if the subtree check let it through — so that the 404
     * (or the 403 of a READ_ONLY user) comes from scope and privilege, never from validation, and a missing check
     * would show up as a change in the snapshot. {@code {}} for the rest (merge patches and the like).
     */
    private static Object body(Endpoint endpoint, Map<String, String> ids, Victim victim) {
        return switch (endpoint.key()) {
            case "POST /api/v1/accounts/{accountId}/users" -> Map.of("email", unique("matrix") + "@matrix.test",
                    "name", "Matrix User", "password", PASSWORD, "roles", List.of("READ_ONLY"));
            case "POST /api/v1/accounts/{accountId}/service-users" -> Map.of("name", "Matrix Mailbox",
                    "email", unique("matrix") + "@matrix.test", "password", PASSWORD, "mailboxQuotaMb", 10);
            case "POST /api/v1/accounts/{accountId}/roles" -> Map.of("code", "MATRIX_ROLE", "name", "Matrix role",
                    "privileges", List.of("ACCOUNTS_READ"));
            case "POST /api/v1/accounts/{vendorId}/plans" -> Map.of("name", "Matrix plan", "audience",
                    "END_CUSTOMER", "billingPeriod", "MONTHLY", "recurringFee", CatalogFixtures.money("5.00"),
                    "resources", List.of(resource(victim.counted(), 1, 10, "HARD", "2.00", null)));
            case "PATCH /api/v1/plans/{planId}" -> Map.of("name", "Renamed by the matrix");
            case "PATCH /api/v1/services/{serviceId}" -> Map.of("name", "Renamed by the matrix");
            case "POST /api/v1/plans/{planId}/addons" -> Map.of("code", "matrix", "name", "Matrix add-on",
                    "recurringFee", CatalogFixtures.money("1.00"));
            case "POST /api/v1/subscriptions/{subscriptionId}/addons" -> Map.of("addonId", victim.addonId());
            case "POST /api/v1/accounts/{resellerId}/offerings" -> Map.of("planId", victim.retailPlanId(),
                    "commissionPercent", 10);
            case "POST /api/v1/accounts/{accountId}/subscriptions" -> victim.resellerId().equals(ids.get("accountId"))
                    ? Map.of("planId", victim.wholesalePlanId())
                    : Map.of("planId", victim.retailPlanId(), "resources",
                    List.of(Map.of("resourceType", victim.counted(), "quantity", 1)));
            case "POST /api/v1/subscriptions/{subscriptionId}/change" -> Map.of("resources",
                    List.of(Map.of("resourceType", victim.counted(), "quantity", 3)));
            case "POST /api/v1/subscriptions/{subscriptionId}/cancel" -> Map.of("effectiveDate",
                    LocalDate.now(ZoneOffset.UTC).toString());
            case "POST /api/v1/invoices/{invoiceId}/payments" -> Map.of("amount", CatalogFixtures.money("1.00"));
            case "POST /api/v1/invoices/{invoiceId}/credit-notes" -> Map.of("reason", "Matrix correction");
            case "POST /api/v1/accounts/{accountId}/buyers/{buyerId}/payments" -> Map.of("amount",
                    CatalogFixtures.money("1.00"));
            case "POST /api/v1/accounts/{accountId}/buyers/{buyerId}/refunds" -> Map.of("amount",
                    CatalogFixtures.money("0.01"));
            case "POST /api/v1/invoices/{invoiceId}/write-off" -> Map.of("reason", "Matrix write-off");
            case "PUT /api/v1/accounts/{accountId}/buyers/{buyerId}/credit-limit" -> Map.of("limit",
                    CatalogFixtures.money("100.00"));
            case "PUT /api/v1/accounts/{accountId}/billing-settings" -> Map.of("paymentTermDays", 30);
            case "PUT /api/v1/accounts/{accountId}/payment-gateway" -> Map.of("kind", "http", "baseUrl",
                    "https://pay.example.com/matrix", "apiKey", "sk_matrix", "signingSecret",
                    "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
            case "PUT /api/v1/accounts/{accountId}/dunning-policy" -> Map.of("steps", List.of(
                    Map.of("daysOverdue", 3, "action", "REMINDER")));
            case "PUT /api/v1/accounts/{accountId}/mail-templates/{kind}/{language}" -> Map.of("subject",
                    "Matrix {{brand.name}}");
            case "PUT /api/v1/accounts/{accountId}/mail-sender" -> Map.of("email", "matrix@matrix.test");
            case "PUT /api/v1/accounts/{accountId}/brand" -> Map.of("displayName", "Matrix Brand", "primaryColour",
                    "#1f4e79", "accentColour", "#0b6e4f");
            case "PUT /api/v1/accounts/{accountId}/brand/fallback" -> Map.of("fallback", "NEAREST_ABOVE");
            case "POST /api/v1/accounts/{accountId}/customer-users" -> Map.of("email",
                    unique("matrix-cu") + "@matrix.test", "name", "Matrix CU", "password", PASSWORD,
                    "customerIds", List.of(victim.customerId()));
            case "PATCH /api/v1/customer-users/{customerUserId}" -> Map.of("customerIds", List.of());
            case "POST /api/v1/accounts/{accountId}/assets" -> freshSim();
            case "POST /api/v1/accounts/{accountId}/assets/import" -> "iccid,imsi,msisdn\n"
                    + freshSim().values().stream().map(Object::toString).reduce((a, b) -> a + "," + b).orElseThrow()
                    + "\n";
            case "POST /api/v1/accounts/{accountId}/assets/transfer" -> Map.of("toAccountId",
                    victim.commissionResellerId(), "assetIds", List.of(victim.stockSimId()));
            case "POST /api/v1/accounts/{accountId}/assets/assign" -> Map.of("customerId", victim.customerId(),
                    "assetIds", List.of(victim.stockSimId()));
            case "POST /api/v1/accounts/{accountId}/assets/unassign" -> Map.of("assetIds",
                    List.of(victim.assignedSimId()));
            case "POST /api/v1/accounts/{accountId}/assets/retire" -> Map.of("assetIds",
                    List.of(victim.stockSimId()));
            case "PATCH /api/v1/service-users/{serviceUserId}/mailbox" -> Map.of("quotaMb", 1);
            case "POST /api/v1/assets/{assetId}/assign" -> Map.of("customerId", victim.customerId());
            case "POST /api/v1/accounts/{accountId}/webhook-endpoints" -> Map.of("url",
                    "https://hooks.example.com/matrix", "eventTypes", List.of("account.updated"));
            case "PUT /api/v1/accounts/{accountId}/direct-debit-settings" -> Map.of("creditorId",
                    "DE98ZZZ09999999999");
            case "POST /api/v1/accounts/{accountId}/mandates" -> Map.of("buyerId", victim.customerId(),
                    "reference", unique("MATRIX"), "signedOn", LocalDate.now(ZoneOffset.UTC).toString(),
                    "debtorName", "Matrix Debtor", "iban", "DE89370400440532013000");
            case "POST /api/v1/accounts/{accountId}/collections" -> Map.of("collectionDate",
                    LocalDate.now(ZoneOffset.UTC).plusDays(60).toString());
            case "POST /api/v1/collections/{collectionId}/items/{itemId}/return" -> Map.of("reason", "AM04");
            case "POST /api/v1/bank-entries/{entryId}/assign" -> Map.of("buyerId", victim.customerId());
            case "POST /api/v1/bank-entries/{entryId}/ignore" -> Map.of("reason", "Matrix");
            case "POST /api/v1/accounts/{accountId}/panel-hosts" -> Map.of("host",
                    unique("matrix").toLowerCase() + ".matrix.example");
            case "POST /api/v1/storefront-applications/{applicationId}/reject" -> Map.of("reason", "Matrix");
            case "PUT /api/v1/accounts/{accountId}/storefront" -> Map.of("enabled", false, "slug",
                    unique("matrix").toLowerCase(), "title", "Matrix", "approval", "AUTOMATIC");
            default -> Map.of();
        };
    }

    /** Numbers of a SIM nobody has registered: iccid, imsi, msisdn in this order. */
    private static Map<String, Object> freshSim() {
        SimFixtures numbers = SimFixtures.block();
        Map<String, Object> sim = new LinkedHashMap<>();
        sim.put("iccid", numbers.iccid(1));
        sim.put("imsi", numbers.imsi(1));
        sim.put("msisdn", numbers.msisdn(1));
        return sim;
    }

    private static Map<String, Object> accountDraft(String vendorId) {
        return AccountFixtures.customer("Matrix Intruder").under(vendorId).body();
    }

    /** A problem body without what legitimately differs between two calls (the request's own path). */
    private static JsonNode problem(Api.Response response) {
        JsonNode json = response.json();
        if (json instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("instance");
            return copy;
        }
        return json;
    }

    // ------------------------------------------------------------------ the victim subtree and its snapshot

    /**
     * A reseller with a customer, an extra user of the reseller and that user's API token, made by the provider; the
     * reseller holds a mail service through the provider's wholesale plan ({@code holdingId}) and sells it in a
     * published retail plan (plus a draft); the customer subscribes to the retail plan ({@code subscriptionId}) and
     * has usage; a commission reseller below the victim reseller is offered the retail plan.
     */
    record Victim(String resellerId, String customerId, String userId, String customerAdminId, String tokenId,
                  String serviceId, String counted, String metered, String wholesalePlanId, String holdingId,
                  String retailPlanId, String draftPlanId, String subscriptionId, String commissionResellerId,
                  String invoiceId, String runId, String customerUserId, String assignedSimId,
                  String stockSimId, String taskId, String serviceUserId, String serviceUserEmail,
                  String messageId, String webhookEndpointId, String webhookDeliveryId, String paymentId,
                  String gatewayId, String mandateId, String collectionId, String collectionItemId,
                  String statementId, String entryId, String panelHost, String applicationId, String nodeId,
                  String ownServiceId, String addonId) {
        /**
         * The victim ids to put into a path variable, or {@code null} when the matrix does not know the variable.
         * {@code except} is a user id never to offer (the caller's own).
         */
        List<String> idsFor(String variable, String except) {
            return switch (variable) {
                case "accountId", "vendorId" -> List.of(resellerId, customerId);
                // the commission reseller makes POST .../offerings valid input: only the subtree rule refuses it
                case "resellerId" -> List.of(resellerId, commissionResellerId);
                case "planId" -> List.of(retailPlanId, draftPlanId);
                case "subscriptionId" -> List.of(subscriptionId, holdingId);
                case "customerId" -> List.of(customerId);
                case "userId" -> Stream.of(userId, customerAdminId, serviceUserId).filter(id -> !id.equals(except))
                        .toList();
                case "tokenId" -> List.of(tokenId);
                // the provider's invoice to the victim reseller (its holding); the run that wrote it
                case "invoiceId" -> List.of(invoiceId);
                case "buyerId" -> List.of(customerId, commissionResellerId);
                case "paymentId" -> List.of(paymentId);
                case "runId" -> List.of(runId);
                case "customerUserId" -> List.of(customerUserId);
                // a SIM of the victim reseller assigned to the victim customer, and one in its stock
                case "assetId" -> List.of(assignedSimId, stockSimId);
                case "taskId" -> List.of(taskId);
                case "serviceUserId" -> Stream.of(serviceUserId).filter(id -> !id.equals(except)).toList();
                // a FAILED mail of the victim customer (retryable: only the subtree rule refuses a retry)
                case "messageId" -> List.of(messageId);
                // a mail kind (the tests' own) and language: with an account id, they name the account's template
                case "kind" -> List.of("template-test");
                case "language" -> List.of("en");
                // a disabled webhook endpoint of the victim reseller and a FAILED delivery of it (nothing sends it)
                case "endpointId" -> List.of(webhookEndpointId);
                case "deliveryId" -> List.of(webhookDeliveryId);
                // the victim reseller's direct-debit mandate for the provider, and the provider's pending collection
                // of the victim's invoice with its item (ADR 0030)
                case "mandateId" -> List.of(mandateId);
                case "collectionId" -> List.of(collectionId);
                case "itemId" -> List.of(collectionItemId);
                // the victim reseller's imported bank statement and its credit left unmatched in the queue
                case "statementId" -> List.of(statementId);
                case "entryId" -> List.of(entryId);
                // the victim reseller's panel host (unverified: only the provider's staff could verify it by hand)
                case "host" -> List.of(panelHost);
                // a sign-up at the victim reseller's storefront, not confirmed yet (approving it: 409 inside, 404 outside)
                case "applicationId" -> List.of(applicationId);
                // a feature the victim accounts hold (ADR 0038): with an account id, it names the account's licence
                case "feature" -> List.of("SIM_MANAGEMENT");
                // a service node of the provider: nobody but the provider's staff finds it (ADR 0040)
                case "nodeId" -> List.of(nodeId);
                // the victim reseller's own service (ADR 0036; the provider's catalog is checked by checkGlobalCatalog)
                case "serviceId" -> List.of(ownServiceId);
                // an add-on of the victim's retail plan
                case "addonId" -> List.of(addonId);
                default -> null;
            };
        }
    }

    private Victim victim(String name) {
        var mail = CatalogFixtures.mailService(provider);
        // hosted mail of the mail adapter, for the victim customer's service user
        String mailboxType = "svcbox-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response hosted = provider.post("/api/v1/services", Map.of("code", mailboxType, "name", "Hosted mail",
                "adapter", "mail", "adapterConfig", Map.of("mailboxResourceType", mailboxType),
                "resourceTypes", List.of(Map.of("code", mailboxType, "name", "Mailbox", "unit", "count"))));
        assertThat(hosted.status()).as("the hosted mail service: %s", hosted).isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(name + " Reseller").mail(mail)
                .wholesale("100.00", resource(mail.counted(), 0, 100, "HARD", "1.00", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.10"),
                        resource(mailboxType, 0, 10, "HARD", "1.00", null))
                .plan("5.00", resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.20"),
                        resource(mailboxType, 1, 5, "HARD", "1.00", null))
                .customer(name + " Customer").ordering(mail.counted(), 2).build();
        String resellerId = tree.resellerId();
        String customerId = tree.customerId();
        String retail = tree.planId();
        String email = unique("victim") + "@matrix.test";
        Api.Response user = provider.post("/api/v1/accounts/" + resellerId + "/users",
                Map.of("email", email, "name", "Victim User", "password", PASSWORD, "roles", List.of("SUPPORT")));
        assertThat(user.status()).as("create the victim user: %s", user).isEqualTo(201);
        signIn(email, PASSWORD);
        Api.Response tokens = provider.get("/api/v1/users/" + user.text("id") + "/tokens");
        assertThat(tokens.json().path("items").size()).as("the victim user's tokens: %s", tokens).isEqualTo(1);
        Api.Response customerUsers = provider.get("/api/v1/accounts/" + customerId + "/users");
        assertThat(customerUsers.json().path("items").size()).isEqualTo(1);

        String draft = CatalogFixtures.draftPlan(provider, resellerId, Map.of("name", "Victim draft",
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null))));
        // the mail adapter provisions asynchronously: wait until the subscription is ACTIVE
        awaitStatus("/api/v1/subscriptions/" + tree.subscriptionId(), "status", "ACTIVE");
        var commission = AccountFixtures.reseller(name + " Commission").under(resellerId)
                .with("resellerProfile", Map.of("model", "COMMISSION")).create(provider);
        Api.Response offering = provider.post("/api/v1/accounts/" + commission.id() + "/offerings",
                Map.of("planId", retail, "commissionPercent", 5));
        assertThat(offering.status()).as("the victim's offering: %s", offering).isEqualTo(201);
        Api.Response usage = provider.post("/api/v1/usage", Map.of("records", List.of(Map.of("id", "victim-usage",
                "subscriptionId", tree.subscriptionId(), "resourceType", mail.metered(), "quantity", 3,
                "at", Instant.now().minusSeconds(600).toString()))));
        assertThat(usage.json().path("accepted").asInt()).as("the victim's usage: %s", usage).isEqualTo(1);
        Api.Response customerUser = tree.reseller().post("/api/v1/accounts/" + resellerId + "/customer-users",
                Map.of("email", unique("victim-cu") + "@matrix.test", "name", "Victim CU", "password", PASSWORD,
                        "customerIds", List.of(customerId)));
        assertThat(customerUser.status()).as("the victim's customer user: %s", customerUser).isEqualTo(201);
        SimFixtures numbers = SimFixtures.block();
        List<String> sims = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Api.Response sim = provider.post("/api/v1/accounts/" + resellerId + "/assets", Map.of("iccid",
                    numbers.iccid(i), "imsi", numbers.imsi(i), "msisdn", numbers.msisdn(i)));
            assertThat(sim.status()).as("the victim's SIM: %s", sim).isEqualTo(201);
            sims.add(sim.text("id"));
        }
        Api.Response assigned = tree.reseller().post("/api/v1/assets/" + sims.get(0) + "/assign",
                Map.of("customerId", customerId));
        assertThat(assigned.status()).as("the victim's SIM assigned: %s", assigned).isEqualTo(200);

        Api.Response run = provider.post("/api/v1/billing/runs", Map.of());
        assertThat(run.status()).as("a billing run: %s", run).isEqualTo(202);
        awaitRun(run.text("id"));
        Api.Response invoices = provider.get("/api/v1/accounts/" + resellerId + "/invoices?role=BUYER");
        assertThat(invoices.json().path("items").size()).as("the victim reseller's invoice: %s", invoices)
                .isEqualTo(1);
        Api.Response payment = provider.post("/api/v1/accounts/" + providerId() + "/buyers/" + resellerId
                + "/payments", Map.of("amount", CatalogFixtures.money("0.01"), "reference", "Matrix"));
        assertThat(payment.status()).as("the victim reseller's payment: %s", payment).isEqualTo(201);
        String serviceUserEmail = unique("mailbox") + "@matrix.test";
        Api.Response serviceUser = provider.post("/api/v1/accounts/" + customerId + "/service-users", Map.of(
                "name", "Victim Mailbox", "email", serviceUserEmail, "password", PASSWORD, "mailboxQuotaMb", 100));
        assertThat(serviceUser.status()).as("the victim's service user: %s", serviceUser).isEqualTo(201);
        awaitStatus("/api/v1/service-users/" + serviceUser.text("id"), "mailbox.state", "ACTIVE");
        Api.Response tasks = awaitTasksDone(customerId);
        assertThat(tasks.json().path("items").size()).as("the victim's provisioning tasks: %s", tasks).isEqualTo(3);
        Api.Response hook = provider.post("/api/v1/accounts/" + resellerId + "/webhook-endpoints", Map.of("url",
                "https://hooks.example.com/matrix", "eventTypes", List.of("account.updated"), "enabled", false));
        assertThat(hook.status()).as("the victim's webhook endpoint: %s", hook).isEqualTo(201);
        Api.Response gateway = provider.send("PUT", "/api/v1/accounts/" + resellerId + "/payment-gateway", Map.of(
                "kind", "http", "baseUrl", "https://pay.example.com/victim", "apiKey", "sk_victim", "signingSecret",
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24])), "application/json");
        assertThat(gateway.status()).as("the victim reseller's payment gateway: %s", gateway).isEqualTo(200);
        List<String> debit = directDebit(resellerId, invoices.json().path("items").get(0));
        Api.Response statement = provider.send("POST", "/api/v1/accounts/" + resellerId
                + "/bank-statements?fileName=matrix.csv", "booking_date,amount,currency,counterparty_name,"
                + "counterparty_iban,remittance,bank_reference\n" + LocalDate.now(ZoneOffset.UTC)
                + ",777.77,EUR,Somebody,,Nothing we know," + unique("MATRIX") + "\n", "text/csv");
        assertThat(statement.status()).as("the victim reseller's bank statement: %s", statement).isEqualTo(201);
        Api.Response entries = provider.get("/api/v1/bank-statements/" + statement.text("id") + "/entries");
        assertThat(entries.json().path("items").get(0).path("status").asString()).isEqualTo("UNMATCHED");
        Api.Response panelHost = provider.post("/api/v1/accounts/" + resellerId + "/panel-hosts",
                Map.of("host", unique("victim").toLowerCase() + ".matrix.example"));
        assertThat(panelHost.status()).as("the victim reseller's panel host: %s", panelHost).isEqualTo(201);

        // the victim reseller's own service and an add-on of its retail plan (ADR 0036)
        String ownCode = "own-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response ownService = tree.reseller().post("/api/v1/services", Map.of("code", ownCode, "name",
                "Victim support", "adapter", "manual", "resourceTypes", List.of(Map.of("code", ownCode + "-hour",
                        "name", "Support hour", "unit", "hour"))));
        assertThat(ownService.status()).as("the victim's own service: %s", ownService).isEqualTo(201);
        Api.Response addon = tree.reseller().post("/api/v1/plans/" + retail + "/addons", Map.of("code", "backup",
                "name", "Backup", "recurringFee", CatalogFixtures.money("3.00")));
        assertThat(addon.status()).as("the victim's add-on: %s", addon).isEqualTo(201);
        return new Victim(resellerId, customerId, user.text("id"),
                customerUsers.json().path("items").get(0).path("id").asString(),
                tokens.json().path("items").get(0).path("id").asString(), mail.id(), mail.counted(), mail.metered(),
                tree.wholesalePlanId(), tree.holdingId(), retail, draft, tree.subscriptionId(), commission.id(),
                invoices.json().path("items").get(0).path("id").asString(), run.text("id"),
                customerUser.text("id"), sims.get(0), sims.get(1),
                tasks.json().path("items").get(0).path("id").asString(), serviceUser.text("id"), serviceUserEmail,
                failedMail(customerId),
                hook.text("id"), failedDelivery(resellerId, hook.text("id")), payment.text("id"),
                gateway.text("id"), debit.get(0),
                debit.get(1), debit.get(2), statement.text("id"),
                entries.json().path("items").get(0).path("id").asString(), panelHost.text("host"),
                signUp(resellerId, retail), matrixNode(), ownService.text("id"), addon.text("id"));
    }

    /** A sign-up at the reseller's storefront (enabled here, MANUAL), left unconfirmed: its application id. */
    private String signUp(String resellerId, String planId) {
        StorefrontFixtures.enable(provider, resellerId, unique("matrix").toLowerCase(), "MANUAL");
        String slug = provider.get("/api/v1/accounts/" + resellerId + "/storefront").text("slug");
        Api.Response received = anonymous.post("/api/v1/storefronts/" + slug + "/sign-ups",
                StorefrontFixtures.signUp(jdbc, resellerId, planId, unique("applicant") + "@matrix.test"));
        assertThat(received.status()).as("the victim's sign-up: %s", received).isEqualTo(202);
        return received.text("applicationId");
    }

    /**
     * A direct-debit mandate of the reseller for the provider and the provider's pending collection of the reseller's
     * invoice: {mandate, collection, item}. The provider's bank account is set for the run and put back after it.
     */
    private List<String> directDebit(String resellerId, tools.jackson.databind.JsonNode invoice) {
        String settings = "/api/v1/accounts/" + providerId() + "/billing-settings";
        tools.jackson.databind.JsonNode payment = provider.get(settings).json().path("payment");
        Api.Response account = provider.send("PUT", settings, Map.of("payment", Map.of("accountHolder",
                "Matrix Provider", "iban", "DE02120300000000202051")), "application/json");
        assertThat(account.status()).as("the provider's bank account: %s", account).isEqualTo(200);
        Api.Response creditor = provider.send("PUT", "/api/v1/accounts/" + providerId() + "/direct-debit-settings",
                Map.of("creditorId", "DE98ZZZ09999999999"), "application/json");
        assertThat(creditor.status()).as("the provider's creditor id: %s", creditor).isEqualTo(200);
        Map<String, Object> mandate = new java.util.HashMap<>();
        mandate.put("buyerId", resellerId);
        mandate.put("reference", unique("MATRIX"));
        mandate.put("signedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        mandate.put("debtorName", "Victim Reseller");
        mandate.put("iban", "DE89370400440532013000");
        Api.Response created = provider.post("/api/v1/accounts/" + providerId() + "/mandates", mandate);
        assertThat(created.status()).as("the victim's mandate: %s", created).isEqualTo(201);
        Api.Response run = provider.post("/api/v1/accounts/" + providerId() + "/collections",
                Map.of("collectionDate", invoice.path("dueDate").asString()));
        assertThat(run.status()).as("the provider's collection: %s", run).isEqualTo(201);
        Map<String, Object> restore = new java.util.HashMap<>();
        restore.put("payment", payment.isNull() || payment.isMissingNode() ? Map.of()
                : Api.JSON.convertValue(payment, Map.class));
        assertThat(provider.send("PUT", settings, restore, "application/json").status()).isEqualTo(200);
        tools.jackson.databind.JsonNode item = null;
        for (tools.jackson.databind.JsonNode i : run.json().path("items")) {
            if (i.path("invoiceId").asString().equals(invoice.path("id").asString())) {
                item = i;
            }
        }
        assertThat(item).as("the victim's invoice is collected: %s", run).isNotNull();
        return List.of(created.text("id"), run.text("id"), item.path("id").asString());
    }

    /** A FAILED mail of the account in the outbox, as if its attempts had run out (nothing sends it again). */
    private String failedMail(String accountId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_message (id, channel, kind, account_id, data, status, attempts, next_attempt_at,
                                            created_at, last_error)
                VALUES (:id, 'MAIL', 'probe', :account, '{}'::jsonb, 'FAILED', 3, now(), now(), 'SMTP: 550')
                """).param("id", id).param("account", UUID.fromString(accountId)).update();
        return id.toString();
    }

    /** A FAILED webhook delivery of the endpoint in the outbox, as if its attempts had run out. */
    private String failedDelivery(String accountId, String endpointId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_message (id, channel, kind, account_id, target_id, ordering_key, data, status,
                                            attempts, next_attempt_at, created_at, last_error)
                VALUES (:id, 'WEBHOOK', 'account.updated', :account, :endpoint, :key, '{"body": "{}"}'::jsonb,
                        'FAILED', 3, now(), now(), 'HTTP 500 from hooks.example.com.')
                """).param("id", id).param("account", UUID.fromString(accountId))
                .param("endpoint", UUID.fromString(endpointId)).param("key", endpointId + ":" + accountId).update();
        return id.toString();
    }

    /** The adapter moves a mailbox before its task is recorded DONE: waits until every task of the account ended. */
    private Api.Response awaitTasksDone(String accountId) {
        return await("every provisioning task of %s ends".formatted(accountId)).atMost(Duration.ofSeconds(30))
                .until(() -> provider.get("/api/v1/accounts/" + accountId + "/provisioning-tasks?limit=500"),
                        tasks -> tasks.json().path("items").valueStream()
                                .allMatch(t -> "DONE".equals(t.path("status").asString())));
    }

    /** Waits (up to 30 s) until the provider reads {@code value} at the dotted {@code field} of {@code path}. */
    private void awaitStatus(String path, String field, String value) {
        await("%s: %s becomes %s".formatted(path, field, value)).atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode node = provider.get(path).json();
            for (String part : field.split("\\.")) {
                node = node.path(part);
            }
            return node.asString();
        }, value::equals);
    }

    private void awaitRun(String runId) {
        await("run %s completes within a minute".formatted(runId)).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> provider.get("/api/v1/billing/runs/" + runId).json().path("status").asString(),
                        "COMPLETED"::equals);
    }

    /** What the provider sees of the victim subtree: every answer in full, with the ETags. */
    record Snapshot(Map<String, String> answers) {
        /** What differs, one line per changed answer: "path: before -> after". */
        List<String> changesTo(Snapshot after) {
            List<String> changes = new ArrayList<>();
            answers.forEach((what, answer) -> {
                String now = after.answers().get(what);
                if (!answer.equals(now)) {
                    changes.add(what + ":\n    before " + answer + "\n    after  " + now);
                }
            });
            return changes;
        }
    }

    private Snapshot snapshot(Victim victim) {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        for (String accountId : List.of(victim.resellerId(), victim.customerId())) {
            paths.add("/api/v1/accounts/" + accountId);
            paths.add("/api/v1/accounts/" + accountId + "/users?limit=500");
            paths.add("/api/v1/accounts/" + accountId + "/roles");
            paths.add("/api/v1/accounts?under=" + accountId + "&limit=500");
        }
        for (String userId : List.of(victim.userId(), victim.customerAdminId())) {
            paths.add("/api/v1/users/" + userId);
            paths.add("/api/v1/users/" + userId + "/tokens");
        }
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/audit-events?limit=500");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/storefront");
        paths.add("/api/v1/storefront-applications/" + victim.applicationId());
        paths.add("/api/v1/accounts/" + victim.commissionResellerId());
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/plans?limit=500");
        paths.add("/api/v1/accounts/" + victim.customerId() + "/available-plans");
        for (String planId : List.of(victim.retailPlanId(), victim.draftPlanId())) {
            paths.add("/api/v1/plans/" + planId);
        }
        for (String accountId : List.of(victim.resellerId(), victim.customerId(), victim.commissionResellerId())) {
            paths.add("/api/v1/accounts/" + accountId + "/subscriptions?limit=500");
        }
        for (String subscriptionId : List.of(victim.subscriptionId(), victim.holdingId())) {
            paths.add("/api/v1/subscriptions/" + subscriptionId);
        }
        for (String accountId : List.of(victim.resellerId(), victim.customerId())) {
            paths.add("/api/v1/accounts/" + accountId + "/provisioning-tasks?limit=500");
        }
        paths.add("/api/v1/provisioning-tasks/" + victim.taskId());
        paths.add("/api/v1/accounts/" + victim.customerId() + "/service-users?limit=500");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/mail-templates/template-test/en");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/mail-sender");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/brand");
        paths.add("/api/v1/service-users/" + victim.serviceUserId());
        paths.add("/api/v1/messages/" + victim.messageId());
        String hooks = "/api/v1/accounts/" + victim.resellerId() + "/webhook-endpoints";
        paths.add(hooks);
        paths.add(hooks + "/" + victim.webhookEndpointId());
        paths.add(hooks + "/" + victim.webhookEndpointId() + "/deliveries");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/panel-hosts");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/panel-hosts/" + victim.panelHost());
        paths.add("/api/v1/users/" + victim.serviceUserId());
        paths.add("/api/v1/accounts/" + victim.commissionResellerId() + "/offerings");
        for (String accountId : List.of(victim.resellerId(), victim.customerId())) {
            paths.add("/api/v1/accounts/" + accountId + "/invoices?limit=500");
            paths.add("/api/v1/accounts/" + accountId + "/billing-settings");
        }
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/payment-gateway");
        paths.add("/api/v1/invoices/" + victim.invoiceId());
        paths.add("/api/v1/payments/" + victim.paymentId());
        paths.add("/api/v1/mandates/" + victim.mandateId());
        paths.add("/api/v1/bank-statements/" + victim.statementId());
        paths.add("/api/v1/bank-entries/" + victim.entryId());
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/mandates?role=BUYER");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/balances");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/vendors/" + providerId() + "/statement");
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/customer-users?limit=500");
        paths.add("/api/v1/customer-users/" + victim.customerUserId());
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/assets?limit=500");
        paths.add("/api/v1/accounts/" + victim.customerId() + "/assets?limit=500");
        for (String assetId : List.of(victim.assignedSimId(), victim.stockSimId())) {
            paths.add("/api/v1/assets/" + assetId);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        paths.add("/api/v1/accounts/" + victim.resellerId() + "/usage?from=" + today.minusDays(7) + "&to="
                + today.plusDays(2) + "&limit=500");
        for (String path : paths) {
            Api.Response answer = provider.get(path);
            assertThat(answer.status()).as("snapshot %s: %s", path, answer).isEqualTo(200);
            answers.put(path, "ETag=" + answer.header("ETag") + " " + answer.json());
        }
        Api.Response audit = provider.get("/api/v1/accounts/" + victim.resellerId() + "/audit-events?limit=500");
        assertThat(audit.json().path("nextCursor").isNull()).as("audit trail fits one page").isTrue();
        answers.put("audit-event count", String.valueOf(audit.json().path("items").size()));
        return new Snapshot(answers);
    }

    private static String describe(Map<String, String> ids, Victim victim) {
        List<String> parts = new ArrayList<>();
        ids.forEach((variable, id) -> {
            String kind = id.equals(victim.resellerId()) ? "victim reseller"
                    : id.equals(victim.customerId()) ? "victim customer"
                    : id.equals(victim.userId()) ? "victim user"
                    : id.equals(victim.customerAdminId()) ? "victim customer's admin"
                    : id.equals(victim.tokenId()) ? "victim user's token"
                    : id.equals(victim.commissionResellerId()) ? "victim commission reseller"
                    : id.equals(victim.retailPlanId()) ? "victim retail plan"
                    : id.equals(victim.draftPlanId()) ? "victim draft plan"
                    : id.equals(victim.subscriptionId()) ? "victim customer's subscription"
                    : id.equals(victim.holdingId()) ? "victim reseller's holding"
                    : id.equals(victim.invoiceId()) ? "victim reseller's invoice"
                    : id.equals(victim.paymentId()) ? "victim reseller's payment"
                    : id.equals(victim.mandateId()) ? "victim reseller's mandate"
                    : id.equals(victim.statementId()) ? "victim reseller's bank statement"
                    : id.equals(victim.entryId()) ? "victim reseller's unmatched bank entry"
                    : id.equals(victim.collectionId()) ? "the provider's collection of the victim's invoice"
                    : id.equals(victim.collectionItemId()) ? "the victim's item in the provider's collection"
                    : id.equals(victim.runId()) ? "the provider's billing run"
                    : id.equals(victim.customerUserId()) ? "victim customer user"
                    : id.equals(victim.assignedSimId()) ? "victim customer's SIM"
                    : id.equals(victim.stockSimId()) ? "victim reseller's SIM in stock"
                    : id.equals(victim.taskId()) ? "victim customer's provisioning task"
                    : id.equals(victim.serviceUserId()) ? "victim customer's service user"
                    : id.equals(victim.messageId()) ? "victim customer's failed mail" : "?";
            parts.add(variable + "=" + kind);
        });
        return String.join(", ", parts);
    }
}
