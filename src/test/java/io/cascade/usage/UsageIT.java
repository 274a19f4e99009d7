package io.cascade.usage;

import io.cascade.platform.api.MonthlyPartitions;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import io.cascade.usage.api.UsageRetention;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage metering of the catalog issue: batches keep the good records and report the bad ones one by one (a
 * subscription of another subtree exactly like an unknown one), retries change nothing, summaries per subtree and per
 * subscription over [from, to) with cursor paging, the batch size cap, the privilege, a large batch, and the records
 * kept by month for the retention (ADR 0046).
 */
class UsageIT extends IntegrationTest {
    @Autowired
    private UsageRetention retention;
    @Autowired
    private MonthlyPartitions partitions;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aBatchKeepsTheGoodRecordsReportsTheBadOnesAndIsSafeToRetry() {
        Tree tree = tree("Usage Reseller");
        Tree sibling = tree("Usage Sibling");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String at = Instant.now().minus(1, ChronoUnit.HOURS).toString();

        List<Map<String, Object>> records = new ArrayList<>();
        records.add(record(run + "-good-1", tree.subscriptionId(), tree.mail().metered(), 2.5, at));        // 0
        records.add(record(run + "-unknown", UUID.randomUUID().toString(), tree.mail().metered(), 1, at));    // 1
        records.add(record(run + "-sibling", sibling.subscriptionId(), sibling.mail().metered(), 1, at));    // 2
        records.add(record(run + "-type", tree.subscriptionId(), "no-such-type", 1, at));                    // 3
        records.add(record(run + "-negative", tree.subscriptionId(), tree.mail().metered(), -1, at));        // 4
        records.add(record(run + "-timestamp", tree.subscriptionId(), tree.mail().metered(), 1, "yesterday")); // 5
        records.add(record(run + "-future", tree.subscriptionId(), tree.mail().metered(), 1,
                Instant.now().plus(1, ChronoUnit.DAYS).toString()));                                        // 6
        Map<String, Object> unknownField = record(run + "-field", tree.subscriptionId(), tree.mail().metered(), 1, at);
        unknownField.put("colour", "blue");
        records.add(unknownField);                                                                           // 7
        Map<String, Object> missingId = record(null, tree.subscriptionId(), tree.mail().metered(), 1, at);
        missingId.remove("id");
        records.add(missingId);                                                                              // 8
        records.add(record(run + "-counted", tree.subscriptionId(), tree.mail().counted(), 3, at));          // 9
        records.add(record(run + "-good-3", tree.subscriptionId(), tree.mail().metered(), 0.25, at));        // 10
        records.add(record(run + "-not-a-uuid", "not-a-uuid", tree.mail().metered(), 1, at));                // 11
        records.add(record(run + "-string-quantity", tree.subscriptionId(), tree.mail().metered(), "1", at)); // 12

        Api.Response first = tree.reseller().post("/api/v1/usage", Map.of("records", records));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).as("%s", first).isEqualTo(2);
        assertThat(first.json().path("duplicates").asInt()).isZero();
        Map<Integer, List<String>> rejected = rejected(first);
        assertThat(rejected.keySet()).as("%s", first).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12);
        assertThat(rejected.get(1)).containsExactly("subscriptionId");
        assertThat(rejected.get(2)).containsExactly("subscriptionId");
        assertThat(rejected.get(3)).containsExactly("resourceType");
        assertThat(rejected.get(4)).containsExactly("quantity");
        assertThat(rejected.get(5)).containsExactly("at");
        assertThat(rejected.get(6)).containsExactly("at");
        assertThat(rejected.get(7)).containsExactly("colour");
        assertThat(rejected.get(8)).containsExactly("id");
        // a counted type's quantity is what is ordered: no usage is reported for it
        assertThat(rejected.get(9)).containsExactly("resourceType");
        assertThat(rejection(first, 9).path("errors").get(0).path("message").asString()).contains("not metered");
        assertThat(rejected.get(11)).containsExactly("subscriptionId");
        assertThat(rejected.get(12)).containsExactly("quantity");
        JsonNode unknown = rejection(first, 1);
        JsonNode foreign = rejection(first, 2);
        assertThat(foreign.path("errors")).as("another subtree's subscription is reported exactly like an unknown one")
                .isEqualTo(unknown.path("errors"));
        assertThat(foreign.path("id").asString()).isEqualTo(run + "-sibling");
        assertThat(rejection(first, 8).path("id").isNull() || rejection(first, 8).path("id").isMissingNode()).isTrue();
        rejection(first, 4).path("errors").forEach(e -> assertThat(e.path("message").asString()).isNotBlank());

        Api.Response usage = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + recent());
        assertThat(usage.status()).as("%s", usage).isEqualTo(200);
        assertThat(totals(usage)).containsExactlyInAnyOrderEntriesOf(Map.of(tree.mail().metered(), "2.75"));
        assertThat(sibling.reseller().get("/api/v1/accounts/" + sibling.resellerId() + "/usage" + recent()).json()
                .path("totals").size()).as("nothing stored for the sibling").isZero();

        Api.Response again = tree.reseller().post("/api/v1/usage", Map.of("records", records));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().path("accepted").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(2);
        assertThat(rejected(again)).isEqualTo(rejected);
        Api.Response unchanged = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + recent());
        assertThat(unchanged.json().path("totals")).isEqualTo(usage.json().path("totals"));

        // a record id is the subscription's: the same id on another subscription is another record
        Api.Response otherSubscription = sibling.reseller().post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-good-1", sibling.subscriptionId(), sibling.mail().metered(), 1, at))));
        assertThat(otherSubscription.json().path("accepted").asInt()).as("%s", otherSubscription).isEqualTo(1);

        // the provider may report for anyone below it; a customer for itself
        Api.Response byProvider = provider.post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-provider", tree.subscriptionId(), tree.mail().metered(), 1, at))));
        assertThat(byProvider.json().path("accepted").asInt()).as("%s", byProvider).isEqualTo(1);
        Api.Response byCustomer = tree.customer().post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-customer", tree.subscriptionId(), tree.mail().metered(), 1, at),
                record(run + "-customer-foreign", sibling.subscriptionId(), sibling.mail().metered(), 1, at))));
        assertThat(byCustomer.json().path("accepted").asInt()).as("%s", byCustomer).isEqualTo(1);
        assertThat(rejected(byCustomer).keySet()).containsExactly(1);

        Api.Response empty = tree.reseller().post("/api/v1/usage", Map.of("records", List.of()));
        assertThat(empty.status()).as("%s", empty).isEqualTo(200);
        assertThat(empty.json().path("accepted").asInt()).isZero();
    }

    @Test
    void summariesCoverFromInclusiveToExclusivePerSubtreeAndPerSubscriptionWithPaging() {
        TwoMetered two = twoMeteredTypes("Summary Reseller");
        Tree tree = two.tree();
        var second = AccountFixtures.customer("Summary Second Customer").create(tree.reseller());
        String secondSubscription = subscribe(tree.reseller(), second.id(), tree.planId());
        String thirdSubscription = subscribe(tree.reseller(), tree.customerId(), tree.planId());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate d1 = today.minusDays(3);
        LocalDate d2 = today.minusDays(2);
        LocalDate d3 = today.minusDays(1);
        String metered = two.storage();
        String traffic = two.traffic();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(record(run + "-1", tree.subscriptionId(), metered, 1, noon(d1)));
        records.add(record(run + "-2", tree.subscriptionId(), metered, 2, d2.atStartOfDay().toInstant(ZoneOffset.UTC)
                .toString()));
        records.add(record(run + "-3", tree.subscriptionId(), metered, 4, d3.atStartOfDay().toInstant(ZoneOffset.UTC)
                .toString()));
        records.add(record(run + "-4", tree.subscriptionId(), traffic, 8, noon(d2)));
        records.add(record(run + "-5", secondSubscription, metered, 16, noon(d1)));
        records.add(record(run + "-6", secondSubscription, metered, 32, noon(d3)));
        records.add(record(run + "-7", thirdSubscription, traffic, 64, d2.atTime(23, 59, 59).toInstant(ZoneOffset.UTC)
                .toString()));
        Api.Response stored = tree.reseller().post("/api/v1/usage", Map.of("records", records));
        assertThat(stored.json().path("accepted").asInt()).as("%s", stored).isEqualTo(7);

        String range = "?from=" + d1 + "&to=" + d3;
        Api.Response subtree = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + range);
        assertThat(subtree.status()).as("%s", subtree).isEqualTo(200);
        assertThat(subtree.text("from")).isEqualTo(d1.toString());
        assertThat(subtree.text("to")).isEqualTo(d3.toString());
        assertThat(totals(subtree)).as("d1 and d2, not d3: %s", subtree)
                .containsExactlyInAnyOrderEntriesOf(Map.of(metered, "19", traffic, "72"));
        JsonNode meteredTotal = subtree.json().path("totals").valueStream()
                .filter(t -> metered.equals(t.path("resourceType").asString())).findFirst().orElseThrow();
        assertThat(meteredTotal.path("records").asInt()).isEqualTo(3);

        Map<String, String> lines = lines(subtree.json().path("items"));
        assertThat(lines).containsExactlyInAnyOrderEntriesOf(Map.of(
                tree.subscriptionId() + "|" + metered, "3",
                tree.subscriptionId() + "|" + traffic, "8",
                secondSubscription + "|" + metered, "16",
                thirdSubscription + "|" + traffic, "64"));
        subtree.json().path("items").forEach(line -> assertThat(line.path("accountId").asString())
                .isIn(tree.customerId(), second.id()));

        Api.Response oneCustomer = tree.reseller().get("/api/v1/accounts/" + second.id() + "/usage" + range);
        assertThat(totals(oneCustomer)).containsExactlyInAnyOrderEntriesOf(Map.of(metered, "16"));
        Api.Response onlyD3 = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?from=" + d3
                + "&to=" + today);
        assertThat(totals(onlyD3)).containsExactlyInAnyOrderEntriesOf(Map.of(metered, "36"));
        Api.Response providerView = provider.get("/api/v1/accounts/" + tree.resellerId() + "/usage" + range);
        assertThat(providerView.json().path("totals")).isEqualTo(subtree.json().path("totals"));

        // paging through the lines one by one gives the same lines, each once
        Map<String, String> paged = new LinkedHashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + range
                    + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(1);
            lines(page.json().path("items")).forEach((k, v) -> assertThat(paged.put(k, v)).as("line %s twice", k)
                    .isNull());
            cursor = page.text("nextCursor");
            assertThat(++pages).isLessThan(10);
        } while (cursor != null);
        assertThat(paged).isEqualTo(lines);

        Api.Response backwards = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?from=" + d3
                + "&to=" + d1);
        assertThat(backwards.status()).as("%s", backwards).isIn(400, 422);
        Api.Response badCursor = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?cursor=nope");
        assertThat(badCursor.status()).as("%s", badCursor).isIn(400, 422);
        Api.Response badDate = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?from=yesterday");
        assertThat(badDate.status()).as("%s", badDate).isIn(400, 422);
        Api.Response tooLong = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?from=2000-01-01&to="
                + today);
        assertThat(tooLong.status()).as("%s", tooLong).isIn(400, 422);
    }

    @Test
    void quantitiesAreStoredExactly() {
        Tree tree = tree("Exact Usage Reseller");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String at = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        // both are valid quantities: at most 15 digits before and 4 after the decimal point
        Api.Response big = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-big", tree.subscriptionId(), tree.mail().metered(),
                        new BigDecimal("12345678901234.5678"), at))));
        Api.Response small = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-small", tree.subscriptionId(), tree.mail().metered(), new BigDecimal("0.0001"), at))));
        Api.Response usage = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + recent());
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(big.json().path("accepted").asInt()).as("12345678901234.5678: %s", big).isEqualTo(1);
        softly.assertThat(small.json().path("accepted").asInt()).as("0.0001: %s", small).isEqualTo(1);
        softly.assertThat(totals(usage)).as("no precision lost on the way: %s", usage)
                .containsEntry(tree.mail().metered(), "12345678901234.5679");
        softly.assertAll();
    }

    @Test
    void aBatchOfMoreThanTenThousandRecordsIsRefusedWhole() {
        Tree tree = tree("Oversize Reseller");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String at = Instant.now().minusSeconds(60).toString();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            records.add(record(run + "-" + i, tree.subscriptionId(), tree.mail().metered(), 1, at));
        }
        Api.Response refused = tree.reseller().post("/api/v1/usage", Map.of("records", records));
        assertThat(refused.status()).as("%s", refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("records");
        assertThat(tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + recent()).json().path("totals")
                .size()).as("nothing stored").isZero();
    }

    @Test
    void reportingUsageNeedsSubscriptionsManage() {
        Tree tree = tree("Usage Privilege Reseller");
        String email = unique("usage-reader") + "@usage.test";
        Api.Response user = tree.reseller().post("/api/v1/accounts/" + tree.resellerId() + "/users",
                Map.of("email", email, "name", "Usage Reader", "password", PASSWORD, "roles", List.of("BILLING")));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        Api reader = as(email, PASSWORD);
        Api.Response refused = reader.post("/api/v1/usage", Map.of("records", List.of(record("forbidden-1",
                tree.subscriptionId(), tree.mail().metered(), 1, Instant.now().toString()))));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:missing-privilege");
        assertThat(reader.get("/api/v1/accounts/" + tree.resellerId() + "/usage").status())
                .as("reading needs SUBSCRIPTIONS_READ, which it has").isEqualTo(200);
        assertThat(tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage" + recent()).json().path("totals")
                .size()).as("nothing stored").isZero();
        assertThat(anonymous.post("/api/v1/usage", Map.of("records", List.of())).status()).isEqualTo(401);
    }

    @Test
    void aBatchOfFiveThousandRecordsIsAccepted() {
        Tree tree = tree("Throughput Reseller");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().minus(2, ChronoUnit.DAYS);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(record(run + "-" + i, tree.subscriptionId(), tree.mail().metered(), 0.5,
                    base.plusSeconds(i * 17L).toString()));
        }
        long started = System.nanoTime();
        Api.Response stored = tree.reseller().post("/api/v1/usage", Map.of("records", records));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(stored.status()).as("%s", stored.status()).isEqualTo(200);
        assertThat(stored.json().path("accepted").asInt()).isEqualTo(5_000);
        assertThat(stored.json().path("rejected").size()).isZero();
        System.out.printf("Usage smoke: 5,000 records in one batch took %d ms%n", millis);
        Api.Response usage = tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?from="
                + LocalDate.now(ZoneOffset.UTC).minusDays(3) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1));
        assertThat(totals(usage)).containsEntry(tree.mail().metered(), "2500");
    }

    @Test
    void recordsAreKeptByMonthForTheRetentionAndAnOlderOneIsRefused() {
        Tree tree = tree("Retention Reseller");
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate oldest = retention.oldestMonth();
        assertThat(retention.months()).as("the default").isEqualTo(13);
        assertThat(oldest).isEqualTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(13));
        Instant oldestStart = oldest.atStartOfDay().toInstant(ZoneOffset.UTC);
        String metered = tree.mail().metered();

        Api.Response first = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-a", tree.subscriptionId(), metered, 1, oldestStart.toString()),
                record(run + "-b", tree.subscriptionId(), metered, 1, oldestStart.minusSeconds(1).toString()),
                record(run + "-a", tree.subscriptionId(), metered, 2, noon(oldest.plusMonths(1))))));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).as("%s", first).isEqualTo(2);
        assertThat(rejected(first)).as("%s", first).containsExactly(Map.entry(1, List.of("at")));
        assertThat(rejection(first, 1).path("errors").get(0).path("message").asString())
                .isEqualTo("lies before " + oldest + ": usage records are kept for 13 months, so an older one could"
                        + " not be told from a duplicate");

        // the same id again in the same month is a duplicate, whatever its time; in another month it was a record
        Api.Response again = tree.reseller().post("/api/v1/usage", Map.of("records", List.of(
                record(run + "-a", tree.subscriptionId(), metered, 5, noon(oldest.plusDays(3))))));
        assertThat(again.json().path("accepted").asInt()).as("%s", again).isZero();
        assertThat(again.json().path("duplicates").asInt()).as("%s", again).isEqualTo(1);
        assertThat(totals(tree.reseller().get("/api/v1/accounts/" + tree.resellerId() + "/usage?from=" + oldest
                + "&to=" + oldest.plusMonths(2)))).containsExactly(Map.entry(metered, "3"));
        assertThat(jdbc.sql("SELECT count(*) FROM usage_record_" + oldest.toString().substring(0, 7).replace("-", "")
                        + " WHERE record_id = :id").param("id", run + "-a").query(Long.class).single())
                .as("the record lies in its month's partition").isEqualTo(1);
    }

    @Test
    void housekeepingDropsTheMonthsNoLongerKeptAndPreparesTheMonthsKeptThroughNextMonth() {
        LocalDate old = LocalDate.of(2001, 1, 1);
        partitions.ensure("usage_record", List.of(old));
        jdbc.sql("""
                        INSERT INTO usage_record (subscription_id, submitter_id, record_id, resource_type_id, quantity,
                                                  occurred_at, received_at, month)
                        VALUES (gen_random_uuid(), gen_random_uuid(), 'old', gen_random_uuid(), 1,
                                '2001-01-15T00:00:00Z', now(), '2001-01-01')""").update();
        long daily = jdbc.sql("SELECT count(*) FROM usage_daily").query(Long.class).single();

        assertThat(retention.apply(partitions, "usage_record")).containsExactly(old);

        assertThat(jdbc.sql("SELECT to_regclass('usage_record_200101') IS NULL").query(Boolean.class).single())
                .as("the old month's partition is gone").isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM usage_record WHERE record_id = 'old'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM usage_daily").query(Long.class).single())
                .as("daily totals are kept").isEqualTo(daily);
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        for (String table : List.of("usage_record", "sim_usage")) {
            retention.apply(partitions, table);
            List<String> months = jdbc.sql("""
                            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                            WHERE i.inhparent = CAST(:table AS regclass) ORDER BY 1""")
                    .param("table", table).query(String.class).list();
            List<String> expected = new ArrayList<>();
            for (LocalDate m = thisMonth.minusMonths(13); !m.isAfter(thisMonth.plusMonths(1)); m = m.plusMonths(1)) {
                expected.add(table + "_" + m.toString().substring(0, 7).replace("-", ""));
            }
            assertThat(months).as(table).containsExactlyElementsOf(expected);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name IN ('usage-housekeeping',"
                + " 'assets-housekeeping')").query(Long.class).single()).as("both jobs are scheduled").isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A reseller holding a fresh mail service, with a retail plan and one customer subscribed to it. */
    private Tree tree(String name) {
        return TreeFixtures.resellerWithHolding(provider).named(name).customer(name + " Customer").build();
    }

    private record TwoMetered(Tree tree, String storage, String traffic) {
    }

    /** Like {@link #tree} with a service of two metered resource types (storage and traffic) and no counted one. */
    private TwoMetered twoMeteredTypes(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String storage = "storage-" + suffix;
        String traffic = "traffic-" + suffix;
        Api.Response service = provider.post("/api/v1/services", Map.of("code", "metered-" + suffix,
                "name", "Metered", "adapter", "manual", "resourceTypes", List.of(
                        Map.of("code", storage, "name", "Storage", "unit", "GB", "metered", true),
                        Map.of("code", traffic, "name", "Traffic", "unit", "GB", "metered", true))));
        assertThat(service.status()).as("%s", service).isEqualTo(201);
        Tree tree = TreeFixtures.resellerWithHolding(provider).named(name)
                .wholesale("100.00", resource(storage, 0, null, "SOFT", null, "0.10"),
                        resource(traffic, 0, null, "SOFT", null, "0.01"))
                .plan("5.00", resource(storage, 0, null, "SOFT", null, "0.20"),
                        resource(traffic, 0, null, "SOFT", null, "0.02"))
                .customer(name + " Customer").build();
        return new TwoMetered(tree, storage, traffic);
    }

    private static String subscribe(Api api, String accountId, String planId) {
        Api.Response created = api.post("/api/v1/accounts/" + accountId + "/subscriptions", Map.of("planId", planId));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    private static Map<String, Object> record(String id, String subscriptionId, String resourceType, Object quantity,
                                              String at) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("subscriptionId", subscriptionId);
        record.put("resourceType", resourceType);
        record.put("quantity", quantity);
        record.put("at", at);
        return record;
    }

    /** The last week up to tomorrow (exclusive), so that "an hour ago" is inside whatever day the test runs. */
    private static String recent() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "?from=" + today.minusDays(7) + "&to=" + today.plusDays(1);
    }

    private static String noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
    }

    /** Index of each rejected record → the fields its errors name. */
    private static Map<Integer, List<String>> rejected(Api.Response receipt) {
        Map<Integer, List<String>> result = new LinkedHashMap<>();
        receipt.json().path("rejected").forEach(r -> result.put(r.path("index").asInt(),
                r.path("errors").valueStream().map(e -> e.path("field").asString()).toList()));
        return result;
    }

    private static JsonNode rejection(Api.Response receipt, int index) {
        return receipt.json().path("rejected").valueStream().filter(r -> r.path("index").asInt() == index)
                .findFirst().orElseThrow();
    }

    private static Map<String, String> totals(Api.Response summary) {
        assertThat(summary.status()).as("%s", summary).isEqualTo(200);
        Map<String, String> totals = new LinkedHashMap<>();
        summary.json().path("totals").forEach(t -> totals.put(t.path("resourceType").asString(),
                new BigDecimal(t.path("quantity").asString()).stripTrailingZeros().toPlainString()));
        return totals;
    }

    private static Map<String, String> lines(JsonNode items) {
        Map<String, String> lines = new LinkedHashMap<>();
        items.forEach(line -> lines.put(line.path("subscriptionId").asString() + "|"
                        + line.path("resourceType").asString(),
                new BigDecimal(line.path("quantity").asString()).stripTrailingZeros().toPlainString()));
        return lines;
    }
}
