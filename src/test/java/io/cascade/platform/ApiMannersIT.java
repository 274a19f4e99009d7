package io.cascade.platform;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API manners of API.md and the foundation issue, section 7: bad input on every write endpoint answers a problem
 * naming the bad field and writes nothing; ETag/If-Match; merge patch; Idempotency-Key; cursor lists and filters;
 * and the account rules that refuse a request with a named problem type (depth cap, reseller models, customer
 * numbers, billable).
 */
class ApiMannersIT extends IntegrationTest {
    private static final String SETTINGS = "/api/v1/platform/reseller-settings";
    private static final String LONG = "x".repeat(5000);
    private static final Object ABSENT = new Object();

    /** One reseller with a customer and users, shared by all bad-input cases (each case checks its own writes). */
    private static Fixture fixture;

    @Autowired
    private JdbcClient jdbc;

    private record Fixture(String resellerId, String adminToken, String customerId, String patcheeId,
                           String signerId, String signerEmail) {
    }

    @BeforeEach
    void fixture() {
        if (fixture != null) {
            return;
        }
        var reseller = AccountFixtures.reseller("Manners Reseller").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        var customer = AccountFixtures.customer("Manners Customer").with("phone", "+49 30 123456").create(admin);
        String patchee = createUser(admin, reseller.id(), "patchee").text("id");
        Api.Response signer = createUser(admin, reseller.id(), "signer");
        fixture = new Fixture(reseller.id(), admin.token(), customer.id(), patchee, signer.text("id"),
                signer.text("email"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bad input on every write endpoint

    enum Endpoint {
        CREATE_ACCOUNT("POST", "/api/v1/accounts", () -> obj("type", "CUSTOMER", "companyName", "Bad Input Account",
                "admin", obj("email", "{newEmail}", "name", "Admin", "password", PASSWORD))),
        PATCH_ACCOUNT("PATCH", "/api/v1/accounts/{customer}", () -> obj("companyName", "Renamed By Bad Input")),
        CREATE_USER("POST", "/api/v1/accounts/{reseller}/users", () -> obj("email", "{newEmail}", "name", "Someone",
                "password", PASSWORD, "roles", List.of("READ_ONLY"))),
        PATCH_USER("PATCH", "/api/v1/users/{patchee}", () -> obj("name", "Renamed By Bad Input")),
        CREATE_ROLE("POST", "/api/v1/accounts/{reseller}/roles", () -> obj("code", "{roleCode}", "name", "Manners",
                "privileges", List.of("USERS_READ"))),
        RESELLER_SETTINGS("PATCH", SETTINGS, () -> obj("maxResellerDepth", 5)),
        SIGN_IN("POST", "/api/v1/auth/tokens", () -> obj("email", "{signerEmail}", "password", PASSWORD)),
        ACCEPT_INVITATION("POST", "/api/v1/auth/invitations/accept", () -> obj("token", "{invitation}",
                "password", PASSWORD)),
        REQUEST_PASSWORD_RESET("POST", "/api/v1/auth/password-resets", () -> obj("email", "{signerEmail}")),
        CHANGE_PASSWORD("POST", "/api/v1/me/password", () -> obj("currentPassword", PASSWORD,
                "newPassword", "Fresh-Password-99"));

        final String method;
        final String path;
        final Supplier<Map<String, Object>> valid;

        Endpoint(String method, String path, Supplier<Map<String, Object>> valid) {
            this.method = method;
            this.path = path;
            this.valid = valid;
        }
    }

    /** A bad request: the raw body, and the field the problem must name (null where no single field is bad). */
    record BadInput(Endpoint endpoint, String label, String path, String body, String contentType, String field,
                    Set<Integer> statuses) {
        @Override
        public String toString() {
            return endpoint.method + " " + endpoint.path + ": " + label;
        }
    }

    static Stream<BadInput> badInputs() {
        List<BadInput> cases = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            String valid = Api.JSON.writeValueAsString(e.valid.get());
            cases.add(raw(e, "malformed JSON (trailing comma)", valid.substring(0, valid.length() - 1) + ",}"));
            cases.add(raw(e, "truncated JSON", valid.substring(0, valid.length() / 2)));
            cases.add(raw(e, "not JSON at all", "this is not json"));
            cases.add(raw(e, "empty body", ""));
            cases.add(raw(e, "a JSON array instead of an object", "[]"));
            cases.add(raw(e, "a JSON string instead of an object", "\"text\""));
            cases.add(raw(e, "literal null", "null"));
            cases.add(edit(e, "an unknown field", "bogusField", true, "bogusField"));
        }
        Endpoint e = Endpoint.CREATE_ACCOUNT;
        cases.add(edit(e, "unknown enum type", "type", "PARTNER", "type"));
        cases.add(edit(e, "type PROVIDER", "type", "PROVIDER", "type"));
        cases.add(edit(e, "type as a number", "type", 2, "type"));
        cases.add(edit(e, "type missing", "type", ABSENT, "type"));
        cases.add(edit(e, "companyName over-long", "companyName", LONG, "companyName"));
        cases.add(edit(e, "companyName blank", "companyName", " ", "companyName"));
        cases.add(edit(e, "companyName a number", "companyName", 42, "companyName"));
        cases.add(edit(e, "companyName an object", "companyName", obj("a", 1), "companyName"));
        cases.add(edit(e, "companyName an array", "companyName", List.of("a"), "companyName"));
        cases.add(edit(e, "customerNumber over-long", "customerNumber", LONG, "customerNumber"));
        cases.add(edit(e, "customerNumber with spaces", "customerNumber", "has spaces", "customerNumber"));
        cases.add(edit(e, "vendorId not a UUID", "vendorId", "not-a-uuid", "vendorId"));
        cases.add(edit(e, "vendorId a number", "vendorId", 12, "vendorId"));
        cases.add(new BadInput(e, "vendorId unknown", e.path, body(e, "vendorId", UUID.randomUUID().toString()),
                "application/json", null, Set.of(404, 422)));
        cases.add(edit(e, "billCycleDay not a number", "billCycleDay", "soon", "billCycleDay"));
        cases.add(edit(e, "billCycleDay a fraction", "billCycleDay", 12.7, "billCycleDay"));
        cases.add(edit(e, "billCycleDay out of range", "billCycleDay", 29, "billCycleDay"));
        cases.add(edit(e, "billable not a boolean", "billable", "yes", "billable"));
        cases.add(edit(e, "address a string", "address", "Main Street 1", "address"));
        cases.add(edit(e, "address.country unknown", "address", obj("country", "Germany"), "address.country"));
        cases.add(edit(e, "address.street over-long", "address", obj("street", LONG), "address.street"));
        cases.add(edit(e, "address with an unknown field", "address", obj("planet", "Mars"), "address.planet"));
        cases.add(edit(e, "phone not a phone number", "phone", "call me maybe", "phone"));
        cases.add(edit(e, "homepage not http(s)", "homepage", "ftp://example.test", "homepage"));
        cases.add(edit(e, "currency unknown", "currency", "ZZZ", "currency"));
        cases.add(edit(e, "currency over-long", "currency", LONG, "currency"));
        cases.add(edit(e, "locale malformed", "locale", "no such locale!", "locale"));
        cases.add(edit(e, "timeZone unknown", "timeZone", "Mars/Olympus_Mons", "timeZone"));
        cases.add(edit(e, "taxId over-long", "taxId", LONG, "taxId"));
        cases.add(edit(e, "contact.email invalid", "contact", obj("email", "nope"), "contact.email"));
        cases.add(edit(e, "signatures.billing over-long", "signatures", obj("billing", LONG), "signatures.billing"));
        cases.add(edit(e, "revenue amount not a number", "estimatedAnnualRevenue",
                obj("amount", "lots", "currency", "EUR"), "estimatedAnnualRevenue.amount"));
        cases.add(edit(e, "revenue currency unknown", "estimatedAnnualRevenue",
                obj("amount", "10.00", "currency", "ZZZ"), "estimatedAnnualRevenue.currency"));
        cases.add(edit(e, "revenue without currency", "estimatedAnnualRevenue", obj("amount", "10.00"),
                "estimatedAnnualRevenue.currency"));
        cases.add(edit(e, "resellerProfile on a customer", "resellerProfile", obj("model", "PREPAID"),
                "resellerProfile"));
        cases.add(edit(e, "admin missing", "admin", ABSENT, "admin"));
        cases.add(edit(e, "admin a string", "admin", "someone", "admin"));
        cases.add(edit(e, "admin.email invalid", "admin.email", "not-an-email", "admin.email"));
        cases.add(edit(e, "admin.email over-long", "admin.email", LONG + "@x.test", "admin.email"));
        cases.add(edit(e, "admin.name over-long", "admin.name", LONG, "admin.name"));
        cases.add(edit(e, "admin.password too short", "admin.password", "short", "admin.password"));
        cases.add(edit(e, "admin.password over-long", "admin.password", LONG, "admin.password"));
        cases.add(edit(e, "admin with an unknown field", "admin.role", "ACCOUNT_ADMIN", "admin.role"));
        cases.add(editAll(e, "reseller with an unknown model", Map.of("type", "RESELLER",
                "resellerProfile", obj("model", "FRANCHISE")), "resellerProfile.model"));
        cases.add(editAll(e, "reseller with an unknown invoice format", Map.of("type", "RESELLER",
                "resellerProfile", obj("customerInvoiceFormat", "DOCX")), "resellerProfile.customerInvoiceFormat"));
        cases.add(editAll(e, "reseller with customerBillCycleDay 0", Map.of("type", "RESELLER",
                "resellerProfile", obj("customerBillCycleDay", 0)), "resellerProfile.customerBillCycleDay"));
        cases.add(editAll(e, "reseller marked billable", Map.of("type", "RESELLER", "billable", false), "billable"));

        e = Endpoint.PATCH_ACCOUNT;
        for (String readOnly : List.of("id", "type", "vendorId", "level", "status", "createdAt")) {
            cases.add(edit(e, "read-only field " + readOnly, readOnly, "CUSTOMER", readOnly));
        }
        cases.add(edit(e, "companyName over-long", "companyName", LONG, "companyName"));
        cases.add(edit(e, "companyName blank", "companyName", "", "companyName"));
        cases.add(edit(e, "companyName removed", "companyName", null, "companyName"));
        cases.add(edit(e, "companyName a number", "companyName", 42, "companyName"));
        cases.add(edit(e, "companyName an object", "companyName", obj("a", 1), "companyName"));
        cases.add(edit(e, "customerNumber removed", "customerNumber", null, "customerNumber"));
        cases.add(edit(e, "customerNumber over-long", "customerNumber", LONG, "customerNumber"));
        cases.add(edit(e, "customerNumber with spaces", "customerNumber", "a b", "customerNumber"));
        cases.add(edit(e, "billCycleDay not a number", "billCycleDay", "soon", "billCycleDay"));
        cases.add(edit(e, "billCycleDay 0", "billCycleDay", 0, "billCycleDay"));
        cases.add(edit(e, "billCycleDay removed", "billCycleDay", null, "billCycleDay"));
        cases.add(edit(e, "billable not a boolean", "billable", "maybe", "billable"));
        cases.add(edit(e, "phone over-long", "phone", LONG, "phone"));
        cases.add(edit(e, "homepage over-long", "homepage", "https://" + LONG, "homepage"));
        cases.add(edit(e, "address.country lower case", "address", obj("country", "de"), "address.country"));
        cases.add(edit(e, "address.city a number", "address", obj("city", List.of(1)), "address.city"));
        cases.add(edit(e, "address with an unknown field", "address", obj("planet", "Mars"), "address.planet"));
        cases.add(edit(e, "currency unknown", "currency", "ZZZ", "currency"));
        cases.add(edit(e, "timeZone unknown", "timeZone", "Nowhere/Never", "timeZone"));
        cases.add(edit(e, "signatures.support over-long", "signatures", obj("support", LONG), "signatures.support"));
        cases.add(edit(e, "contact.email invalid", "contact", obj("email", "nope"), "contact.email"));
        cases.add(edit(e, "revenue amount not a number", "estimatedAnnualRevenue",
                obj("amount", "lots", "currency", "EUR"), "estimatedAnnualRevenue.amount"));
        cases.add(edit(e, "resellerProfile on a customer", "resellerProfile", obj("model", "PREPAID",
                "customerInvoicing", true, "customerInvoiceFormat", "PDF", "customerBillCycleDay", 1),
                "resellerProfile"));

        e = Endpoint.CREATE_USER;
        cases.add(edit(e, "email missing", "email", ABSENT, "email"));
        cases.add(edit(e, "email invalid", "email", "not-an-email", "email"));
        cases.add(edit(e, "email over-long", "email", LONG + "@x.test", "email"));
        cases.add(edit(e, "email an object", "email", obj("a", 1), "email"));
        cases.add(edit(e, "name missing", "name", ABSENT, "name"));
        cases.add(edit(e, "name over-long", "name", LONG, "name"));
        cases.add(edit(e, "name a number", "name", 42, "name"));
        cases.add(edit(e, "password too short", "password", "short", "password"));
        cases.add(edit(e, "password over-long", "password", LONG, "password"));
        cases.add(edit(e, "password an array", "password", List.of("a"), "password"));
        cases.add(edit(e, "roles a string", "roles", "READ_ONLY", "roles"));
        cases.add(edit(e, "roles unknown", "roles", List.of("NO_SUCH_ROLE"), "roles"));
        cases.add(edit(e, "roles malformed code", "roles", List.of("read only"), "roles"));
        cases.add(edit(e, "roles over-long code", "roles", List.of(LONG), "roles"));
        cases.add(edit(e, "roles with null", "roles", listOfNull(), "roles"));
        cases.add(edit(e, "roles an object", "roles", obj("code", "READ_ONLY"), "roles"));

        e = Endpoint.PATCH_USER;
        for (String readOnly : List.of("id", "email", "accountId", "password", "createdAt")) {
            cases.add(edit(e, "read-only field " + readOnly, readOnly, "x@example.test", readOnly));
        }
        cases.add(edit(e, "status unknown", "status", "BOGUS", "status"));
        cases.add(edit(e, "status INVITED", "status", "INVITED", "status"));
        cases.add(edit(e, "status a number", "status", 1, "status"));
        cases.add(edit(e, "status removed", "status", null, "status"));
        cases.add(edit(e, "name over-long", "name", LONG, "name"));
        cases.add(edit(e, "name blank", "name", "", "name"));
        cases.add(edit(e, "name removed", "name", null, "name"));
        cases.add(edit(e, "name an object", "name", obj("first", "A"), "name"));
        cases.add(edit(e, "roles a string", "roles", "READ_ONLY", "roles"));
        cases.add(edit(e, "roles unknown", "roles", List.of("NO_SUCH_ROLE"), "roles"));
        cases.add(edit(e, "roles over-long code", "roles", List.of(LONG), "roles"));
        cases.add(edit(e, "roles removed", "roles", null, "roles"));

        e = Endpoint.CREATE_ROLE;
        cases.add(edit(e, "code missing", "code", ABSENT, "code"));
        cases.add(edit(e, "code lower case", "code", "lower_case", "code"));
        cases.add(edit(e, "code over-long", "code", "A" + LONG.toUpperCase(), "code"));
        cases.add(edit(e, "code a number", "code", 7, "code"));
        cases.add(edit(e, "name missing", "name", ABSENT, "name"));
        cases.add(edit(e, "name over-long", "name", LONG, "name"));
        cases.add(edit(e, "privileges missing", "privileges", ABSENT, "privileges"));
        cases.add(edit(e, "privileges empty", "privileges", List.of(), "privileges"));
        cases.add(edit(e, "privileges unknown", "privileges", List.of("RULE_THE_WORLD"), "privileges"));
        cases.add(edit(e, "privileges a string", "privileges", "USERS_READ", "privileges"));
        cases.add(edit(e, "privileges with null", "privileges", listOfNull(), "privileges"));
        cases.add(edit(e, "privileges with a number", "privileges", List.of(3), "privileges"));

        e = Endpoint.RESELLER_SETTINGS;
        cases.add(edit(e, "maxResellerDepth not a number", "maxResellerDepth", "deep", "maxResellerDepth"));
        cases.add(edit(e, "maxResellerDepth 0", "maxResellerDepth", 0, "maxResellerDepth"));
        cases.add(edit(e, "maxResellerDepth 21", "maxResellerDepth", 21, "maxResellerDepth"));
        cases.add(edit(e, "maxResellerDepth a fraction", "maxResellerDepth", 4.5, "maxResellerDepth"));
        cases.add(edit(e, "maxResellerDepth huge", "maxResellerDepth", 99999999999L, "maxResellerDepth"));
        cases.add(edit(e, "maxResellerDepth removed", "maxResellerDepth", null, "maxResellerDepth"));
        cases.add(edit(e, "unknown reseller model", "enabledResellerModels", List.of("FRANCHISE"),
                "enabledResellerModels"));
        cases.add(edit(e, "no reseller model", "enabledResellerModels", List.of(), "enabledResellerModels"));
        cases.add(edit(e, "reseller models a string", "enabledResellerModels", "PREPAID", "enabledResellerModels"));
        cases.add(edit(e, "reseller models removed", "enabledResellerModels", null, "enabledResellerModels"));
        cases.add(edit(e, "reseller models with null", "enabledResellerModels", listOfNull(),
                "enabledResellerModels"));

        e = Endpoint.SIGN_IN;
        cases.add(edit(e, "email missing", "email", ABSENT, "email"));
        cases.add(edit(e, "email invalid", "email", "not-an-email", "email"));
        cases.add(edit(e, "email over-long", "email", LONG + "@x.test", "email"));
        cases.add(edit(e, "email an object", "email", obj("a", 1), "email"));
        cases.add(edit(e, "password missing", "password", ABSENT, "password"));
        cases.add(edit(e, "password over-long", "password", LONG, "password"));
        cases.add(edit(e, "password an array", "password", List.of(PASSWORD), "password"));
        cases.add(edit(e, "accountId not a UUID", "accountId", "not-a-uuid", "accountId"));
        cases.add(edit(e, "accountId a number", "accountId", 7, "accountId"));
        cases.add(edit(e, "name over-long", "name", LONG, "name"));
        cases.add(edit(e, "expiresInHours 0", "expiresInHours", 0, "expiresInHours"));
        cases.add(edit(e, "expiresInHours too long", "expiresInHours", 100000, "expiresInHours"));
        cases.add(edit(e, "expiresInHours not a number", "expiresInHours", "forever", "expiresInHours"));
        cases.add(edit(e, "expiresInHours a fraction", "expiresInHours", 1.5, "expiresInHours"));

        e = Endpoint.ACCEPT_INVITATION;
        cases.add(edit(e, "token missing", "token", ABSENT, "token"));
        cases.add(edit(e, "token unknown", "token", "inv_" + UUID.randomUUID(), "token"));
        cases.add(edit(e, "token over-long", "token", LONG, "token"));
        cases.add(edit(e, "token an object", "token", obj("a", 1), "token"));
        cases.add(edit(e, "password missing", "password", ABSENT, "password"));
        cases.add(edit(e, "password too short", "password", "short", "password"));
        cases.add(edit(e, "password too simple", "password", "aaaaaaaaaaaa", "password"));
        cases.add(edit(e, "password over-long", "password", LONG, "password"));
        cases.add(edit(e, "password an array", "password", List.of(PASSWORD), "password"));
        cases.add(edit(e, "password a number", "password", 12345678901234L, "password"));

        e = Endpoint.REQUEST_PASSWORD_RESET;
        cases.add(edit(e, "email missing", "email", ABSENT, "email"));
        cases.add(edit(e, "email invalid", "email", "not-an-email", "email"));
        cases.add(edit(e, "email over-long", "email", LONG + "@x.test", "email"));
        cases.add(edit(e, "email an array", "email", List.of("a@b.test"), "email"));

        e = Endpoint.CHANGE_PASSWORD;
        cases.add(edit(e, "currentPassword missing", "currentPassword", ABSENT, "currentPassword"));
        cases.add(edit(e, "currentPassword wrong", "currentPassword", "Not-The-Password-1", "currentPassword"));
        cases.add(edit(e, "currentPassword over-long", "currentPassword", LONG, "currentPassword"));
        cases.add(edit(e, "newPassword missing", "newPassword", ABSENT, "newPassword"));
        cases.add(edit(e, "newPassword too short", "newPassword", "short", "newPassword"));
        cases.add(edit(e, "newPassword too simple", "newPassword", "abababababab", "newPassword"));
        cases.add(edit(e, "newPassword contains the e-mail name", "newPassword", "{ownEmailName}-Secret-9",
                "newPassword"));
        cases.add(edit(e, "newPassword over-long", "newPassword", LONG, "newPassword"));
        cases.add(edit(e, "newPassword an object", "newPassword", obj("a", 1), "newPassword"));
        cases.add(edit(e, "newPassword a number", "newPassword", 12345678901234L, "newPassword"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithAProblemAndWritesNothing(BadInput bad) {
        Map<String, String> vars = variables(bad.endpoint());
        Api caller = caller(bad.endpoint(), vars);
        Object before = snapshot(bad.endpoint(), vars);

        Api.Response response;
        try {
            response = caller.send(bad.endpoint().method, substitute(bad.path(), vars),
                    substitute(bad.body(), vars), bad.contentType());
        } finally {
            if (bad.endpoint() == Endpoint.RESELLER_SETTINGS) {
                restoreSettings((String) ((List<?>) before).get(0));
            }
        }

        assertThat(response.status()).as("status of %s -> %s", bad, response).isIn(bad.statuses());
        assertProblem(response);
        if (bad.field() != null) {
            assertNamesField(response, bad.field());
        }
        assertThat(snapshot(bad.endpoint(), vars)).as("nothing written by %s", bad).isEqualTo(before);
    }

    static Stream<String[]> invalidPathIds() {
        return Stream.of(
                new String[]{"PATCH", "/api/v1/accounts/not-a-uuid", "{\"phone\": \"+49 30 1\"}"},
                new String[]{"POST", "/api/v1/accounts/not-a-uuid/users",
                        "{\"email\": \"a@b.test\", \"name\": \"A\", \"password\": \"" + PASSWORD + "\"}"},
                new String[]{"PATCH", "/api/v1/users/12345", "{\"name\": \"A\"}"},
                new String[]{"POST", "/api/v1/accounts/xyz/roles",
                        "{\"code\": \"A_ROLE\", \"name\": \"A\", \"privileges\": [\"USERS_READ\"]}"},
                new String[]{"POST", "/api/v1/accounts/not-a-uuid/suspend", null},
                new String[]{"DELETE", "/api/v1/tokens/not-a-uuid", null});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidPathIds")
    void invalidIdsInThePathAre400Or422(String method, String path, String body) {
        Api admin = anonymous.withToken(fixture.adminToken());
        Api.Response response = admin.send(method, path, body,
                "PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
        assertThat(response.status()).as("API.md: invalid ids answer 400 or 422: %s %s -> %s", method, path, response)
                .isIn(400, 422);
        assertProblem(response);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        Api admin = anonymous.withToken(fixture.adminToken());
        Map<String, Object> body = obj("type", "CUSTOMER", "companyName", "", "billCycleDay", 99,
                "currency", "EURO", "address", obj("country", "Germany"),
                "admin", obj("email", "not-an-email", "name", "Admin", "password", "short"));
        Api.Response response = admin.post("/api/v1/accounts", body);
        assertThat(response.status()).as("%s", response).isEqualTo(422);
        assertProblem(response);
        assertThat(errorFields(response)).contains("companyName", "billCycleDay", "currency", "address.country",
                "admin.email", "admin.password");
        response.json().path("errors").forEach(e -> assertThat(e.path("message").asString()).isNotBlank());
    }

    @Test
    void anUnsupportedContentTypeIsAProblemToo() {
        Api admin = anonymous.withToken(fixture.adminToken());
        Api.Response response = admin.send("PATCH", "/api/v1/accounts/" + fixture.customerId(),
                "companyName=Plain", "text/plain");
        assertThat(response.status()).as("%s", response).isEqualTo(415);
        assertProblem(response);
        Api.Response post = admin.send("POST", "/api/v1/accounts", "<account/>", "application/xml");
        assertThat(post.status()).as("%s", post).isEqualTo(415);
        assertProblem(post);
    }

    @Test
    void anUnsupportedMethodIsAProblemToo() {
        Api admin = anonymous.withToken(fixture.adminToken());
        Api.Response response = admin.send("PUT", "/api/v1/accounts/" + fixture.customerId(),
                "{\"companyName\": \"Put\"}", "application/json");
        assertThat(response.status()).as("%s", response).isEqualTo(405);
        assertProblem(response);
    }

    // ---------------------------------------------------------------------------------------------------------
    // ETag, If-Match and merge patch

    @Test
    void ifMatchGuardsAccountUpdates() {
        var customer = AccountFixtures.customer("Etag Customer").create(provider);
        String path = "/api/v1/accounts/" + customer.id();
        String original = provider.get(path).header("ETag");
        assertThat(original).isNotBlank();
        assertThat(customer.response().header("ETag")).as("creation answers the ETag too").isEqualTo(original);

        Api.Response first = provider.withHeader("If-Match", original).patch(path, Map.of("phone", "+49 30 111"));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        String second = first.header("ETag");
        assertThat(second).isNotBlank().isNotEqualTo(original);
        assertThat(provider.get(path).header("ETag")).isEqualTo(second);

        Api.Response stale = provider.withHeader("If-Match", original).patch(path, Map.of("phone", "+49 30 222"));
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
        assertProblem(stale);
        assertThat(provider.get(path).text("phone")).isEqualTo("+49 30 111");
        assertThat(provider.get(path).header("ETag")).as("a refused update changes nothing").isEqualTo(second);

        Api.Response current = provider.withHeader("If-Match", second).patch(path, Map.of("phone", "+49 30 333"));
        assertThat(current.status()).as("%s", current).isEqualTo(200);
        assertThat(current.header("ETag")).isNotEqualTo(second).isNotEqualTo(original);
        assertThat(current.text("phone")).isEqualTo("+49 30 333");

        Api.Response unconditional = provider.patch(path, Map.of("phone", "+49 30 444"));
        assertThat(unconditional.status()).as("If-Match is optional: %s", unconditional).isEqualTo(200);
    }

    @Test
    void ifMatchGuardsBillingSettings() {
        var reseller = AccountFixtures.reseller("Etag Issuer").create(provider);
        String path = "/api/v1/accounts/" + reseller.id() + "/billing-settings";
        Api.Response fresh = provider.get(path);
        String original = fresh.header("ETag");
        assertThat(original).as("%s", fresh).isNotBlank();

        Api.Response changed = provider.withHeader("If-Match", original)
                .send("PUT", path, Map.of("paymentTermDays", 30), "application/json");
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        String second = changed.header("ETag");
        assertThat(second).isNotBlank().isNotEqualTo(original);
        assertThat(provider.get(path).header("ETag")).isEqualTo(second);

        Api.Response stale = provider.withHeader("If-Match", original)
                .send("PUT", path, Map.of("paymentTermDays", 45), "application/json");
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
        assertProblem(stale);
        Api.Response after = provider.get(path);
        assertThat(after.json().path("paymentTermDays").asInt()).as("a refused update changes nothing").isEqualTo(30);
        assertThat(after.header("ETag")).isEqualTo(second);

        Api.Response unconditional = provider.send("PUT", path, Map.of("numberPrefix", "ETAG-"), "application/json");
        assertThat(unconditional.status()).as("If-Match is optional: %s", unconditional).isEqualTo(200);
        assertThat(unconditional.header("ETag")).isNotEqualTo(second);
    }

    @Test
    void patchIsAJsonMergePatch() {
        var customer = AccountFixtures.customer("Merge Customer")
                .with("phone", "+49 30 5550")
                .with("homepage", "https://merge.example.test")
                .with("address", Map.of("street", "Main Street 1", "city", "Berlin", "postalCode", "10115",
                        "country", "DE"))
                .with("contact", Map.of("name", "Mia Merge", "email", "mia@merge.test", "phone", "+49 30 5551"))
                .create(provider);
        String path = "/api/v1/accounts/" + customer.id();

        Api.Response removePhone = provider.patch(path, obj("phone", null));
        assertThat(removePhone.status()).as("%s", removePhone).isEqualTo(200);
        assertThat(absent(removePhone.json().path("phone"))).as("null removes the field").isTrue();
        assertThat(removePhone.text("homepage")).isEqualTo("https://merge.example.test");
        assertThat(removePhone.text("companyName")).isEqualTo("Merge Customer");

        Api.Response city = provider.patch(path, Map.of("address", Map.of("city", "Hamburg")));
        assertThat(city.status()).as("%s", city).isEqualTo(200);
        JsonNode address = city.json().path("address");
        assertThat(address.path("city").asString()).isEqualTo("Hamburg");
        assertThat(address.path("street").asString()).as("untouched subfields stay").isEqualTo("Main Street 1");
        assertThat(address.path("postalCode").asString()).isEqualTo("10115");
        assertThat(address.path("country").asString()).isEqualTo("DE");

        Api.Response street = provider.patch(path, Map.of("address", obj("street", null)));
        assertThat(street.status()).as("%s", street).isEqualTo(200);
        assertThat(absent(street.json().path("address").path("street"))).isTrue();
        assertThat(street.json().path("address").path("city").asString()).isEqualTo("Hamburg");

        Api.Response contact = provider.patch(path, Map.of("contact", Map.of("email", "max@merge.test")));
        assertThat(contact.json().path("contact").path("email").asString()).isEqualTo("max@merge.test");
        assertThat(contact.json().path("contact").path("name").asString()).isEqualTo("Mia Merge");

        JsonNode stored = provider.get(path).json();
        assertThat(absent(stored.path("phone"))).isTrue();
        assertThat(stored.path("homepage").asString()).isEqualTo("https://merge.example.test");
        assertThat(stored.path("address").path("city").asString()).isEqualTo("Hamburg");
        assertThat(absent(stored.path("address").path("street"))).isTrue();
        assertThat(stored.path("address").path("country").asString()).isEqualTo("DE");
        assertThat(stored.path("contact").path("phone").asString()).isEqualTo("+49 30 5551");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/merge-patch+json"})
    void patchAcceptsBothJsonContentTypes(String contentType) {
        var customer = AccountFixtures.customer("Content Type Customer").create(provider);
        Api.Response accountPatch = provider.send("PATCH", "/api/v1/accounts/" + customer.id(),
                "{\"companyName\": \"Renamed via " + contentType + "\"}", contentType);
        assertThat(accountPatch.status()).as("%s", accountPatch).isEqualTo(200);
        assertThat(accountPatch.text("companyName")).isEqualTo("Renamed via " + contentType);

        String userId = customer.response().json().path("admin").path("id").asString();
        Api.Response userPatch = provider.send("PATCH", "/api/v1/users/" + userId,
                "{\"name\": \"Renamed Admin\"}", contentType);
        assertThat(userPatch.status()).as("%s", userPatch).isEqualTo(200);

        String depth = provider.get(SETTINGS).json().path("maxResellerDepth").toString();
        Api.Response settingsPatch = provider.send("PATCH", SETTINGS, "{\"maxResellerDepth\": " + depth + "}",
                contentType);
        assertThat(settingsPatch.status()).as("%s", settingsPatch).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Idempotency-Key

    @Test
    void anIdempotencyKeyCreatesOnce() {
        var reseller = AccountFixtures.reseller("Idempotent Reseller").create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String name = unique("Idempotent Customer");
        String body = Api.JSON.writeValueAsString(AccountFixtures.customer(name).body());
        Api keyed = admin.withHeader("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = keyed.send("POST", "/api/v1/accounts", body, "application/json");
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        Api.Response replay = keyed.send("POST", "/api/v1/accounts", body, "application/json");
        assertThat(replay.status()).as("%s", replay).isEqualTo(201);
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(searchUnder(admin, reseller.id(), name)).as("one account created").hasSize(1);

        String otherName = unique("Other Idempotent Customer");
        Api.Response reused = keyed.post("/api/v1/accounts", AccountFixtures.customer(otherName).body());
        assertThat(reused.status()).as("%s", reused).isEqualTo(422);
        assertProblem(reused);
        assertThat(searchUnder(admin, reseller.id(), otherName)).as("nothing created").isEmpty();

        Api.Response freshKey = admin.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .send("POST", "/api/v1/accounts", body, "application/json");
        assertThat(freshKey.status()).as("%s", freshKey).isEqualTo(201);
        assertThat(freshKey.text("id")).isNotEqualTo(first.text("id"));
        assertThat(searchUnder(admin, reseller.id(), name)).hasSize(2);

        Api.Response tooLong = admin.withHeader("Idempotency-Key", LONG)
                .post("/api/v1/accounts", AccountFixtures.customer(unique("Long Key")).body());
        assertThat(tooLong.status()).as("%s", tooLong).isIn(400, 422);
        assertProblem(tooLong);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lists

    @Test
    void cursorPagingVisitsEveryAccountOnceInAStableOrder() {
        var reseller = AccountFixtures.reseller("Paging Reseller").create(provider);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            Api.Response customer = provider.post("/api/v1/accounts", AccountFixtures
                    .customer(String.format("Paging Customer %03d", i)).under(reseller.id())
                    .with("admin", Map.of("email", "admin" + i + "@" + unique("paging") + ".test",
                            "name", "Admin " + i)).body());
            assertThat(customer.status()).as("%s", customer).isEqualTo(201);
            created.add(customer.text("id"));
        }
        String list = "/api/v1/accounts?under=" + reseller.id();

        Api.Response firstPage = provider.get(list);
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.json().path("items").size()).as("default limit").isEqualTo(50);
        assertThat(firstPage.text("nextCursor")).isNotBlank();

        Api.Response all = provider.get(list + "&limit=500");
        assertThat(all.json().path("items").size()).isEqualTo(120);
        assertThat(all.json().path("nextCursor").isNull()).isTrue();
        List<String> order = ids(all);
        assertThat(order).containsExactlyInAnyOrderElementsOf(created);
        assertThat(ids(firstPage)).isEqualTo(order.subList(0, 50));

        assertThat(pageThrough(list, 7)).as("every account once, in the same order").isEqualTo(order);
        assertThat(pageThrough(list, 13)).isEqualTo(order);
        assertThat(ids(provider.get(list + "&limit=500"))).as("stable").isEqualTo(order);

        for (String limit : List.of("501", "0", "-1", "100000000000")) {
            Api.Response refused = provider.get(list + "&limit=" + limit);
            assertThat(refused.status()).as("limit=%s: %s", limit, refused).isIn(400, 422);
            assertProblem(refused);
            assertNamesField(refused, "limit");
        }
        Api.Response notANumber = provider.get(list + "&limit=many");
        assertThat(notANumber.status()).as("%s", notANumber).isIn(400, 422);
        assertNamesField(notANumber, "limit");

        String usersCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("user:someone@example.test".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("garbage!!", "bm9wZQ", usersCursor, "%00%01", LONG)) {
            Api.Response refused = provider.get(list + "&cursor=" + cursor);
            assertThat(refused.status()).as("cursor %s: %s", cursor.length() > 40 ? "(long)" : cursor, refused)
                    .isIn(400, 422);
            assertProblem(refused);
            assertNamesField(refused, "cursor");
        }
    }

    @Test
    void otherListsHaveTheSameLimitsAndCursors() {
        Api admin = anonymous.withToken(fixture.adminToken());
        for (String list : List.of("/api/v1/accounts/" + fixture.resellerId() + "/users",
                "/api/v1/accounts/" + fixture.resellerId() + "/audit-events")) {
            Api.Response page = admin.get(list + "?limit=1");
            assertThat(page.status()).as("%s: %s", list, page).isEqualTo(200);
            assertThat(page.json().path("items").size()).isEqualTo(1);
            assertThat(page.text("nextCursor")).as("%s has more", list).isNotBlank();
            Api.Response next = admin.get(list + "?limit=1&cursor=" + page.text("nextCursor"));
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().path("items").get(0)).isNotEqualTo(page.json().path("items").get(0));

            for (String query : List.of("?limit=501", "?limit=0", "?cursor=garbage!!", "?cursor=bm9wZQ")) {
                Api.Response refused = admin.get(list + query);
                assertThat(refused.status()).as("%s%s: %s", list, query, refused).isIn(400, 422);
                assertProblem(refused);
            }
        }
        Api.Response badUser = admin.get("/api/v1/accounts/" + fixture.resellerId() + "/audit-events?userId=nobody");
        assertThat(badUser.status()).as("%s", badUser).isIn(400, 422);
        assertNamesField(badUser, "userId");
        Api.Response badTime = admin.get("/api/v1/accounts/" + fixture.resellerId() + "/audit-events?from=yesterday");
        assertThat(badTime.status()).as("%s", badTime).isIn(400, 422);
        assertNamesField(badTime, "from");
    }

    @Test
    void listFiltersByTypeStatusAndSearch() {
        var top = AccountFixtures.reseller("Filter Top").create(provider);
        Api admin = as(top.adminEmail(), PASSWORD);
        String alpha = AccountFixtures.customer("Northwind Alpha Trading").create(admin).id();
        Api.Response betaCreated = admin.post("/api/v1/accounts", AccountFixtures.customer("northwind BETA supplies")
                .with("admin", Map.of("email", unique("beta") + "@filter.test", "name", "Beta")).body());
        assertThat(betaCreated.status()).isEqualTo(201);
        String beta = betaCreated.text("id");
        var gammaCreated = AccountFixtures.reseller("Gamma Partners").create(admin);
        String gamma = gammaCreated.id();
        String number = "NUM-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String delta = AccountFixtures.customer("Delta Northwind").under(gamma).with("customerNumber", number)
                .create(admin).id();
        String sigma = AccountFixtures.customer("Sigma Suspended").create(admin).id();
        assertThat(admin.post("/api/v1/accounts/" + sigma + "/suspend", null).status()).isEqualTo(200);
        String list = "/api/v1/accounts?under=" + top.id() + "&limit=500";

        assertThat(ids(admin.get(list))).containsExactlyInAnyOrder(alpha, beta, gamma, delta, sigma);
        assertThat(ids(admin.get(list + "&type=RESELLER"))).containsExactly(gamma);
        assertThat(ids(admin.get(list + "&type=CUSTOMER"))).containsExactlyInAnyOrder(alpha, beta, delta, sigma);
        assertThat(ids(admin.get(list + "&status=PENDING"))).containsExactly(beta);
        assertThat(ids(admin.get(list + "&status=SUSPENDED"))).containsExactly(sigma);
        assertThat(ids(admin.get(list + "&status=ACTIVE"))).containsExactlyInAnyOrder(alpha, gamma, delta);
        assertThat(ids(admin.get(list + "&q=NORTHWIND"))).as("name contains, any case")
                .containsExactlyInAnyOrder(alpha, beta, delta);
        assertThat(ids(admin.get(list + "&q=orthwin"))).containsExactlyInAnyOrder(alpha, beta, delta);
        assertThat(ids(admin.get(list + "&q=" + number))).as("exact customer number").containsExactly(delta);
        assertThat(ids(admin.get(list + "&q=" + number.substring(0, 6)))).as("numbers match exactly only")
                .isEmpty();
        assertThat(ids(admin.get(list + "&type=CUSTOMER&status=ACTIVE&q=northwind")))
                .containsExactlyInAnyOrder(alpha, delta);
        assertThat(ids(admin.get(list + "&q=%25"))).as("%% is no wildcard").isEmpty();
        assertThat(ids(admin.get(list + "&q=_"))).as("_ is no wildcard").isEmpty();
        assertThat(ids(admin.get("/api/v1/accounts?under=" + gamma))).containsExactly(delta);

        Api.Response badType = admin.get(list + "&type=PARTNER");
        assertThat(badType.status()).as("%s", badType).isIn(400, 422);
        assertProblem(badType);
        assertNamesField(badType, "type");
        Api.Response badStatus = admin.get(list + "&status=SLEEPING");
        assertThat(badStatus.status()).as("%s", badStatus).isIn(400, 422);
        assertNamesField(badStatus, "status");
        Api.Response longQuery = admin.get(list + "&q=" + LONG);
        assertThat(longQuery.status()).as("%s", longQuery).isIn(400, 422);
        assertNamesField(longQuery, "q");
        Api.Response badUnder = admin.get("/api/v1/accounts?under=not-a-uuid");
        assertThat(badUnder.status()).as("%s", badUnder).isIn(400, 422);
        assertNamesField(badUnder, "under");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Account rules with named problem types

    @Test
    void theResellerDepthCapRefusesDeeperResellers() {
        JsonNode before = provider.get(SETTINGS).json();
        int previous = before.path("maxResellerDepth").asInt();
        try {
            Api.Response capped = provider.patch(SETTINGS, Map.of("maxResellerDepth", 2));
            assertThat(capped.status()).as("%s", capped).isEqualTo(200);
            assertThat(capped.json().path("maxResellerDepth").asInt()).isEqualTo(2);
            assertThat(capped.json().path("enabledResellerModels")).isEqualTo(before.path("enabledResellerModels"));

            var first = AccountFixtures.reseller("Depth One").create(provider);
            var second = AccountFixtures.reseller("Depth Two").under(first.id()).create(provider);
            assertThat(provider.get("/api/v1/accounts/" + second.id()).json().path("level").asInt()).isEqualTo(2);

            Api.Response third = provider.post("/api/v1/accounts",
                    AccountFixtures.reseller("Depth Three").under(second.id()).body());
            assertThat(third.status()).as("%s", third).isEqualTo(422);
            assertProblem(third);
            assertThat(third.text("type")).isEqualTo("urn:cascade:problem:reseller-depth-exceeded");
            Api secondAdmin = as(second.adminEmail(), PASSWORD);
            assertThat(secondAdmin.post("/api/v1/accounts", AccountFixtures.reseller("Depth Three Again").body())
                    .status()).as("also when the level-2 reseller asks itself").isEqualTo(422);

            var customer = AccountFixtures.customer("Depth Customer").under(second.id()).create(provider);
            assertThat(ids(provider.get("/api/v1/accounts?under=" + second.id())))
                    .as("customers are not capped; the refused resellers were not created")
                    .containsExactly(customer.id());

            Api.Response events = provider.get("/api/v1/accounts/" + providerId()
                    + "/audit-events?action=platform.reseller-settings.updated&limit=1");
            assertThat(events.json().path("items").get(0).path("after").path("maxResellerDepth").asInt())
                    .isEqualTo(2);
        } finally {
            Api.Response restored = provider.patch(SETTINGS, Map.of("maxResellerDepth", previous));
            assertThat(restored.status()).as("restore: %s", restored).isEqualTo(200);
        }
    }

    @Test
    void onlyTheProviderChangesPlatformSettings() {
        Api admin = anonymous.withToken(fixture.adminToken());
        String before = provider.get(SETTINGS).body();
        assertThat(admin.get(SETTINGS).status()).as("readable by everyone signed in").isEqualTo(200);
        Api.Response refused = admin.patch(SETTINGS, Map.of("maxResellerDepth", 3));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertProblem(refused);
        assertThat(provider.get(SETTINGS).body()).isEqualTo(before);
    }

    @Test
    void aResellerModelMustBeEnabled() {
        JsonNode before = provider.get(SETTINGS).json();
        List<String> previous = before.path("enabledResellerModels").valueStream().map(JsonNode::asString).toList();
        try {
            Api.Response restricted = provider.patch(SETTINGS, Map.of("enabledResellerModels", List.of("PREPAID")));
            assertThat(restricted.status()).as("%s", restricted).isEqualTo(200);

            String name = unique("Commission Reseller");
            Api.Response refused = provider.post("/api/v1/accounts", AccountFixtures.reseller(name)
                    .with("resellerProfile", Map.of("model", "COMMISSION")).body());
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertProblem(refused);
            assertNamesField(refused, "resellerProfile.model");
            assertThat(searchUnder(provider, providerId(), name)).isEmpty();

            Api.Response prepaid = provider.post("/api/v1/accounts", AccountFixtures.reseller(unique("Prepaid"))
                    .with("resellerProfile", Map.of("model", "PREPAID")).body());
            assertThat(prepaid.status()).as("%s", prepaid).isEqualTo(201);
            assertThat(prepaid.json().path("resellerProfile").path("model").asString()).isEqualTo("PREPAID");
        } finally {
            Api.Response restored = provider.patch(SETTINGS, Map.of("enabledResellerModels", previous));
            assertThat(restored.status()).as("restore: %s", restored).isEqualTo(200);
        }
    }

    @Test
    void customerNumbersAreUniquePerVendor() {
        var first = AccountFixtures.reseller("Number Vendor One").create(provider);
        var second = AccountFixtures.reseller("Number Vendor Two").create(provider);
        String number = "CN-" + UUID.randomUUID().toString().substring(0, 8);

        var taken = AccountFixtures.customer("Number Holder").under(first.id()).with("customerNumber", number)
                .create(provider);
        assertThat(taken.response().text("customerNumber")).isEqualTo(number);

        String name = unique("Number Copycat");
        Api.Response duplicate = provider.post("/api/v1/accounts", AccountFixtures.customer(name).under(first.id())
                .with("customerNumber", number).body());
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(409);
        assertProblem(duplicate);
        assertNamesField(duplicate, "customerNumber");
        assertThat(searchUnder(provider, first.id(), name)).as("nothing created").isEmpty();

        var elsewhere = AccountFixtures.customer("Number Elsewhere").under(second.id())
                .with("customerNumber", number).create(provider);
        assertThat(elsewhere.response().text("customerNumber")).isEqualTo(number);

        var generatedOne = AccountFixtures.customer("Generated One").under(first.id()).create(provider);
        var generatedTwo = AccountFixtures.customer("Generated Two").under(first.id()).create(provider);
        assertThat(generatedOne.response().text("customerNumber")).isNotBlank()
                .isNotEqualTo(generatedTwo.response().text("customerNumber"));

        Api.Response renumber = provider.patch("/api/v1/accounts/" + generatedOne.id(),
                Map.of("customerNumber", number));
        assertThat(renumber.status()).as("%s", renumber).isEqualTo(409);
        assertNamesField(renumber, "customerNumber");
        assertThat(provider.get("/api/v1/accounts/" + generatedOne.id()).text("customerNumber"))
                .isEqualTo(generatedOne.response().text("customerNumber"));
    }

    @Test
    void onlySellersHaveBillableCustomers() {
        // issue 19 (seed 004: "Billable Customers can only be created for Reseller Accounts"): the provider may now
        // have simple customers too; a standard account's customers are simple and never billable
        String name = unique("Simple Provider Customer");
        Api.Response simpleOfProvider = provider.post("/api/v1/accounts", AccountFixtures.customer(name)
                .with("billable", false).body());
        assertThat(simpleOfProvider.status()).as("%s", simpleOfProvider).isEqualTo(201);
        assertThat(simpleOfProvider.json().path("billable").asBoolean(true)).isFalse();

        var reseller = AccountFixtures.reseller("Billable Reseller").create(provider);
        var simple = AccountFixtures.customer("Simple Reseller Customer").under(reseller.id())
                .with("billable", false).create(provider);
        assertThat(simple.response().json().path("billable").asBoolean(true)).isFalse();

        var standard = AccountFixtures.customer("Billable Provider Customer").create(provider);
        assertThat(standard.response().json().path("billable").asBoolean(false)).isTrue();
        String billableName = unique("Billable Department");
        Api.Response billableBelow = provider.post("/api/v1/accounts", AccountFixtures.customer(billableName)
                .under(standard.id()).with("billable", true).body());
        assertThat(billableBelow.status()).as("%s", billableBelow).isEqualTo(422);
        assertProblem(billableBelow);
        assertNamesField(billableBelow, "billable");
        assertThat(searchUnder(provider, standard.id(), billableName)).isEmpty();

        Api.Response madeSimple = provider.patch("/api/v1/accounts/" + simple.id(), Map.of("billable", true));
        assertThat(madeSimple.status()).as("%s", madeSimple).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plumbing of the bad-input matrix

    private Map<String, String> variables(Endpoint endpoint) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("reseller", fixture.resellerId());
        vars.put("customer", fixture.customerId());
        vars.put("patchee", fixture.patcheeId());
        vars.put("signerEmail", fixture.signerEmail());
        vars.put("newEmail", unique("new") + "@manners.test");
        vars.put("roleCode", "ROLE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_'));
        Api admin = anonymous.withToken(fixture.adminToken());
        if (endpoint == Endpoint.ACCEPT_INVITATION) {
            Api.Response invited = admin.post("/api/v1/accounts/" + fixture.resellerId() + "/users",
                    Map.of("email", unique("invitee") + "@manners.test", "name", "Invitee"));
            assertThat(invited.status()).as("%s", invited).isEqualTo(201);
            vars.put("invitation", invited.text("invitationToken"));
            vars.put("invitee", invited.text("id"));
        }
        if (endpoint == Endpoint.CHANGE_PASSWORD) {
            Api.Response user = createUser(admin, fixture.resellerId(), "changer");
            vars.put("changer", user.text("id"));
            vars.put("ownEmailName", user.text("email").split("@")[0]);
            vars.put("changerToken", signIn(user.text("email"), PASSWORD));
        }
        return vars;
    }

    private Api caller(Endpoint endpoint, Map<String, String> vars) {
        return switch (endpoint) {
            case RESELLER_SETTINGS -> provider;
            case SIGN_IN, ACCEPT_INVITATION, REQUEST_PASSWORD_RESET -> anonymous;
            case CHANGE_PASSWORD -> anonymous.withToken(vars.get("changerToken"));
            default -> anonymous.withToken(fixture.adminToken());
        };
    }

    /** What the endpoint could have changed, plus the newest audit event of the fixture's subtree. */
    private Object snapshot(Endpoint endpoint, Map<String, String> vars) {
        Api admin = anonymous.withToken(fixture.adminToken());
        String reseller = "/api/v1/accounts/" + fixture.resellerId();
        Object state = switch (endpoint) {
            case CREATE_ACCOUNT -> ids(admin.get("/api/v1/accounts?limit=500"));
            case PATCH_ACCOUNT -> admin.get("/api/v1/accounts/" + fixture.customerId()).body();
            case CREATE_USER -> admin.get(reseller + "/users?limit=500").body();
            case PATCH_USER -> admin.get("/api/v1/users/" + fixture.patcheeId()).body();
            case CREATE_ROLE -> admin.get(reseller + "/roles").body();
            case RESELLER_SETTINGS -> provider.get(SETTINGS).body();
            case SIGN_IN -> ids(admin.get("/api/v1/users/" + fixture.signerId() + "/tokens"));
            case ACCEPT_INVITATION -> admin.get("/api/v1/users/" + vars.get("invitee")).body();
            case REQUEST_PASSWORD_RESET -> jdbc.sql("SELECT count(*) FROM password_reset WHERE user_id = :id")
                    .param("id", UUID.fromString(fixture.signerId())).query(Long.class).single();
            case CHANGE_PASSWORD -> jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id")
                    .param("id", UUID.fromString(vars.get("changer"))).query(String.class).single();
        };
        String audit = endpoint == Endpoint.RESELLER_SETTINGS
                ? provider.get("/api/v1/accounts/" + providerId()
                + "/audit-events?action=platform.reseller-settings.updated&limit=1").body()
                : admin.get(reseller + "/audit-events?limit=1").body();
        return List.of(state, audit);
    }

    private void restoreSettings(String settingsBefore) {
        String now = provider.get(SETTINGS).body();
        if (!now.equals(settingsBefore)) {
            provider.send("PATCH", SETTINGS, settingsBefore, "application/merge-patch+json");
        }
    }

    private static BadInput raw(Endpoint endpoint, String label, String body) {
        return new BadInput(endpoint, label, endpoint.path, body, contentType(endpoint), null, Set.of(400, 422));
    }

    private static BadInput edit(Endpoint endpoint, String label, String path, Object value, String field) {
        return new BadInput(endpoint, label, endpoint.path, body(endpoint, path, value), contentType(endpoint),
                field, Set.of(400, 422));
    }

    private static BadInput editAll(Endpoint endpoint, String label, Map<String, Object> edits, String field) {
        Map<String, Object> body = endpoint.valid.get();
        edits.forEach((path, value) -> set(body, path, value));
        return new BadInput(endpoint, label, endpoint.path, Api.JSON.writeValueAsString(body), contentType(endpoint),
                field, Set.of(400, 422));
    }

    private static String body(Endpoint endpoint, String path, Object value) {
        Map<String, Object> body = endpoint.valid.get();
        set(body, path, value);
        return Api.JSON.writeValueAsString(body);
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> body, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            if (value == ABSENT) {
                body.remove(path);
            } else {
                body.put(path, value);
            }
            return;
        }
        Object nested = body.get(path.substring(0, dot));
        Map<String, Object> child = nested instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
        set(child, path.substring(dot + 1), value);
        body.put(path.substring(0, dot), child);
    }

    private static String contentType(Endpoint endpoint) {
        return endpoint.method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
    }

    private static String substitute(String text, Map<String, String> vars) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (var entry : vars.entrySet()) {
            result = result.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }

    /** A map that keeps insertion order and allows null values (for merge patches that remove). */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> listOfNull() {
        List<Object> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private List<String> pageThrough(String list, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = provider.get(list + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(limit);
            seen.addAll(ids(page));
            cursor = page.text("nextCursor");
            assertThat(++pages).as("paging ends").isLessThan(200);
        } while (cursor != null);
        return seen;
    }

    private static List<String> searchUnder(Api api, String under, String name) {
        return ids(api.get("/api/v1/accounts?limit=500&under=" + under + "&q="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)));
    }

    private static Api.Response createUser(Api admin, String accountId, String prefix) {
        Api.Response created = admin.post("/api/v1/accounts/" + accountId + "/users",
                Map.of("email", unique(prefix) + "@manners.test", "name", prefix, "password", PASSWORD,
                        "roles", List.of("READ_ONLY")));
        assertThat(created.status()).as("create %s: %s", prefix, created).isEqualTo(201);
        return created;
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().path("items").valueStream().map(i -> i.path("id").asString()).toList();
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static List<String> errorFields(Api.Response response) {
        return response.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }

    private static void assertNamesField(Api.Response response, String field) {
        assertThat(response.json().path("errors").isArray()).as("errors array in %s", response).isTrue();
        assertThat(errorFields(response)).as("errors of %s", response)
                .anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "["));
    }

    private static void assertProblem(Api.Response response) {
        assertThat(response.header("Content-Type")).as("content type of %s", response)
                .startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("status in %s", response).isEqualTo(response.status());
        assertThat(problem.path("type").asString()).as("type in %s", response).startsWith("urn:cascade:problem:");
        assertThat(problem.path("title").asString()).as("title in %s", response).isNotBlank();
        assertThat(response.body()).as("no stack trace in %s", response)
                .doesNotContain("Exception", "\tat ", "\\tat ");
        assertThat(response.body()).as("no internal class names in %s", response)
                .doesNotContain("io.cascade.", "tools.jackson", "java.lang", "java.util");
    }
}
