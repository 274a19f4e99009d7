package io.cascade.catalog;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md's bad-input rule for every write endpoint of the catalog issue: malformed JSON, wrong types, unknown enum
 * values, over-long strings, unknown fields and invalid ids answer 400 or 422 with a problem naming the field —
 * never a 500, never a stack trace — and write nothing. Also the plan transitions from the wrong state.
 */
class CatalogBadInputIT extends IntegrationTest {
    private static final String LONG = "x".repeat(5000);
    private static final Object ABSENT = new Object();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    /** Shared by all cases; each case checks that it wrote nothing. */
    private static Fixture fixture;
    /** Per endpoint, the state its last bad-input case found after its call. */
    private static final Map<Endpoint, Object> lastSeen = new EnumMap<>(Endpoint.class);

    private record Fixture(String resellerId, String resellerToken, String counted, String metered,
                           String draftPlan, String retailPlan, String retiredPlan, String customerId,
                           String subscriptionId, String holdingId, String commissionId, String offerablePlan) {
    }

    @BeforeEach
    void fixture() {
        if (fixture != null) {
            return;
        }
        var mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named("Bad Input Catalog Reseller").mail(mail)
                .customer("Bad Input Catalog Customer").ordering(mail.counted(), 2).build();
        Api api = tree.reseller();
        String retired = CatalogFixtures.publishedPlan(api, tree.resellerId(), "END_CUSTOMER", "5.00", List.of(
                resource(mail.counted(), 1, 10, "HARD", "2.00", null)));
        assertThat(api.post("/api/v1/plans/" + retired + "/retire", null).status()).isEqualTo(200);
        String draft = CatalogFixtures.draftPlan(api, tree.resellerId(), Map.of("name", "Bad input draft",
                "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "resources", List.of(resource(mail.counted(), 1, 10, "HARD", "2.00", null))));
        var commission = AccountFixtures.reseller("Bad Input Commission")
                .with("resellerProfile", Map.of("model", "COMMISSION")).create(provider);
        String offerable = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "7.00", List.of(
                resource(mail.counted(), 1, 10, "HARD", "2.00", null)));
        fixture = new Fixture(tree.resellerId(), api.token(), mail.counted(), mail.metered(), draft, tree.planId(),
                retired, tree.customerId(), tree.subscriptionId(), tree.holdingId(), commission.id(), offerable);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The endpoints and a valid body for each ({placeholders} are filled from the fixture)

    enum Endpoint {
        CREATE_SERVICE("POST", "/api/v1/services", true, () -> obj("code", "{newCode}", "name", "Bad input service",
                "adapter", "manual", "adapterConfig", obj(),
                "resourceTypes", list(obj("code", "{newCode}-unit", "name", "Unit", "unit", "count")))),
        CREATE_PLAN("POST", "/api/v1/accounts/{reseller}/plans", true, () -> obj("name", "Bad input plan",
                "description", "A plan", "audience", "END_CUSTOMER", "billingPeriod", "MONTHLY",
                "setupFee", money("1.00"), "recurringFee", money("5.00"),
                "resources", list(obj("resourceType", "{counted}", "included", 1, "limit", 10, "limitType", "HARD",
                        "unitPrice", money("2.00"))))),
        PATCH_DRAFT("PATCH", "/api/v1/plans/{draftPlan}", true, () -> obj("name", "Renamed by bad input",
                "resources", list(obj("resourceType", "{counted}", "included", 1, "limit", 10, "limitType", "HARD",
                        "unitPrice", money("2.00"))))),
        PATCH_PUBLISHED("PATCH", "/api/v1/plans/{retailPlan}", true, () -> obj("effectiveFrom",
                TODAY.plusDays(5).toString(), "resources", list(
                        obj("resourceType", "{counted}", "included", 1, "limit", 10, "limitType", "HARD",
                                "unitPrice", money("2.50")),
                        obj("resourceType", "{metered}", "included", 0, "limitType", "SOFT",
                                "usagePrice", money("0.20"))))),
        OFFER("POST", "/api/v1/accounts/{commission}/offerings", true, () -> obj("planId", "{offerablePlan}",
                "commissionPercent", 10)),
        SUBSCRIBE("POST", "/api/v1/accounts/{customer}/subscriptions", true, () -> obj("planId", "{retailPlan}",
                "startDate", TODAY.toString(), "resources", list(obj("resourceType", "{counted}", "quantity", 1)))),
        CHANGE("POST", "/api/v1/subscriptions/{subscription}/change", true, () -> obj("resources",
                list(obj("resourceType", "{counted}", "quantity", 3)), "effectiveDate", TODAY.toString())),
        SUSPEND("POST", "/api/v1/subscriptions/{subscription}/suspend", false,
                () -> obj("effectiveDate", TODAY.plusDays(30).toString())),
        RESUME("POST", "/api/v1/subscriptions/{subscription}/resume", false,
                () -> obj("effectiveDate", TODAY.plusDays(30).toString())),
        CANCEL("POST", "/api/v1/subscriptions/{subscription}/cancel", false,
                () -> obj("effectiveDate", TODAY.plusDays(30).toString())),
        USAGE("POST", "/api/v1/usage", true, () -> obj("records", list(obj("id", "{newCode}",
                "subscriptionId", "{subscription}", "resourceType", "{metered}", "quantity", 1,
                "at", Instant.now().minusSeconds(3600).toString()))));

        final String method;
        final String path;
        /** false: the body is optional, so an empty body or {@code null} is a valid request without one. */
        final boolean bodyRequired;
        final Supplier<Map<String, Object>> valid;

        Endpoint(String method, String path, boolean bodyRequired, Supplier<Map<String, Object>> valid) {
            this.method = method;
            this.path = path;
            this.bodyRequired = bodyRequired;
            this.valid = valid;
        }
    }

    record BadInput(Endpoint endpoint, String label, String body, String field, Set<Integer> statuses) {
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
            cases.add(raw(e, "a JSON array instead of an object", "[]"));
            cases.add(raw(e, "a JSON string instead of an object", "\"text\""));
            cases.add(raw(e, "a JSON number instead of an object", "42"));
            if (e.bodyRequired) {
                cases.add(raw(e, "empty body", ""));
                cases.add(raw(e, "literal null", "null"));
            }
            cases.add(edit(e, "an unknown field", b -> b.put("bogusField", true), "bogusField"));
        }

        Endpoint e = Endpoint.CREATE_SERVICE;
        cases.add(set(e, "code missing", "code", ABSENT, "code"));
        cases.add(set(e, "code blank", "code", " ", "code"));
        cases.add(set(e, "code upper case", "code", "MAIL-{newCode}", "code"));
        cases.add(set(e, "code over-long", "code", "a" + LONG, "code"));
        cases.add(set(e, "code a number", "code", 42, "code"));
        cases.add(set(e, "name missing", "name", ABSENT, "name"));
        cases.add(set(e, "name over-long", "name", LONG, "name"));
        cases.add(set(e, "name an object", "name", obj("a", 1), "name"));
        cases.add(set(e, "adapter unknown", "adapter", "teleport", "adapter"));
        cases.add(set(e, "adapter missing", "adapter", ABSENT, "adapter"));
        cases.add(set(e, "adapter a number", "adapter", 3, "adapter"));
        cases.add(set(e, "adapterConfig a string", "adapterConfig", "url=x", "adapterConfig"));
        cases.add(set(e, "adapterConfig with 51 keys", "adapterConfig", manyKeys(51), "adapterConfig"));
        cases.add(set(e, "adapterConfig with a key the adapter does not have", "adapterConfig",
                obj("url", "https://x.test"), "adapterConfig.url"));
        cases.add(set(e, "resourceTypes missing", "resourceTypes", ABSENT, "resourceTypes"));
        cases.add(set(e, "resourceTypes empty", "resourceTypes", List.of(), "resourceTypes"));
        cases.add(set(e, "resourceTypes a string", "resourceTypes", "mailbox", "resourceTypes"));
        cases.add(set(e, "resourceTypes with null", "resourceTypes", listOfNull(), "resourceTypes"));
        cases.add(set(e, "resourceTypes[0].code upper case", "resourceTypes",
                list(obj("code", "BOX", "name", "Box", "unit", "count")), "resourceTypes[0].code"));
        cases.add(set(e, "resourceTypes[0].unit over-long", "resourceTypes",
                list(obj("code", "{newCode}-unit", "name", "Box", "unit", LONG)), "resourceTypes[0].unit"));
        cases.add(set(e, "resourceTypes[0].name missing", "resourceTypes",
                list(obj("code", "{newCode}-unit", "unit", "count")), "resourceTypes[0].name"));
        cases.add(set(e, "resourceTypes[0] with an unknown field", "resourceTypes",
                list(obj("code", "{newCode}-unit", "name", "Box", "unit", "count", "price", 1)),
                "resourceTypes[0].price"));
        cases.add(set(e, "resourceTypes[0].metered a word", "resourceTypes",
                list(obj("code", "{newCode}-unit", "name", "Box", "unit", "count", "metered", "often")),
                "resourceTypes[0].metered"));
        cases.add(set(e, "resourceTypes with a duplicate code", "resourceTypes",
                list(obj("code", "{newCode}-unit", "name", "A", "unit", "count"),
                        obj("code", "{newCode}-unit", "name", "B", "unit", "count")), "resourceTypes[1].code"));

        for (Endpoint plan : List.of(Endpoint.CREATE_PLAN, Endpoint.PATCH_DRAFT)) {
            boolean patch = plan == Endpoint.PATCH_DRAFT;
            cases.add(set(plan, "name over-long", "name", LONG, "name"));
            cases.add(set(plan, "name blank", "name", "", "name"));
            cases.add(set(plan, "name a number", "name", 42, "name"));
            cases.add(set(plan, "description over-long", "description", LONG, "description"));
            cases.add(set(plan, "audience unknown", "audience", "EVERYONE", "audience"));
            cases.add(set(plan, "audience a number", "audience", 1, "audience"));
            cases.add(set(plan, "billingPeriod unknown", "billingPeriod", "WEEKLY", "billingPeriod"));
            cases.add(set(plan, "setupFee a string", "setupFee", "10.00", "setupFee"));
            cases.add(set(plan, "setupFee amount not a number", "setupFee", obj("amount", "lots", "currency", "EUR"),
                    "setupFee.amount"));
            cases.add(set(plan, "setupFee currency unknown", "setupFee", obj("amount", "1.00", "currency", "ZZZ"),
                    "setupFee.currency"));
            cases.add(set(plan, "setupFee in another currency than the vendor's", "setupFee",
                    obj("amount", "1.00", "currency", "USD"), "setupFee.currency"));
            cases.add(set(plan, "setupFee negative", "setupFee", money("-1.00"), "setupFee"));
            cases.add(set(plan, "recurringFee amount huge", "recurringFee", money("1" + "0".repeat(30)),
                    "recurringFee"));
            if (!patch) { // in a merge patch, {"amount": ...} keeps the current currency
                cases.add(set(plan, "recurringFee without currency", "recurringFee", obj("amount", "1.00"),
                        "recurringFee"));
            }
            cases.add(set(plan, "pricing rule unknown", "pricing", obj("rule", "DISCOUNT"), "pricing.rule"));
            cases.add(set(plan, "pricing MARKUP_PERCENT without value", "pricing", obj("rule", "MARKUP_PERCENT"),
                    "pricing.value"));
            cases.add(set(plan, "pricing value out of range", "pricing",
                    obj("rule", "FIXED", "value", 1e15), "pricing.value"));
            cases.add(set(plan, "pricing value a string", "pricing", obj("rule", "FIXED", "value", "much"),
                    "pricing.value"));
            cases.add(set(plan, "resources empty", "resources", List.of(), "resources"));
            cases.add(set(plan, "resources a string", "resources", "mailbox", "resources"));
            cases.add(set(plan, "resources with null", "resources", listOfNull(), "resources"));
            cases.add(set(plan, "resources over 50", "resources", manyResources(51), "resources"));
            cases.add(resourceEdit(plan, "resourceType unknown", "resourceType", "no-such-type",
                    "resources[0].resourceType"));
            cases.add(resourceEdit(plan, "resourceType over-long", "resourceType", LONG, "resources[0].resourceType"));
            cases.add(resourceEdit(plan, "resourceType missing", "resourceType", ABSENT, "resources[0].resourceType"));
            cases.add(resourceEdit(plan, "included negative", "included", -1, "resources[0].included"));
            cases.add(resourceEdit(plan, "included a word", "included", "many", "resources[0].included"));
            cases.add(resourceEdit(plan, "included with 5 decimals", "included", 1.00001, "resources[0].included"));
            cases.add(resourceEdit(plan, "limit below included", "limit", 0.5, "resources[0].limit"));
            cases.add(resourceEdit(plan, "limitType unknown", "limitType", "FIRM", "resources[0].limitType"));
            cases.add(resourceEdit(plan, "HARD limit without a limit", "limit", ABSENT, "resources[0].limit"));
            cases.add(resourceEdit(plan, "unitPrice amount not a number", "unitPrice",
                    obj("amount", "cheap", "currency", "EUR"), "resources[0].unitPrice"));
            cases.add(resourceEdit(plan, "unitPrice negative", "unitPrice", money("-2.00"), "resources[0]"));
            cases.add(resourceEdit(plan, "unitPrice in USD", "unitPrice", money("2.00", "USD"),
                    "resources[0].unitPrice.currency"));
            cases.add(resourceEdit(plan, "resource with an unknown field", "colour", "red", "resources[0].colour"));
            // no usage is reported for a counted type, so its usage price could never be charged
            cases.add(resourceEdit(plan, "usagePrice on a type that is not metered", "usagePrice", money("0.10"),
                    "resources[0].usagePrice"));
            cases.add(edit(plan, "a resource type twice", b -> b.put("resources", list(
                    obj("resourceType", "{counted}", "included", 1, "limit", 10, "limitType", "HARD"),
                    obj("resourceType", "{counted}", "included", 1, "limit", 10, "limitType", "HARD"))),
                    "resources[1].resourceType"));
            cases.add(edit(plan, "derived pricing with fixed prices", b -> {
                b.put("pricing", obj("rule", "MARKUP_PERCENT", "value", 10));
                b.put("resources", list(obj("resourceType", "{counted}", "included", 1, "limit", 10,
                        "limitType", "HARD", "unitPrice", money("2.00"))));
            }, "resources[0]"));
            cases.add(set(plan, "allowBelowCost a string", "allowBelowCost", "yes", "allowBelowCost"));
            if (patch) {
                for (String readOnly : List.of("id", "vendorId", "status", "currency", "createdAt", "upcomingPrices")) {
                    cases.add(set(plan, "read-only field " + readOnly, readOnly, "X", readOnly));
                }
                cases.add(set(plan, "name removed", "name", null, "name"));
                cases.add(set(plan, "audience removed", "audience", null, "audience"));
                cases.add(set(plan, "pricing removed", "pricing", null, "pricing"));
                cases.add(set(plan, "resources removed", "resources", null, "resources"));
                cases.add(set(plan, "effectiveFrom on a draft", "effectiveFrom", TODAY.plusDays(1).toString(),
                        "effectiveFrom"));
                cases.add(set(plan, "effectiveFrom not a date", "effectiveFrom", "soon", "effectiveFrom"));
            } else {
                cases.add(set(plan, "name missing", "name", ABSENT, "name"));
                cases.add(set(plan, "audience missing", "audience", ABSENT, "audience"));
                cases.add(set(plan, "billingPeriod missing", "billingPeriod", ABSENT, "billingPeriod"));
                cases.add(set(plan, "resources missing", "resources", ABSENT, "resources"));
                cases.add(set(plan, "effectiveFrom (not a field of a new plan)", "effectiveFrom",
                        TODAY.toString(), "effectiveFrom"));
            }
        }

        e = Endpoint.PATCH_PUBLISHED;
        cases.add(set(e, "a price change without effectiveFrom", "effectiveFrom", ABSENT, "effectiveFrom"));
        cases.add(set(e, "effectiveFrom yesterday", "effectiveFrom", TODAY.minusDays(1).toString(), "effectiveFrom"));
        cases.add(set(e, "effectiveFrom not a date", "effectiveFrom", "2026-02-30", "effectiveFrom"));
        cases.add(set(e, "effectiveFrom a number", "effectiveFrom", 20260101, "effectiveFrom"));
        cases.add(resourceEdit(e, "a limit of a published plan", "limit", 20, "resources"));
        cases.add(resourceEdit(e, "included of a published plan", "included", 2, "resources"));
        cases.add(set(e, "audience of a published plan", "audience", "RESELLER", "audience"));
        cases.add(set(e, "billingPeriod of a published plan", "billingPeriod", "YEARLY", "billingPeriod"));
        cases.add(set(e, "name removed", "name", null, "name"));
        cases.add(set(e, "unknown enum audience", "audience", "EVERYONE", "audience"));

        e = Endpoint.OFFER;
        cases.add(set(e, "planId missing", "planId", ABSENT, "planId"));
        cases.add(set(e, "planId not a UUID", "planId", "not-a-uuid", "planId"));
        cases.add(set(e, "planId a number", "planId", 7, "planId"));
        cases.add(set(e, "planId unknown", "planId", UUID.randomUUID().toString(), "planId"));
        cases.add(set(e, "planId a plan of another vendor", "planId", "{retailPlan}", "planId"));
        cases.add(set(e, "commissionPercent missing", "commissionPercent", ABSENT, "commissionPercent"));
        cases.add(set(e, "commissionPercent a word", "commissionPercent", "ten", "commissionPercent"));
        cases.add(set(e, "commissionPercent negative", "commissionPercent", -1, "commissionPercent"));
        cases.add(set(e, "commissionPercent over 100", "commissionPercent", 101, "commissionPercent"));
        cases.add(set(e, "commissionPercent with 3 decimals", "commissionPercent", 12.345, "commissionPercent"));
        cases.add(set(e, "commissionPercent huge", "commissionPercent", 1e300, "commissionPercent"));

        e = Endpoint.SUBSCRIBE;
        cases.add(set(e, "planId missing", "planId", ABSENT, "planId"));
        cases.add(set(e, "planId not a UUID", "planId", "not-a-uuid", "planId"));
        cases.add(set(e, "planId a number", "planId", 7, "planId"));
        cases.add(new BadInput(e, "planId unknown", body(e, b -> b.put("planId", UUID.randomUUID().toString())),
                null, Set.of(404, 422)));
        cases.add(set(e, "planId retired", "planId", "{retiredPlan}", null));
        cases.add(set(e, "startDate not a date", "startDate", "tomorrow", "startDate"));
        cases.add(set(e, "startDate impossible", "startDate", "2026-13-45", "startDate"));
        cases.add(set(e, "startDate before 2000", "startDate", "1999-12-31", "startDate"));
        cases.add(set(e, "startDate two years ahead", "startDate", TODAY.plusYears(2).toString(), "startDate"));
        cases.add(set(e, "startDate a number", "startDate", 20260101, "startDate"));
        addQuantityCases(cases, e);

        e = Endpoint.CHANGE;
        cases.add(set(e, "planId not a UUID", "planId", "not-a-uuid", "planId"));
        cases.add(new BadInput(e, "planId unknown", body(e, b -> b.put("planId", UUID.randomUUID().toString())),
                null, Set.of(404, 422)));
        cases.add(edit(e, "neither planId nor resources", b -> b.remove("resources"), "planId"));
        cases.add(set(e, "effectiveDate not a date", "effectiveDate", "soon", "effectiveDate"));
        cases.add(set(e, "effectiveDate five years ahead", "effectiveDate", TODAY.plusYears(5).toString(),
                "effectiveDate"));
        cases.add(set(e, "effectiveDate five years back", "effectiveDate", TODAY.minusYears(5).toString(),
                "effectiveDate"));
        addQuantityCases(cases, e);

        for (Endpoint status : List.of(Endpoint.SUSPEND, Endpoint.RESUME, Endpoint.CANCEL)) {
            cases.add(set(status, "effectiveDate not a date", "effectiveDate", "soon", "effectiveDate"));
            cases.add(set(status, "effectiveDate a number", "effectiveDate", 20260101, "effectiveDate"));
            cases.add(set(status, "effectiveDate ten years back", "effectiveDate", TODAY.minusYears(10).toString(),
                    "effectiveDate"));
            cases.add(set(status, "effectiveDate ten years ahead", "effectiveDate", TODAY.plusYears(10).toString(),
                    "effectiveDate"));
            cases.add(set(status, "atPeriodEnd a string", "atPeriodEnd", "yes", "atPeriodEnd"));
        }
        cases.add(edit(Endpoint.SUSPEND, "atPeriodEnd on a suspension", b -> {
            b.remove("effectiveDate");
            b.put("atPeriodEnd", true);
        }, "atPeriodEnd"));
        cases.add(edit(Endpoint.RESUME, "atPeriodEnd on a resumption", b -> {
            b.remove("effectiveDate");
            b.put("atPeriodEnd", true);
        }, "atPeriodEnd"));
        cases.add(set(Endpoint.CANCEL, "atPeriodEnd and effectiveDate", "atPeriodEnd", true, "atPeriodEnd"));

        e = Endpoint.USAGE;
        cases.add(set(e, "records missing", "records", ABSENT, "records"));
        cases.add(set(e, "records an object", "records", obj("id", "x"), "records"));
        cases.add(set(e, "records a string", "records", "many", "records"));
        cases.add(set(e, "records null", "records", null, "records"));
        return cases.stream();
    }

    private static void addQuantityCases(List<BadInput> cases, Endpoint e) {
        cases.add(set(e, "resources a string", "resources", "mailbox", "resources"));
        cases.add(set(e, "resources with null", "resources", listOfNull(), "resources"));
        cases.add(set(e, "resources over 50", "resources", manyQuantities(51), "resources"));
        cases.add(resourceEdit(e, "resourceType not of the plan", "resourceType", "no-such-type",
                "resources[0].resourceType"));
        cases.add(resourceEdit(e, "resourceType over-long", "resourceType", LONG, "resources[0].resourceType"));
        cases.add(resourceEdit(e, "resourceType missing", "resourceType", ABSENT, "resources[0].resourceType"));
        cases.add(resourceEdit(e, "resourceType a number", "resourceType", 5, "resources[0].resourceType"));
        cases.add(resourceEdit(e, "quantity negative", "quantity", -1, "resources[0].quantity"));
        cases.add(resourceEdit(e, "quantity a word", "quantity", "five", "resources[0].quantity"));
        cases.add(resourceEdit(e, "quantity with 5 decimals", "quantity", 1.00001, "resources[0].quantity"));
        cases.add(resourceEdit(e, "quantity huge", "quantity", 1e30, "resources[0].quantity"));
        cases.add(resourceEdit(e, "quantity missing", "quantity", ABSENT, "resources[0].quantity"));
        cases.add(resourceEdit(e, "quantity past the plan's HARD limit", "quantity", 11, "resources[0].quantity"));
        cases.add(resourceEdit(e, "resource with an unknown field", "colour", "red", "resources[0].colour"));
        cases.add(edit(e, "a resource type twice", b -> b.put("resources", list(
                obj("resourceType", "{counted}", "quantity", 1), obj("resourceType", "{counted}", "quantity", 2))),
                "resources"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithAProblemAndWritesNothing(BadInput bad) {
        Map<String, String> vars = variables();
        Api caller = caller(bad.endpoint());
        // what the endpoint's last case left (each case writes nothing, so it is also what this one starts from)
        Object before = lastSeen.containsKey(bad.endpoint()) ? lastSeen.get(bad.endpoint()) : snapshot(bad.endpoint());

        Api.Response response = caller.send(bad.endpoint().method, substitute(bad.endpoint().path, vars),
                substitute(bad.body(), vars),
                bad.endpoint().method.equals("PATCH") ? "application/merge-patch+json" : "application/json");

        assertThat(response.status()).as("status of %s -> %s", bad, response).isIn(bad.statuses());
        assertProblem(response);
        if (bad.field() != null) {
            assertNamesField(response, bad.field());
        }
        Object after = snapshot(bad.endpoint());
        assertThat(after).as("nothing written by %s", bad).isEqualTo(before);
        lastSeen.put(bad.endpoint(), after);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Invalid ids in the path, wrong states, list parameters, usage records that cannot be numbers

    static Stream<String[]> invalidPathIds() {
        return Stream.of(
                new String[]{"GET", "/api/v1/services/not-a-uuid", null},
                new String[]{"GET", "/api/v1/plans/12345", null},
                new String[]{"PATCH", "/api/v1/plans/not-a-uuid", "{\"name\": \"A\"}"},
                new String[]{"POST", "/api/v1/plans/not-a-uuid/publish", null},
                new String[]{"POST", "/api/v1/plans/not-a-uuid/retire", null},
                new String[]{"GET", "/api/v1/accounts/not-a-uuid/plans", null},
                new String[]{"POST", "/api/v1/accounts/not-a-uuid/plans", "{\"name\": \"A\"}"},
                new String[]{"GET", "/api/v1/accounts/xyz/available-plans", null},
                new String[]{"GET", "/api/v1/accounts/xyz/offerings", null},
                new String[]{"POST", "/api/v1/accounts/xyz/offerings",
                        "{\"planId\": \"" + UUID.randomUUID() + "\", \"commissionPercent\": 5}"},
                new String[]{"GET", "/api/v1/accounts/xyz/subscriptions", null},
                new String[]{"POST", "/api/v1/accounts/xyz/subscriptions", "{\"planId\": \"" + UUID.randomUUID() + "\"}"},
                new String[]{"GET", "/api/v1/subscriptions/xyz", null},
                new String[]{"POST", "/api/v1/subscriptions/xyz/change", "{\"resources\": []}"},
                new String[]{"POST", "/api/v1/subscriptions/xyz/suspend", null},
                new String[]{"POST", "/api/v1/subscriptions/xyz/resume", "{}"},
                new String[]{"POST", "/api/v1/subscriptions/" + "9".repeat(40) + "/cancel", "{}"},
                new String[]{"GET", "/api/v1/accounts/xyz/usage", null});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidPathIds")
    void invalidIdsInThePathAre400Or422(String method, String path, String body) {
        Api admin = anonymous.withToken(fixture.resellerToken());
        Api.Response response = admin.send(method, path, body,
                "PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
        assertThat(response.status()).as("%s %s -> %s", method, path, response).isIn(400, 422);
        assertProblem(response);
    }

    @Test
    void planTransitionsFromTheWrongStateAreRefusedAndChangeNothing() {
        Api admin = anonymous.withToken(fixture.resellerToken());
        record Wrong(String planId, String action, String rule) {
        }
        for (Wrong wrong : List.of(new Wrong(fixture.retailPlan(), "publish", "plan-not-draft"),
                new Wrong(fixture.retiredPlan(), "publish", "plan-not-draft"),
                new Wrong(fixture.draftPlan(), "retire", "plan-not-published"),
                new Wrong(fixture.retiredPlan(), "retire", "plan-not-published"))) {
            Api.Response before = admin.get("/api/v1/plans/" + wrong.planId());
            Api.Response answer = admin.post("/api/v1/plans/" + wrong.planId() + "/" + wrong.action(), null);
            assertThat(answer.status()).as("%s %s: %s", wrong.action(), wrong.planId(), answer).isEqualTo(409);
            assertProblem(answer);
            assertThat(answer.text("type")).isEqualTo("urn:cascade:problem:" + wrong.rule());
            Api.Response after = admin.get("/api/v1/plans/" + wrong.planId());
            assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
            assertThat(after.json()).isEqualTo(before.json());
        }
        Api.Response body = admin.post("/api/v1/plans/" + fixture.retailPlan() + "/publish", Map.of("force", true));
        assertThat(body.status()).as("a body on publish changes nothing: %s", body).isIn(400, 409, 415, 422);
    }

    @Test
    void listParametersAreChecked() {
        Api admin = anonymous.withToken(fixture.resellerToken());
        String plans = "/api/v1/accounts/" + fixture.resellerId() + "/plans";
        String subscriptions = "/api/v1/accounts/" + fixture.customerId() + "/subscriptions";
        for (String query : List.of(plans + "?status=BOGUS", plans + "?audience=EVERYONE", plans + "?limit=0",
                plans + "?limit=501", plans + "?limit=ten", plans + "?cursor=garbage",
                subscriptions + "?purpose=RESOLD", subscriptions + "?status=DEAD", subscriptions + "?limit=-1",
                subscriptions + "?cursor=" + LONG,
                "/api/v1/accounts/" + fixture.resellerId() + "/usage?limit=1000",
                "/api/v1/accounts/" + fixture.resellerId() + "/usage?to=31.12.2026")) {
            Api.Response answer = admin.get(query);
            assertThat(answer.status()).as("GET %s -> %s", query.length() > 200 ? query.substring(0, 200) : query,
                    answer).isIn(400, 422);
            assertProblem(answer);
        }
    }

    @Test
    void usageQuantitiesThatAreNoDecimalsAreRejectedNotA500() {
        Api admin = anonymous.withToken(fixture.resellerToken());
        String at = Instant.now().minusSeconds(300).toString();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Object before = snapshot(Endpoint.USAGE);
        for (String quantity : List.of("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "true",
                "null", "{\"amount\": 1}", "[1]")) {
            String body = "{\"records\": [{\"id\": \"" + run + quantity.hashCode() + "\", \"subscriptionId\": \""
                    + fixture.subscriptionId() + "\", \"resourceType\": \"" + fixture.metered()
                    + "\", \"quantity\": " + quantity + ", \"at\": \"" + at + "\"}]}";
            Api.Response answer = admin.send("POST", "/api/v1/usage", body, "application/json");
            assertThat(answer.status()).as("quantity %s -> %s", quantity, answer).isIn(200, 400, 422);
            if (answer.status() == 200) {
                assertThat(answer.json().path("accepted").asInt()).as("quantity %s -> %s", quantity, answer).isZero();
                assertThat(answer.json().path("rejected").get(0).path("errors").valueStream()
                        .map(err -> err.path("field").asString())).as("quantity %s -> %s", quantity, answer)
                        .contains("quantity");
            } else {
                assertProblem(answer);
            }
        }
        assertThat(snapshot(Endpoint.USAGE)).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plumbing

    private Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("reseller", fixture.resellerId());
        vars.put("customer", fixture.customerId());
        vars.put("commission", fixture.commissionId());
        vars.put("subscription", fixture.subscriptionId());
        vars.put("draftPlan", fixture.draftPlan());
        vars.put("retailPlan", fixture.retailPlan());
        vars.put("retiredPlan", fixture.retiredPlan());
        vars.put("offerablePlan", fixture.offerablePlan());
        vars.put("counted", fixture.counted());
        vars.put("metered", fixture.metered());
        vars.put("newCode", "bad-" + UUID.randomUUID().toString().substring(0, 8));
        return vars;
    }

    private Api caller(Endpoint endpoint) {
        return switch (endpoint) {
            case CREATE_SERVICE, OFFER -> provider;
            default -> anonymous.withToken(fixture.resellerToken());
        };
    }

    /** What the endpoint could have changed, plus the newest audit event where it would be recorded. */
    private Object snapshot(Endpoint endpoint) {
        Api admin = anonymous.withToken(fixture.resellerToken());
        String reseller = "/api/v1/accounts/" + fixture.resellerId();
        Object state = switch (endpoint) {
            case CREATE_SERVICE -> provider.get("/api/v1/services").json().path("items").valueStream()
                    .map(s -> s.path("code").asString()).toList();
            case CREATE_PLAN -> admin.get(reseller + "/plans?limit=500").body();
            case PATCH_DRAFT -> full(admin.get("/api/v1/plans/" + fixture.draftPlan()));
            case PATCH_PUBLISHED -> full(admin.get("/api/v1/plans/" + fixture.retailPlan()));
            case OFFER -> provider.get("/api/v1/accounts/" + fixture.commissionId() + "/offerings").body();
            case SUBSCRIBE -> List.of(admin.get("/api/v1/accounts/" + fixture.customerId()
                    + "/subscriptions?limit=500").body(), admin.get("/api/v1/subscriptions/" + fixture.holdingId())
                    .body());
            case CHANGE, SUSPEND, RESUME, CANCEL -> List.of(full(admin.get("/api/v1/subscriptions/"
                    + fixture.subscriptionId())), admin.get("/api/v1/subscriptions/" + fixture.holdingId()).body());
            case USAGE -> admin.get(reseller + "/usage?from=" + TODAY.minusDays(7) + "&to=" + TODAY.plusDays(1))
                    .body();
        };
        String audit = switch (endpoint) {
            case CREATE_SERVICE -> provider.get("/api/v1/accounts/" + providerId()
                    + "/audit-events?action=service.created&limit=1").body();
            case OFFER -> provider.get("/api/v1/accounts/" + fixture.commissionId() + "/audit-events?limit=1").body();
            default -> admin.get(reseller + "/audit-events?limit=1").body();
        };
        return List.of(state, audit);
    }

    private static String full(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return "ETag=" + response.header("ETag") + " " + response.body();
    }

    private static BadInput raw(Endpoint endpoint, String label, String body) {
        return new BadInput(endpoint, label, body, null, Set.of(400, 422));
    }

    private static BadInput edit(Endpoint endpoint, String label, Consumer<Map<String, Object>> change, String field) {
        return new BadInput(endpoint, label, body(endpoint, change), field, Set.of(400, 422));
    }

    private static BadInput set(Endpoint endpoint, String label, String key, Object value, String field) {
        return edit(endpoint, label, b -> {
            if (value == ABSENT) {
                b.remove(key);
            } else {
                b.put(key, value);
            }
        }, field);
    }

    @SuppressWarnings("unchecked")
    private static BadInput resourceEdit(Endpoint endpoint, String label, String key, Object value, String field) {
        return edit(endpoint, label, b -> {
            Map<String, Object> first = ((List<Map<String, Object>>) b.get("resources")).get(0);
            if (value == ABSENT) {
                first.remove(key);
            } else {
                first.put(key, value);
            }
        }, field);
    }

    private static String body(Endpoint endpoint, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = endpoint.valid.get();
        change.accept(body);
        return Api.JSON.writeValueAsString(body);
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

    /** A map that keeps insertion order, is mutable and allows null values (merge patches that remove). */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SafeVarargs
    private static <T> List<T> list(T... items) {
        return new ArrayList<>(List.of(items));
    }

    private static List<Object> listOfNull() {
        List<Object> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    private static Map<String, Object> money(String amount) {
        return money(amount, "EUR");
    }

    private static Map<String, Object> money(String amount, String currency) {
        return obj("amount", amount, "currency", currency);
    }

    private static Map<String, Object> manyKeys(int n) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put("key" + i, i);
        }
        return map;
    }

    private static List<Object> manyResources(int n) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(obj("resourceType", "{counted}", "included", 1, "limit", 10, "limitType", "HARD"));
        }
        return list;
    }

    private static List<Object> manyQuantities(int n) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(obj("resourceType", "{counted}", "quantity", 1));
        }
        return list;
    }

    private static void assertNamesField(Api.Response response, String field) {
        assertThat(response.json().path("errors").isArray()).as("errors array in %s", response).isTrue();
        List<String> fields = response.json().path("errors").valueStream().map(e -> e.path("field").asString())
                .toList();
        assertThat(fields).as("errors of %s", response)
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
