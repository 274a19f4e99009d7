package io.cascade.platform;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures found from outside (issue 15 §2): each once answered 500, a framework's own body, or accepted what it should
 * have refused, or did something before refusing.
 */
class EdgesIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Autowired
    private Environment environment;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    // ---------------------------------------------------------------------------------------- 406 before acting

    @Test
    void aWriteThatCannotBeAnsweredInTheAcceptedTypeIsRefusedBeforeItRuns() {
        String name = unique("Accept Csv");
        Api csv = provider.withHeader("Accept", "text/csv");
        Api.Response refused = csv.post("/api/v1/accounts", AccountFixtures.customer(name).body());
        assertThat(refused.status()).as("%s", refused).isEqualTo(406);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "not-acceptable");
        assertThat(accountsNamed(name)).as("nothing was created").isZero();

        // with an Idempotency-Key the 406 is not stored: the same key then runs the request for real, once
        String key = unique("accept");
        Api.Response keyed = csv.withHeader("Idempotency-Key", key).post("/api/v1/accounts",
                AccountFixtures.customer(name).body());
        assertThat(keyed.status()).as("%s", keyed).isEqualTo(406);
        assertThat(accountsNamed(name)).isZero();
        Api.Response created = provider.withHeader("Idempotency-Key", key).post("/api/v1/accounts",
                AccountFixtures.customer(name).body());
        assertThat(created.status()).as("the key was not used up by the 406: %s", created).isEqualTo(201);
        assertThat(created.header("Idempotent-Replayed")).isNull();
        assertThat(accountsNamed(name)).isEqualTo(1);

        // JSON-compatible and wildcard Accept headers still work
        Api.Response wildcard = provider.withHeader("Accept", "*/*").post("/api/v1/accounts",
                AccountFixtures.customer(unique("Accept Any")).body());
        assertThat(wildcard.status()).as("%s", wildcard).isEqualTo(201);
    }

    /**
     * Every write of the API that answers a body refuses an Accept it cannot answer before it runs: with random ids in
     * the path it answers 406, not the 404 its controller would give, so nothing of it ran.
     */
    @Test
    void everyWriteWithABodyRefusesAnUnanswerableAcceptFirst() {
        Api csv = provider.withHeader("Accept", "text/csv");
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            var info = entry.getKey();
            var returned = org.springframework.core.ResolvableType.forMethodParameter(
                    entry.getValue().getReturnType());
            Class<?> body = org.springframework.http.HttpEntity.class.isAssignableFrom(returned.toClass())
                    ? returned.as(org.springframework.http.HttpEntity.class).getGeneric(0).toClass() : returned.toClass();
            if (info.getPathPatternsCondition() == null || body == void.class || body == Void.class) {
                continue;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    if (!pattern.startsWith("/api/v1/") || method.name().equals("GET")) {
                        continue;
                    }
                    String path = pattern.replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
                    var consumes = info.getConsumesCondition().getConsumableMediaTypes();
                    String type = consumes.isEmpty() ? "application/json" : consumes.iterator().next().toString();
                    Api.Response answer = csv.send(method.name(), path, type.contains("json") ? "{}" : "x", type);
                    assertThat(answer.status()).as("%s %s with Accept: text/csv: %s", method, pattern, answer)
                            .isEqualTo(406);
                    checked++;
                }
            }
        }
        assertThat(checked).as("write operations answering a body").isGreaterThanOrEqualTo(20);
    }

    @Test
    void signInThatCannotBeAnsweredCreatesNoToken() {
        var reseller = AccountFixtures.reseller(unique("Accept Sign In")).create(provider);
        Api admin = as(reseller.adminEmail(), PASSWORD);
        String adminId = admin.get("/api/v1/me").json().path("user").path("id").asString();
        int before = admin.get("/api/v1/users/" + adminId + "/tokens").json().path("items").size();
        Api.Response refused = anonymous.withHeader("Accept", "text/html").post("/api/v1/auth/tokens",
                Map.of("email", reseller.adminEmail(), "password", PASSWORD));
        assertThat(refused.status()).as("%s", refused).isEqualTo(406);
        assertThat(refused.body()).doesNotContain("token\"");
        assertThat(admin.get("/api/v1/users/" + adminId + "/tokens").json().path("items").size())
                .as("no token nobody sees").isEqualTo(before);
    }

    @Test
    void mergePatchBodiesAreForPatchOnly() {
        String name = unique("Merge Post");
        Api.Response post = provider.send("POST", "/api/v1/accounts",
                Api.JSON.writeValueAsString(AccountFixtures.customer(name).body()), "application/merge-patch+json");
        assertThat(post.status()).as("%s", post).isEqualTo(415);
        assertThat(post.text("type")).isEqualTo(PROBLEM + "unsupported-media-type");
        assertThat(accountsNamed(name)).isZero();
        var reseller = AccountFixtures.reseller(unique("Merge Put")).create(provider);
        Api.Response put = provider.send("PUT", "/api/v1/accounts/" + reseller.id() + "/billing-settings",
                "{\"invoicePrefix\": \"MP\"}", "application/merge-patch+json");
        assertThat(put.status()).as("%s", put).isEqualTo(415);
        Api.Response patch = provider.send("PATCH", "/api/v1/accounts/" + reseller.id(),
                "{\"phone\": \"+49 30 1234\"}", "application/merge-patch+json");
        assertThat(patch.status()).as("PATCH still takes merge patches: %s", patch).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------- 400, never 500

    @Test
    void brokenPercentEncodingInTheQueryIsBadInput() throws IOException {
        for (String query : List.of("x=%ZZ", "x=%", "limit=%C3", "q=%E0%A4")) {
            Raw get = raw("GET /api/v1/accounts?" + query + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + provider.token() + "\r\nConnection: close\r\n\r\n");
            assertThat(get.status()).as("GET ?%s: %s", query, get).isEqualTo(400);
            assertThat(Api.JSON.readTree(get.body()).path("type").asString()).isEqualTo(PROBLEM + "malformed-request");
        }
        String name = unique("Pct");
        String body = Api.JSON.writeValueAsString(AccountFixtures.customer(name).body());
        Raw post = raw("POST /api/v1/accounts?x=%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + provider.token() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(post.status()).as("%s", post).isEqualTo(400);
        assertThat(accountsNamed(name)).isZero();
        assertThat(provider.get("/api/v1/accounts?q=%C3%A9").status()).as("valid UTF-8 still works").isEqualTo(200);
    }

    @Test
    void theErrorPathIsNoResourceAndFrameworkRejectionsAreProblems() throws IOException {
        Api.Response error = provider.get("/error");
        assertThat(error.status()).as("%s", error).isEqualTo(404);
        assertThat(error.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.get("/error").status()).isEqualTo(404);

        for (String path : List.of("/api/v1//accounts", "/api/v1/accounts/%2e%2e/me", "/api/v1/./me",
                "/api/v1/accounts;x=1")) {
            Raw raw = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    + "Authorization: Bearer " + provider.token() + "\r\nConnection: close\r\n\r\n");
            assertThat(raw.status()).as("%s: %s", path, raw).isEqualTo(400);
            assertThat(raw.head()).as("%s: %s", path, raw).containsIgnoringCase("application/problem+json");
            assertThat(Api.JSON.readTree(raw.body()).path("type").asString()).isEqualTo(PROBLEM + "bad-request");
        }
        Raw slash = raw("GET /api/v1/accounts%2Fx HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(slash.status()).as("%s", slash).isEqualTo(400);
        assertThat(slash.head()).as("%s", slash).containsIgnoringCase("application/problem+json");

        Raw big = raw("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(big.status()).as("%s", big).isIn(400, 431);
        assertThat(big.head()).as("Tomcat's own refusal: %s", big).containsIgnoringCase("application/problem+json");
        Raw longLine = raw("GET /api/v1/me?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(longLine.status()).as("%s", longLine).isIn(400, 414);
        assertThat(longLine.head()).as("%s", longLine).containsIgnoringCase("application/problem+json");
    }

    @Test
    void aMarginPeriodBeyondTheCalendarIsBadInput() {
        var reseller = AccountFixtures.reseller(unique("Margin Period")).create(provider);
        for (String period : List.of("%2B999999999-12", "-0001-12", "99999-01", "2026-13")) {
            Api.Response answer = provider.get("/api/v1/accounts/" + reseller.id() + "/margin?period=" + period);
            assertThat(answer.status()).as("period=%s: %s", period, answer).isIn(400, 422);
            assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("period");
        }
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/margin?period=2026-01").status())
                .isEqualTo(200);
    }

    @Test
    void aNullSimUsageRecordIsReportedNotA500() {
        Api.Response answer = provider.send("POST", "/api/v1/assets/usage", "{\"records\": [null]}",
                "application/json");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("accepted").asInt()).isZero();
        assertThat(answer.json().path("rejected").get(0).path("index").asInt()).isZero();
    }

    // ---------------------------------------------------------------------------------------- accepted though invalid

    @Test
    void aKeyGivenTwiceIsRefused() {
        String name = unique("Twice");
        String body = """
                {"type": "CUSTOMER", "type": "RESELLER", "companyName": "%s",
                 "admin": {"email": "%s@twice.test", "name": "Twice", "password": "%s"}}"""
                .formatted(name, unique("twice"), PASSWORD);
        Api.Response answer = provider.send("POST", "/api/v1/accounts", body, "application/json");
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.text("type")).isEqualTo(PROBLEM + "invalid-input");
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("type");
        assertThat(accountsNamed(name)).isZero();

        Api.Response nested = provider.send("POST", "/api/v1/accounts", """
                {"type": "CUSTOMER", "companyName": "%s",
                 "admin": {"email": "a@twice.test", "email": "b@twice.test", "name": "Twice"}}""".formatted(name),
                "application/json");
        assertThat(nested.status()).as("%s", nested).isEqualTo(400);
        assertThat(nested.json().path("errors").get(0).path("field").asString()).isEqualTo("admin.email");
        assertThat(accountsNamed(name)).isZero();
    }

    @Test
    void enumValuesAreMatchedExactly() {
        String name = unique("Spaced Enum");
        Map<String, Object> body = new java.util.LinkedHashMap<>(AccountFixtures.customer(name).body());
        body.put("type", "CUSTOMER ");
        Api.Response answer = provider.post("/api/v1/accounts", body);
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("type");
        assertThat(accountsNamed(name)).isZero();
        for (String type : List.of("CUSTOMER%20", "%20CUSTOMER", "customer")) {
            Api.Response list = provider.get("/api/v1/accounts?type=" + type);
            assertThat(list.status()).as("?type=%s: %s", type, list).isEqualTo(400);
            assertThat(list.json().path("errors").get(0).path("field").asString()).isEqualTo("type");
        }
        assertThat(provider.get("/api/v1/accounts?type=CUSTOMER").status()).isEqualTo(200);
    }

    @Test
    void aMergePatchNamingAnUnknownFieldWithNullIsRefused() {
        var customer = AccountFixtures.customer(unique("Null Patch")).create(provider);
        Api.Response answer = provider.send("PATCH", "/api/v1/accounts/" + customer.id(), "{\"colour\": null}",
                "application/merge-patch+json");
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("colour");
        Api.Response known = provider.send("PATCH", "/api/v1/accounts/" + customer.id(), "{\"homepage\": null}",
                "application/merge-patch+json");
        assertThat(known.status()).as("a known field may be cleared: %s", known).isEqualTo(200);
    }

    @Test
    void numbersAndTimestampsInTheQueryAreStrict() {
        for (String limit : List.of("0x10", "%2310", "%2B16", "%2016", "1e1", "010.0")) {
            Api.Response answer = provider.get("/api/v1/accounts?limit=" + limit);
            assertThat(answer.status()).as("limit=%s: %s", limit, answer).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
        }
        assertThat(provider.get("/api/v1/accounts?limit=16").status()).isEqualTo(200);
        String audit = "/api/v1/accounts/" + providerId() + "/audit-events?";
        for (String bound : List.of("from=1700000000000", "to=0", "from=2026-12-01")) {
            Api.Response answer = provider.get(audit + bound);
            assertThat(answer.status()).as("%s: %s", bound, answer).isEqualTo(400);
        }
        assertThat(provider.get(audit + "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00%2B01:00").status())
                .isEqualTo(200);
    }

    @Test
    void usageFromBeforeTheYear2000IsRefused() {
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Old Usage")).customer("Old Usage Customer")
                .build();
        for (String at : List.of("0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z")) {
            Api.Response answer = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(Map.of(
                    "id", unique("old"), "subscriptionId", tree.subscriptionId(), "resourceType",
                    tree.mail().metered(), "quantity", 1, "at", at))));
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.json().path("accepted").asInt()).as("at %s: %s", at, answer).isZero();
            assertThat(answer.json().path("rejected").get(0).path("errors").get(0).path("field").asString())
                    .isEqualTo("at");
        }
    }

    // ---------------------------------------------------------------------------------------- usage ids per submitter

    @Test
    void aCustomerCannotClaimTheRecordIdsItsVendorWillUse() {
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Claim Vendor")).customer("Claimer")
                .build();
        String at = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String id = "sim:8949000000000000001:" + unique("r");
        Map<String, Object> claim = Map.of("records", List.of(Map.of("id", id, "subscriptionId",
                tree.subscriptionId(), "resourceType", tree.mail().metered(), "quantity", 0, "at", at)));
        Api.Response claimed = tree.customer().post("/api/v1/usage", claim);
        assertThat(claimed.json().path("accepted").asInt()).as("%s", claimed).isEqualTo(1);

        Map<String, Object> real = Map.of("records", List.of(Map.of("id", id, "subscriptionId",
                tree.subscriptionId(), "resourceType", tree.mail().metered(), "quantity", 7, "at", at)));
        Api.Response vendor = tree.reseller().post("/api/v1/usage", real);
        assertThat(vendor.json().path("accepted").asInt()).as("the vendor's record is its own: %s", vendor)
                .isEqualTo(1);
        assertThat(vendor.json().path("duplicates").asInt()).isZero();
        Api.Response retry = tree.reseller().post("/api/v1/usage", real);
        assertThat(retry.json().path("duplicates").asInt()).as("its own retry is a duplicate: %s", retry)
                .isEqualTo(1);
        Api.Response customerRetry = tree.customer().post("/api/v1/usage", claim);
        assertThat(customerRetry.json().path("duplicates").asInt()).isEqualTo(1);

        JsonNode totals = tree.reseller().get("/api/v1/accounts/" + tree.customerId() + "/usage").json()
                .path("totals");
        assertThat(totals.valueStream().filter(t -> t.path("resourceType").asString().equals(tree.mail().metered()))
                .findFirst().orElseThrow().path("quantity").decimalValue()).isEqualByComparingTo("7");
    }

    // ---------------------------------------------------------------------------------------- helpers

    private int accountsNamed(String name) {
        return provider.get("/api/v1/accounts?limit=500&q=" + name.replace(" ", "%20")).json().path("items").size();
    }

    record Raw(int status, String head, String body) {
    }

    /** Sends bytes exactly as given (no client normalises the path) and reads the whole answer. */
    private Raw raw(String request) throws IOException {
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String head = split < 0 ? answer : answer.substring(0, split);
            String body = split < 0 ? "" : answer.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
