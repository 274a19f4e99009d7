package io.cascade.subscriptions;

import io.cascade.subscriptions.internal.LimitEnforcement;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.SimFixtures;
import io.cascade.support.TestMail;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Enforcing subscription terms (issue 19, ADR 0039): a metered resource's HARD limit stops it — the iot adapter's
 * SIMs are suspended — until the limit is raised or the next month begins; the subscriber and its vendor are told
 * once; SOFT limits notify once per month at 80 % and 100 %, also when two batches race; usage is recorded all the
 * same; the subtree rule and bad input.
 */
class LimitEnforcementIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Autowired
    private LimitEnforcement limits;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aHardLimitStopsTheSimsUntilTheLimitIsRaisedOrTheMonthEnds() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String simType = "sim-" + suffix;
        String dataType = "data-" + suffix;
        assertThat(provider.post("/api/v1/services", Map.of("code", "iot-" + suffix, "name", "IoT",
                "adapter", "iot", "adapterConfig", Map.of("simResourceType", simType, "dataResourceType", dataType),
                "resourceTypes", List.of(Map.of("code", simType, "name", "SIM", "unit", "SIM"),
                        Map.of("code", dataType, "name", "Data", "unit", "GB", "metered", true)))).status())
                .isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Enforcing Reseller"))
                .wholesale("50.00", resource(simType, 0, 100, "HARD", "1.00", null),
                        resource(dataType, 0, null, "SOFT", null, "0.01"))
                .plan("20.00", resource(simType, 0, 10, "HARD", "2.00", null),
                        resource(dataType, 0, 20, "HARD", null, "0.50"))
                .plan("30.00", resource(simType, 0, 10, "HARD", "2.00", null),
                        resource(dataType, 0, 600, "HARD", null, "0.50"))
                .plan("31.00", resource(simType, 0, 10, "HARD", "2.00", null),
                        resource(dataType, 0, 610, "HARD", null, "0.50"))
                .customer(unique("Enforced Customer")).build();
        Api reseller = tree.reseller();
        String subscription = "/api/v1/subscriptions/" + tree.subscriptionId();
        String customerSims = "/api/v1/accounts/" + tree.customerId() + "/assets?limit=10";
        SimFixtures sims = SimFixtures.block();
        String stock = "/api/v1/accounts/" + tree.resellerId() + "/assets";
        assertThat(reseller.send("POST", stock + "/import", sims.csv(0, 3), "text/csv").status()).isEqualTo(201);
        List<String> ids = reseller.get(stock + "?limit=3").json().path("items").valueStream()
                .map(a -> a.path("id").asString()).toList();
        assertThat(reseller.post(stock + "/assign", Map.of("customerId", tree.customerId(),
                "assetIds", ids.subList(0, 2))).json().path("activated").asInt()).isEqualTo(2);

        // 17 of 20: the 80 % warning of the HARD limit, nothing stopped
        assertThat(report(reseller, tree.subscriptionId(), dataType, "17").path("accepted").asInt()).isEqualTo(1);
        assertThat(stopped(reseller, subscription, dataType)).isNull();
        assertThat(kinds(tree.customerId(), "usage-threshold")).isEqualTo(1);

        // the reseller's integration listens (its endpoint need not answer: the deliveries are queued with the change)
        assertThat(reseller.post("/api/v1/accounts/" + tree.resellerId() + "/webhook-endpoints", Map.of(
                "url", "http://127.0.0.1:9/limits", "eventTypes", List.of("usage.limit.enforced",
                        "usage.limit.lifted"))).status()).isEqualTo(201);

        // 500 more: recorded all the same (usage is a fact), and the data is stopped: SIMs suspended, once
        assertThat(report(reseller, tree.subscriptionId(), dataType, "500").path("accepted").asInt()).isEqualTo(1);
        JsonNode stop = stopped(reseller, subscription, dataType);
        assertThat(stop).as("the subscription shows the stop").isNotNull();
        assertThat(stop.path("limit").asString()).isEqualTo("20");
        assertThat(stop.path("used").asString()).isEqualTo("517");
        assertThat(stop.path("period").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1)
                .toString());
        assertThat(states(reseller, customerSims)).containsOnly("SUSPENDED");
        assertThat(tasks(reseller, tree, "ENFORCE")).singleElement().satisfies(task -> {
            assertThat(task.path("status").asString()).isEqualTo("DONE");
            assertThat(task.path("adapter").asString()).isEqualTo("iot");
            assertThat(task.path("payload").path("resourceType").asString()).isEqualTo(dataType);
        });
        assertThat(report(reseller, tree.subscriptionId(), dataType, "5").path("accepted").asInt()).isEqualTo(1);
        assertThat(tasks(reseller, tree, "ENFORCE")).as("stopped once").hasSize(1);
        assertThat(kinds(tree.customerId(), "usage-stopped")).as("the customer is told once").isEqualTo(1);
        assertThat(kinds(tree.resellerId(), "usage-stopped")).as("and so is its vendor").isEqualTo(2);
        assertThat(kinds(tree.customerId(), "usage-threshold")).as("no 80 %% notice for the stop").isEqualTo(1);
        assertThat(audit(reseller, tree.customerId(), "subscription.limit-stopped")).isEqualTo(1);
        assertThat(kinds(tree.resellerId(), "usage.limit.enforced")).as("one webhook delivery").isEqualTo(1);
        assertThat(TestMail.await(tree.customerAdminEmail(), "Stopped at the hard limit")).isNotNull();
        assertThat(TestMail.text(TestMail.await(tree.resellerAdminEmail(), "Stopped at the hard limit")))
                .contains("517", "20");
        // a SIM assigned meanwhile is connected, and suspended too
        assertThat(reseller.post(stock + "/assign", Map.of("customerId", tree.customerId(),
                "assetIds", ids.subList(2, 3))).status()).isEqualTo(200);
        assertThat(states(reseller, customerSims)).hasSize(3).containsOnly("SUSPENDED");

        // a plan whose limit lies above the month's usage lifts the stop
        Api.Response raised = reseller.post(subscription + "/change", Map.of("planId", tree.planIds().get(1)));
        assertThat(raised.status()).as("%s", raised).isEqualTo(200);
        assertThat(stopped(reseller, subscription, dataType)).isNull();
        assertThat(states(reseller, customerSims)).containsOnly("ACTIVE");
        assertThat(tasks(reseller, tree, "LIFT")).singleElement()
                .satisfies(task -> assertThat(task.path("status").asString()).isEqualTo("DONE"));
        assertThat(audit(reseller, tree.customerId(), "subscription.limit-lifted")).isEqualTo(1);
        assertThat(kinds(tree.customerId(), "usage-resumed")).isEqualTo(1);
        assertThat(kinds(tree.resellerId(), "usage.limit.lifted")).isEqualTo(1);

        // the new limit is reached: stopped again; a plan still below the month's usage does not lift it
        report(reseller, tree.subscriptionId(), dataType, "100");
        assertThat(stopped(reseller, subscription, dataType).path("limit").asString()).isEqualTo("600");
        assertThat(states(reseller, customerSims)).containsOnly("SUSPENDED");
        assertThat(reseller.post(subscription + "/change", Map.of("planId", tree.planIds().get(2))).status())
                .isEqualTo(200);
        assertThat(stopped(reseller, subscription, dataType)).as("610 < 622 used").isNotNull();
        assertThat(states(reseller, customerSims)).containsOnly("SUSPENDED");

        // the next month lifts it
        assertThat(limits.liftEndedMonths(transactions, LocalDate.now(ZoneOffset.UTC).plusMonths(1)))
                .isGreaterThanOrEqualTo(1);
        assertThat(stopped(reseller, subscription, dataType)).isNull();
        assertThat(states(reseller, customerSims)).containsOnly("ACTIVE");
        assertThat(tasks(reseller, tree, "LIFT")).hasSize(2);
        assertThat(reseller.get("/api/v1/accounts/" + tree.customerId()
                + "/audit-events?action=subscription.limit-lifted").body()).contains("NEW_PERIOD", "LIMIT_RAISED");
        assertThat(kinds(tree.customerId(), "usage-resumed")).isEqualTo(2);
        assertThat(kinds(tree.customerId(), "usage-stopped")).isEqualTo(2);
        assertThat(reseller.get("/api/v1/accounts/" + tree.customerId() + "/usage").json().path("totals").get(0)
                .path("quantity").asString()).as("every record is kept").isEqualTo("622");
    }

    @Test
    void softLimitsNotifyOncePerMonthAt80And100PercentEvenWhenBatchesRace() throws Exception {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Soft Reseller")).mail(mail)
                .plan("5.00", resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, 100, "SOFT", null, "0.20"))
                .customer(unique("Soft Customer")).build();
        Api reseller = tree.reseller();

        // two batches at once, each past 80 % alone: the 80 % notice is given once
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<JsonNode>> racing = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(
                () -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return report(reseller, tree.subscriptionId(), mail.metered(), "85");
                })).toList();
        start.countDown();
        for (CompletableFuture<JsonNode> batch : racing) {
            assertThat(batch.get().path("accepted").asInt()).isEqualTo(1);
        }
        report(reseller, tree.subscriptionId(), mail.metered(), "1");
        report(reseller, tree.subscriptionId(), mail.metered(), "40");
        assertThat(kinds(tree.customerId(), "usage-threshold")).as("80 %% and 100 %%, each once").isEqualTo(2);
        assertThat(kinds(tree.resellerId(), "usage-threshold")).as("to both sides").isEqualTo(4);
        assertThat(kinds(tree.customerId(), "usage-stopped")).as("a SOFT limit stops nothing").isZero();
        assertThat(reseller.get("/api/v1/subscriptions/" + tree.subscriptionId()).json().path("resources")
                .valueStream().allMatch(r -> r.path("stopped").isNull())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.all(tree.customerAdminEmail()).stream()
                .map(TestMail::subject).filter(s -> s.startsWith("Limit:")).count() == 2);
        assertThat(TestMail.all(tree.customerAdminEmail()).stream().map(TestMail::subject)
                .filter(s -> s.startsWith("Limit:"))).anyMatch(s -> s.contains("80 %")).anyMatch(s -> s.contains("100 %"));

        // another month has thresholds of its own
        Instant lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusDays(3).atTime(12, 0)
                .toInstant(ZoneOffset.UTC);
        report(reseller, tree.subscriptionId(), mail.metered(), "90", lastMonth);
        assertThat(kinds(tree.customerId(), "usage-threshold")).isEqualTo(3);
    }

    @Test
    void theSubtreeRuleAndBadInputStopNothing() {
        CatalogFixtures.Service mail = CatalogFixtures.mailService(provider);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(unique("Guarded Reseller")).mail(mail)
                .plan("5.00", resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, 10, "HARD", null, "0.20"))
                .customer(unique("Guarded Customer")).build();
        Tree sibling = TreeFixtures.resellerWithHolding(provider).named(unique("Sibling Reseller")).build();
        String subscription = "/api/v1/subscriptions/" + tree.subscriptionId();

        // a sibling's usage for it is refused like an unknown subscription's; it sees no state
        JsonNode refused = report(sibling.reseller(), tree.subscriptionId(), mail.metered(), "50");
        assertThat(refused.path("accepted").asInt()).isZero();
        assertThat(refused.path("rejected").get(0).path("errors").get(0).path("field").asString())
                .isEqualTo("subscriptionId");
        assertThat(sibling.reseller().get(subscription).status()).isEqualTo(404);
        // bad input: a problem naming the field, nothing written
        Api.Response bad = tree.reseller().post("/api/v1/usage", Map.of("records", "50 GB"));
        assertThat(bad.status()).isEqualTo(422);
        JsonNode negative = report(tree.reseller(), tree.subscriptionId(), mail.metered(), "-50");
        assertThat(negative.path("rejected").get(0).path("errors").get(0).path("field").asString())
                .isEqualTo("quantity");
        assertThat(stopped(tree.reseller(), subscription, mail.metered())).isNull();
        assertThat(kinds(tree.customerId(), "usage-stopped")).isZero();
        assertThat(kinds(tree.customerId(), "usage-threshold")).isZero();

        // the customer's own usage stops the manual service: an open to-do for the vendor's staff, both told
        report(tree.reseller(), tree.subscriptionId(), mail.metered(), "12");
        assertThat(stopped(tree.customer(), subscription, mail.metered())).as("the customer sees it").isNotNull();
        JsonNode todo = tasks(tree.reseller(), tree, "ENFORCE").get(0);
        assertThat(todo.path("adapter").asString()).isEqualTo("manual");
        assertThat(todo.path("status").asString()).as("nobody stopped it yet").isEqualTo("RUNNING");
        assertThat(todo.path("awaitingStaff").asBoolean()).isTrue();
        assertThat(TestMail.text(TestMail.await(tree.resellerAdminEmail(), "Stopped at the hard limit")))
                .contains("stopped by its staff");
        // only the vendor's staff mark it done: the subscriber may not, a sibling finds nothing
        String complete = "/api/v1/provisioning-tasks/" + todo.path("id").asString() + "/complete";
        assertThat(tree.customer().post(complete, null).text("type")).isEqualTo(PROBLEM + "vendor-decides");
        assertThat(sibling.reseller().post(complete, null).status()).isEqualTo(404);
        Api.Response done = tree.reseller().post(complete, null);
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.json().path("status").asString()).isEqualTo("DONE");
        assertThat(done.json().path("awaitingStaff").asBoolean()).isFalse();
        assertThat(tree.reseller().post(complete, null).text("type")).isEqualTo(PROBLEM + "task-done");
        assertThat(audit(tree.reseller(), tree.customerId(), "provisioning.task-completed")).isEqualTo(1);
        assertThat(sibling.reseller().get("/api/v1/accounts/" + tree.customerId() + "/audit-events").status())
                .isEqualTo(404);
    }

    private static JsonNode report(Api api, String subscriptionId, String type, String quantity) {
        return report(api, subscriptionId, type, quantity, Instant.now().minusSeconds(30));
    }

    private static JsonNode report(Api api, String subscriptionId, String type, String quantity, Instant at) {
        Api.Response receipt = api.post("/api/v1/usage", Map.of("records", List.of(Map.of("id", UUID.randomUUID()
                .toString(), "subscriptionId", subscriptionId, "resourceType", type, "quantity",
                new java.math.BigDecimal(quantity), "at", at.toString()))));
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(200);
        return receipt.json();
    }

    /** The resource's stop as the subscription shows it, or null. */
    private static JsonNode stopped(Api api, String subscription, String type) {
        Api.Response view = api.get(subscription);
        assertThat(view.status()).as("%s", view).isEqualTo(200);
        JsonNode resource = view.json().path("resources").valueStream()
                .filter(r -> r.path("resourceType").asString().equals(type)).findFirst().orElseThrow();
        return resource.path("stopped").isNull() || resource.path("stopped").isMissingNode() ? null
                : resource.path("stopped");
    }

    /** How many outbox mails of the kind belong to the account's subtree. */
    private long kinds(String accountId, String kind) {
        return provider.get("/api/v1/accounts/" + accountId + "/messages?kind=" + kind + "&limit=100").json()
                .path("items").valueStream().count();
    }

    private static List<JsonNode> tasks(Api api, Tree tree, String operation) {
        return api.get("/api/v1/accounts/" + tree.customerId() + "/provisioning-tasks?subscriptionId="
                        + tree.subscriptionId()).json().path("items").valueStream()
                .filter(t -> t.path("operation").asString().equals(operation)).toList();
    }

    private static long audit(Api api, String accountId, String action) {
        return api.get("/api/v1/accounts/" + accountId + "/audit-events?action=" + action).json().path("items")
                .valueStream().count();
    }

    private static List<String> states(Api api, String path) {
        return api.get(path).json().path("items").valueStream().map(a -> a.path("state").asString()).toList();
    }
}
