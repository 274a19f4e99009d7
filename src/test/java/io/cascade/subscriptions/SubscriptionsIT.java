package io.cascade.subscriptions;

import io.cascade.subscriptions.internal.SubscriptionScheduler;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TreeFixtures;
import io.cascade.support.TreeFixtures.Tree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions of the catalog issue: the lifecycle PENDING → ACTIVE ⇄ SUSPENDED → CANCELLED with dated changes,
 * each audited with its effective date; subscriptions that follow their account's suspension; "My Provider"; limits
 * that count up three tiers (hard and soft); and concurrent orders that never together pass a hard limit.
 */
class SubscriptionsIT extends IntegrationTest {
    private static final String PROBLEM = "urn:cascade:problem:";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private SubscriptionScheduler scheduler;

    @Autowired
    private io.cascade.subscriptions.api.SubscriptionManagement subscriptionManagement;

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Test
    void theSubscriberDatesAChangeNoEarlierThanTodayWhileItsVendorMayDateItBackAudited() {
        Shop shop = shop("Backdating Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Backdating Customer");
        Api.Response created = order(customer, shop.small(), 4, today().minusMonths(3));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.text("id");
        String path = "/api/v1/subscriptions/" + id;
        LocalDate back = today().minusDays(40);

        Api.Response reduce = customer.api().post(path + "/change", quantities(shop, 1, back));
        assertThat(reduce.status()).as("the customer reduces nothing back in time: %s", reduce).isEqualTo(422);
        assertThat(fields(reduce)).containsExactly("effectiveDate");
        Api.Response cancel = customer.api().post(path + "/cancel", Map.of("effectiveDate", back.toString()));
        assertThat(cancel.status()).as("nor cancels back in time: %s", cancel).isEqualTo(422);
        assertThat(fields(cancel)).containsExactly("effectiveDate");
        assertThat(quantityOf(customer.api(), id)).as("nothing changed").isEqualTo("4");
        assertThat(get(customer.api(), id).text("status")).isEqualTo("ACTIVE");
        assertThat(events(customer, "subscription.changed")).isEmpty();
        assertThat(customer.api().post(path + "/change", quantities(shop, 3, today())).status())
                .as("today is the subscriber's earliest day").isEqualTo(200);

        Api.Response byVendor = shop.reseller().post(path + "/change", quantities(shop, 2, back));
        assertThat(byVendor.status()).as("the vendor dates a change back: %s", byVendor).isEqualTo(200);
        assertThat(quantityOf(customer.api(), id)).isEqualTo("2");
        List<JsonNode> backdated = events(customer, "subscription.backdated");
        assertThat(backdated).hasSize(1);
        assertThat(backdated.get(0).path("after").path("effectiveDate").asString()).isEqualTo(back.toString());
        assertThat(backdated.get(0).path("after").path("change").asString()).isEqualTo("CHANGE");
        assertThat(backdated.get(0).path("after").path("decidedBy").asString()).isEqualTo("VENDOR");
        assertThat(backdated.get(0).path("actorAccountId").asString()).isEqualTo(shop.resellerId());
        Api.Response cancelled = shop.reseller().post(path + "/cancel", Map.of("effectiveDate", back.toString()));
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(events(customer, "subscription.backdated")).hasSize(2);
    }

    /**
     * The dashboard's counts per purpose and status and its live subscriptions at each month end are read from the
     * counts kept per ancestor (ADR 0044); they equal what the subscriptions say after orders dated back and ahead, a
     * cancellation dated back, and a suspension that the subscriptions follow — for the reseller and the provider.
     */
    @Test
    void theKeptSubtreeCountsEqualTheSubscriptionsAfterEveryKindOfChange() {
        Shop shop = shop("Counted Reseller", 100, "HARD");
        Buyer one = customer(shop, "Counted One");
        Buyer two = customer(shop, "Counted Two");
        String old = order(one, shop.small(), 1, today().minusMonths(4)).text("id");
        assertThat(order(one, shop.small(), 1, null).status()).isEqualTo(201);
        assertThat(order(two, shop.small(), 1, today().minusMonths(1)).status()).isEqualTo(201);
        assertThat(order(two, shop.small(), 1, today().plusDays(40)).text("status")).isEqualTo("PENDING");
        assertThat(shop.reseller().post("/api/v1/subscriptions/" + old + "/cancel",
                Map.of("effectiveDate", today().minusMonths(2).toString())).status()).isEqualTo(200);
        assertThat(shop.reseller().post("/api/v1/accounts/" + two.id() + "/suspend", null).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM subscription WHERE account_id = ? AND status = 'SUSPENDED'")
                .param(UUID.fromString(two.id())).query(Long.class).single() == 2);

        String providerPath = jdbc.sql("SELECT path FROM account WHERE type = 'PROVIDER'").query(String.class).single();
        var platform = io.cascade.shared.Caller.system(UUID.fromString(providerId()), providerPath, "test");
        for (String accountId : List.of(shop.resellerId(), providerId())) {
            String path = jdbc.sql("SELECT path FROM account WHERE id = ?").param(UUID.fromString(accountId))
                    .query(String.class).single();
            var activity = subscriptionManagement.activity(platform, UUID.fromString(accountId), 6);
            Map<String, Long> counted = new java.util.TreeMap<>();
            activity.counts().forEach((purpose, statuses) -> statuses.forEach((status, n) -> {
                if (n != 0) {
                    counted.put(purpose + " " + status, n);
                }
            }));
            Map<String, Long> expected = new java.util.TreeMap<>();
            jdbc.sql("""
                            SELECT purpose || ' ' || status AS k, count(*) AS n FROM subscription
                            WHERE account_path >= ? AND account_path < ? GROUP BY 1""")
                    .param(path).param(path + "~").query((rs, n) -> expected.put(rs.getString("k"), rs.getLong("n")))
                    .list();
            assertThat(counted).as("counts of %s", accountId).isEqualTo(expected);
            for (var month : activity.liveAtMonthEnd()) {
                LocalDate end = month.month().atEndOfMonth();
                assertThat(month.live()).as("live at %s below %s", end, accountId).isEqualTo(jdbc.sql("""
                                SELECT count(*) FROM subscription WHERE account_path >= ? AND account_path < ?
                                  AND purpose = 'OWN_USE' AND start_date <= ?
                                  AND (cancelled_on IS NULL OR cancelled_on > ?)""")
                        .param(path).param(path + "~").param(Date.valueOf(end)).param(Date.valueOf(end))
                        .query(Long.class).single());
            }
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM (
                          (SELECT path, purpose, status, start_month, cancel_month, subscriptions
                           FROM subscription_subtree_count WHERE subscriptions <> 0
                           EXCEPT
                           SELECT left(s.account_path, p.n), s.purpose, s.status,
                                  CAST(date_trunc('month', s.start_date) AS date),
                                  COALESCE(CAST(date_trunc('month', s.cancelled_on) AS date), 'infinity'), count(*)
                           FROM subscription s CROSS JOIN LATERAL generate_series(1, length(s.account_path) - 1) p(n)
                           WHERE substr(s.account_path, p.n, 1) = '.' GROUP BY 1, 2, 3, 4, 5)
                          UNION ALL
                          (SELECT left(s.account_path, p.n), s.purpose, s.status,
                                  CAST(date_trunc('month', s.start_date) AS date),
                                  COALESCE(CAST(date_trunc('month', s.cancelled_on) AS date), 'infinity'), count(*)
                           FROM subscription s CROSS JOIN LATERAL generate_series(1, length(s.account_path) - 1) p(n)
                           WHERE substr(s.account_path, p.n, 1) = '.' GROUP BY 1, 2, 3, 4, 5
                           EXCEPT
                           SELECT path, purpose, status, start_month, cancel_month, subscriptions
                           FROM subscription_subtree_count WHERE subscriptions <> 0)) differing""")
                .query(Long.class).single()).as("the kept counts of every account equal its subscriptions below")
                .isZero();
    }

    @Test
    void aSubscriptionStartsTodayInThePastOrInTheFuture() {
        Shop shop = shop("Start Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Start Customer");
        LocalDate today = today();

        Api.Response now = order(customer, shop.small(), 2, null);
        assertThat(now.status()).as("%s", now).isEqualTo(201);
        assertThat(now.text("status")).isEqualTo("ACTIVE");
        assertThat(now.text("startDate")).isEqualTo(today.toString());
        assertThat(now.text("accountId")).isEqualTo(customer.id());
        assertThat(now.text("vendorId")).isEqualTo(shop.resellerId());
        assertThat(now.text("purpose")).isEqualTo("OWN_USE");
        assertThat(now.header("Location")).endsWith("/api/v1/subscriptions/" + now.text("id"));
        assertThat(now.header("ETag")).isNotBlank();
        assertThat(quantity(now.json(), shop.mail().counted())).isEqualTo("2");

        LocalDate migrated = LocalDate.of(2024, 3, 15);
        Api.Response past = order(customer, shop.small(), 1, migrated);
        assertThat(past.status()).as("%s", past).isEqualTo(201);
        assertThat(past.text("status")).isEqualTo("ACTIVE");
        assertThat(past.text("startDate")).isEqualTo(migrated.toString());

        LocalDate later = today.plusDays(5);
        Api.Response future = order(customer, shop.small(), 3, later);
        assertThat(future.status()).as("%s", future).isEqualTo(201);
        assertThat(future.text("status")).isEqualTo("PENDING");
        assertThat(future.text("startDate")).isEqualTo(later.toString());

        Api.Response tooEarly = order(customer, shop.small(), 1, LocalDate.of(1999, 12, 31));
        assertThat(tooEarly.status()).as("%s", tooEarly).isEqualTo(422);
        assertThat(fields(tooEarly)).contains("startDate");

        assertThat(holding(shop)).as("every ordered unit counts against the reseller's holding").isEqualTo("6");
        Api.Response listed = customer.api().get("/api/v1/accounts/" + customer.id() + "/subscriptions");
        assertThat(ids(listed)).containsExactly(now.text("id"), past.text("id"), future.text("id"));
        assertThat(ids(customer.api().get("/api/v1/accounts/" + customer.id() + "/subscriptions?status=PENDING")))
                .containsExactly(future.text("id"));
        Api.Response page = customer.api().get("/api/v1/accounts/" + customer.id() + "/subscriptions?limit=2");
        assertThat(ids(page)).containsExactly(now.text("id"), past.text("id"));
        assertThat(ids(customer.api().get("/api/v1/accounts/" + customer.id() + "/subscriptions?limit=2&cursor="
                + page.text("nextCursor")))).containsExactly(future.text("id"));

        Map<String, String> created = effectiveDates(customer, "subscription.created");
        assertThat(created).containsEntry(now.text("id"), today.toString())
                .containsEntry(past.text("id"), migrated.toString())
                .containsEntry(future.text("id"), later.toString());
    }

    @Test
    void quantitiesAndPlansChangeNowOrOnALaterDay() {
        Shop shop = shop("Change Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Change Customer");
        String id = order(customer, shop.small(), 2, null).text("id");
        String change = "/api/v1/subscriptions/" + id + "/change";

        Api.Response more = customer.api().post(change, quantities(shop, 5, null));
        assertThat(more.status()).as("%s", more).isEqualTo(200);
        assertThat(quantity(more.json(), shop.mail().counted())).isEqualTo("5");
        assertThat(holding(shop)).isEqualTo("5");

        Api.Response tooMany = customer.api().post(change, quantities(shop, 11, null));
        assertThat(tooMany.status()).as("own HARD limit 10: %s", tooMany).isEqualTo(422);
        assertThat(tooMany.text("type")).isEqualTo(PROBLEM + "limit-exceeded");
        assertThat(tooMany.json().path("resourceType").asString()).isEqualTo(shop.mail().counted());
        assertThat(tooMany.json().path("limit").asString()).isEqualTo("10");
        assertThat(get(customer.api(), id).json().path("resources").get(0).path("quantity").asString()).isEqualTo("5");
        assertThat(holding(shop)).isEqualTo("5");

        Api.Response upgraded = customer.api().post(change, Map.of("planId", shop.large()));
        assertThat(upgraded.status()).as("%s", upgraded).isEqualTo(200);
        assertThat(upgraded.text("planId")).isEqualTo(shop.large());
        assertThat(quantity(upgraded.json(), shop.mail().counted())).as("quantities stay").isEqualTo("5");
        Api.Response fifteen = customer.api().post(change, quantities(shop, 15, null));
        assertThat(fifteen.status()).as("the large plan allows 20: %s", fifteen).isEqualTo(200);
        assertThat(holding(shop)).isEqualTo("15");

        Api.Response foreign = customer.api().post(change, Map.of("planId", shop.wholesaleId()));
        assertThat(foreign.status()).as("a plan it may not buy: %s", foreign).isEqualTo(404);
        assertThat(get(customer.api(), id).text("planId")).isEqualTo(shop.large());

        LocalDate later = today().plusDays(7);
        Api.Response scheduled = customer.api().post(change, Map.of("planId", shop.small(),
                "resources", List.of(Map.of("resourceType", shop.mail().counted(), "quantity", 7)),
                "effectiveDate", later.toString()));
        assertThat(scheduled.status()).as("%s", scheduled).isEqualTo(200);
        assertThat(scheduled.text("planId")).as("nothing changes before the day").isEqualTo(shop.large());
        assertThat(quantity(scheduled.json(), shop.mail().counted())).isEqualTo("15");
        JsonNode pending = scheduled.json().path("scheduled");
        assertThat(pending.size()).as("%s", scheduled).isEqualTo(1);
        assertThat(pending.get(0).path("kind").asString()).isEqualTo("CHANGE");
        assertThat(pending.get(0).path("effectiveDate").asString()).isEqualTo(later.toString());
        assertThat(pending.get(0).path("planId").asString()).isEqualTo(shop.small());
        assertThat(effectiveDates(customer, "subscription.change-scheduled")).containsEntry(id, later.toString());

        Api.Response scheduledTooMany = customer.api().post(change, Map.of("planId", shop.small(),
                "resources", List.of(Map.of("resourceType", shop.mail().counted(), "quantity", 12)),
                "effectiveDate", later.toString()));
        assertThat(scheduledTooMany.status()).as("own limits are checked when scheduling: %s", scheduledTooMany)
                .isEqualTo(422);
        assertThat(get(customer.api(), id).json().path("scheduled").size()).isEqualTo(1);
        String second = order(customer, shop.large(), 3, null).text("id");
        JsonNode listed = customer.api().get("/api/v1/accounts/" + customer.id() + "/subscriptions").json()
                .path("items");
        assertThat(listed.size()).isEqualTo(2);
        for (JsonNode item : listed) {
            assertThat(item).as("a list shows each subscription as its own read does (quantities, pending changes)")
                    .isEqualTo(get(customer.api(), item.path("id").asString()).json());
        }
        assertThat(customer.api().post("/api/v1/subscriptions/" + second + "/cancel", Map.of()).status())
                .isEqualTo(200);

        // the day comes: the scheduler applies it
        jdbc.sql("UPDATE subscription_change SET effective_date = :today WHERE subscription_id = :id")
                .param("today", Date.valueOf(today())).param("id", UUID.fromString(id)).update();
        scheduler.run();
        Api.Response applied = get(customer.api(), id);
        assertThat(applied.text("planId")).as("%s", applied).isEqualTo(shop.small());
        assertThat(quantity(applied.json(), shop.mail().counted())).isEqualTo("7");
        assertThat(applied.json().path("scheduled").size()).isZero();
        assertThat(holding(shop)).isEqualTo("7");
        List<JsonNode> changed = events(customer, "subscription.changed");
        assertThat(changed).as("quantity changes, plan change and the scheduled change").hasSize(4);
        assertThat(changed.get(0).path("after").path("effectiveDate").asString()).isEqualTo(today().toString());
        assertThat(changed.get(0).path("after").path("planId").asString()).isEqualTo(shop.small());

        Api.Response nothing = customer.api().post(change, Map.of());
        assertThat(nothing.status()).as("%s", nothing).isEqualTo(422);
        assertThat(changed.get(0).toString()).as("the audit event names the subscription it changed")
                .contains(id);
    }

    @Test
    void theVendorSideSuspendsAndResumesAndTheSubscriberCancels() {
        Shop shop = shop("Suspend Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Suspend Customer");
        String id = order(customer, shop.small(), 4, null).text("id");
        String path = "/api/v1/subscriptions/" + id;

        Api.Response own = customer.api().post(path + "/suspend", Map.of());
        assertThat(own.status()).as("%s", own).isEqualTo(403);
        assertThat(own.text("type")).isEqualTo(PROBLEM + "vendor-decides");

        Api.Response suspended = shop.reseller().post(path + "/suspend", Map.of());
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("SUSPENDED");
        assertThat(suspended.text("suspension")).isEqualTo("OWN");
        assertThat(holding(shop)).as("a suspended subscription still holds its quantities").isEqualTo("4");
        Api.Response twice = shop.reseller().post(path + "/suspend", null);
        assertThat(twice.status()).as("%s", twice).isEqualTo(409);

        Api.Response ownResume = customer.api().post(path + "/resume", Map.of());
        assertThat(ownResume.status()).as("%s", ownResume).isEqualTo(403);
        assertThat(ownResume.text("type")).isEqualTo(PROBLEM + "vendor-decides");
        Api.Response resumed = provider.post(path + "/resume", null);
        assertThat(resumed.status()).as("the provider is on the vendor side too: %s", resumed).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("ACTIVE");
        assertThat(resumed.text("suspension")).isNull();
        Api.Response resumedTwice = shop.reseller().post(path + "/resume", Map.of());
        assertThat(resumedTwice.status()).as("%s", resumedTwice).isEqualTo(409);

        LocalDate later = today().plusDays(3);
        Api.Response suspendLater = shop.reseller().post(path + "/suspend", Map.of("effectiveDate", later.toString()));
        assertThat(suspendLater.status()).as("%s", suspendLater).isEqualTo(200);
        assertThat(suspendLater.text("status")).isEqualTo("ACTIVE");
        assertThat(suspendLater.json().path("scheduled").get(0).path("kind").asString()).isEqualTo("SUSPEND");
        assertThat(effectiveDates(customer, "subscription.suspend-scheduled")).containsEntry(id, later.toString());

        Api.Response cancelled = customer.api().post(path + "/cancel", Map.of());
        assertThat(cancelled.status()).as("the subscriber cancels: %s", cancelled).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("cancelledOn")).isEqualTo(today().toString());
        assertThat(holding(shop)).as("cancelling releases the quantities up the tree").isEqualTo("0");
        assertThat(customer.api().post(path + "/cancel", Map.of()).status()).isEqualTo(409);
        assertThat(customer.api().post(path + "/change", quantities(shop, 2, null)).status()).isEqualTo(409);
        assertThat(shop.reseller().post(path + "/resume", Map.of()).status()).isEqualTo(409);

        assertThat(effectiveDates(customer, "subscription.suspended")).containsEntry(id, today().toString());
        assertThat(effectiveDates(customer, "subscription.resumed")).containsEntry(id, today().toString());
        assertThat(effectiveDates(customer, "subscription.cancelled")).containsEntry(id, today().toString());
        JsonNode cancel = events(customer, "subscription.cancelled").get(0);
        assertThat(cancel.path("before").path("status").asString()).isEqualTo("ACTIVE");
        assertThat(cancel.path("after").path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void cancellingAtPeriodEndEndsOnTheNextCycleDayAndAHoldingInUseStays() {
        Shop shop = shop("Period Reseller", 100, "HARD", 15);
        Buyer customer = customer(shop, "Period Customer");
        String id = order(customer, shop.small(), 3, null).text("id");

        Api.Response atEnd = customer.api().post("/api/v1/subscriptions/" + id + "/cancel",
                Map.of("atPeriodEnd", true));
        assertThat(atEnd.status()).as("%s", atEnd).isEqualTo(200);
        LocalDate today = today();
        LocalDate cycle = today.withDayOfMonth(15);
        LocalDate expected = cycle.isAfter(today) ? cycle : cycle.plusMonths(1);
        assertThat(atEnd.text("cancelAt")).as("the reseller's customers are billed on the 15th").isEqualTo(
                expected.toString());
        assertThat(atEnd.text("status")).isEqualTo("ACTIVE");
        assertThat(holding(shop)).isEqualTo("3");
        assertThat(effectiveDates(customer, "subscription.cancel-scheduled")).containsEntry(id, expected.toString());

        Api.Response both = customer.api().post("/api/v1/subscriptions/" + id + "/cancel",
                Map.of("atPeriodEnd", true, "effectiveDate", today.toString()));
        assertThat(both.status()).as("%s", both).isEqualTo(422);

        Api.Response inUse = shop.reseller().post("/api/v1/subscriptions/" + shop.holdingId() + "/cancel", Map.of());
        assertThat(inUse.status()).as("%s", inUse).isEqualTo(409);
        assertThat(inUse.text("type")).isEqualTo(PROBLEM + "holding-in-use");
        assertThat(get(shop.reseller(), shop.holdingId()).text("status")).isEqualTo("ACTIVE");

        // the day comes: the scheduler cancels and releases
        jdbc.sql("UPDATE subscription SET cancel_at = :today WHERE id = :id")
                .param("today", Date.valueOf(today)).param("id", UUID.fromString(id)).update();
        scheduler.run();
        Api.Response ended = get(customer.api(), id);
        assertThat(ended.text("status")).as("%s", ended).isEqualTo("CANCELLED");
        assertThat(holding(shop)).isEqualTo("0");

        Api.Response released = shop.reseller().post("/api/v1/subscriptions/" + shop.holdingId() + "/cancel",
                Map.of());
        assertThat(released.status()).as("a holding nobody orders through may go: %s", released).isEqualTo(200);
        assertThat(released.text("status")).isEqualTo("CANCELLED");
        Api.Response noMore = order(customer, shop.small(), 1, null);
        assertThat(noMore.status()).as("nothing above holds the service any more: %s", noMore).isEqualTo(422);
        assertThat(noMore.text("type")).isEqualTo(PROBLEM + "service-not-held");
    }

    @Test
    void aPendingSubscriptionBecomesActiveOnItsStartDayAndThatIsAudited() {
        Shop shop = shop("Pending Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Pending Customer");
        LocalDate later = today().plusDays(2);
        String id = order(customer, shop.small(), 1, later).text("id");
        assertThat(get(customer.api(), id).text("status")).isEqualTo("PENDING");

        jdbc.sql("UPDATE subscription SET start_date = :today WHERE id = :id")
                .param("today", Date.valueOf(today())).param("id", UUID.fromString(id)).update();
        scheduler.run();
        assertThat(get(customer.api(), id).text("status")).isEqualTo("ACTIVE");

        Api.Response audit = customer.api().get("/api/v1/accounts/" + customer.id() + "/audit-events?limit=500");
        boolean activation = audit.json().path("items").valueStream()
                .filter(e -> e.toString().contains(id))
                .anyMatch(e -> "ACTIVE".equals(e.path("after").path("status").asString())
                        && "PENDING".equals(e.path("before").path("status").asString()));
        assertThat(activation).as("PENDING → ACTIVE is a transition too and must be audited with its effective "
                + "date; audit: %s", audit).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ accounts

    @Test
    void suspendingAnAccountSuspendsItsSubscriptionsAndResumingRestoresExactlyThose() {
        Shop shop = shop("Follow Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Follow Customer");
        String active = order(customer, shop.small(), 1, null).text("id");
        String own = order(customer, shop.small(), 1, null).text("id");
        String pending = order(customer, shop.small(), 1, today().plusDays(4)).text("id");
        String cancelled = order(customer, shop.small(), 1, null).text("id");
        assertThat(shop.reseller().post("/api/v1/subscriptions/" + own + "/suspend", Map.of()).status())
                .isEqualTo(200);
        assertThat(customer.api().post("/api/v1/subscriptions/" + cancelled + "/cancel", Map.of()).status())
                .isEqualTo(200);

        Api.Response suspended = shop.reseller().post("/api/v1/accounts/" + customer.id() + "/suspend", null);
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertStatus(shop.reseller(), active, "SUSPENDED", "ACCOUNT");
        assertStatus(shop.reseller(), own, "SUSPENDED", "OWN");
        assertStatus(shop.reseller(), pending, "SUSPENDED", "ACCOUNT");
        assertStatus(shop.reseller(), cancelled, "CANCELLED", null);
        Map<String, String> withAccount = effectiveDates(shop.reseller(), customer.id(),
                "subscription.suspended-with-account");
        assertThat(withAccount).containsOnlyKeys(active, pending).containsEntry(active, today().toString());

        Api.Response direct = shop.reseller().post("/api/v1/subscriptions/" + active + "/resume", Map.of());
        assertThat(direct.status()).as("%s", direct).isEqualTo(409);
        assertThat(direct.text("type")).isEqualTo(PROBLEM + "account-suspended");
        Api.Response whileSuspended = orderAs(shop.reseller(), customer.id(), shop.small(), shop.mail().counted(), 1);
        assertThat(whileSuspended.status()).as("%s", whileSuspended).isEqualTo(409);
        assertThat(whileSuspended.text("type")).isEqualTo(PROBLEM + "account-not-active");

        Api.Response resumed = shop.reseller().post("/api/v1/accounts/" + customer.id() + "/resume", null);
        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertStatus(shop.reseller(), active, "ACTIVE", null);
        assertStatus(shop.reseller(), own, "SUSPENDED", "OWN");
        assertStatus(shop.reseller(), pending, "PENDING", null);
        assertStatus(shop.reseller(), cancelled, "CANCELLED", null);
        assertThat(effectiveDates(customer, "subscription.resumed-with-account")).containsOnlyKeys(active, pending)
                .containsEntry(active, today().toString());

        // a cascade from above reaches the subscriptions too
        Api.Response fromAbove = provider.post("/api/v1/accounts/" + shop.resellerId() + "/suspend", null);
        assertThat(fromAbove.status()).as("%s", fromAbove).isEqualTo(200);
        assertStatus(provider, active, "SUSPENDED", "ACCOUNT");
        assertStatus(provider, shop.holdingId(), "SUSPENDED", "ACCOUNT");
        assertThat(provider.post("/api/v1/accounts/" + shop.resellerId() + "/resume", null).status()).isEqualTo(200);
        assertStatus(shop.reseller(), active, "ACTIVE", null);
        assertStatus(provider, shop.holdingId(), "ACTIVE", null);
        assertStatus(shop.reseller(), own, "SUSPENDED", "OWN");
    }

    @Test
    void aSubscriptionOfASuspendedAccountDoesNotBecomeActiveWhenResumedOnItsOwn() {
        Shop shop = shop("Guard Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Guard Customer");
        String own = order(customer, shop.small(), 1, null).text("id");
        assertThat(shop.reseller().post("/api/v1/subscriptions/" + own + "/suspend", Map.of()).status())
                .isEqualTo(200);
        assertThat(shop.reseller().post("/api/v1/accounts/" + customer.id() + "/suspend", null).status())
                .isEqualTo(200);

        Api.Response resumed = shop.reseller().post("/api/v1/subscriptions/" + own + "/resume", Map.of());
        assertThat(resumed.status()).as("%s", resumed).isIn(200, 409);
        assertThat(get(shop.reseller(), own).text("status"))
                .as("while its account is suspended a subscription is not ACTIVE (resume answered %s)", resumed)
                .isNotEqualTo("ACTIVE");
    }

    @Test
    void terminatingAnAccountCancelsItsSubscriptionsAndReleasesTheirQuantities() {
        Shop shop = shop("Terminate Reseller", 100, "HARD");
        Buyer customer = customer(shop, "Terminate Customer");
        String id = order(customer, shop.small(), 6, null).text("id");
        assertThat(holding(shop)).isEqualTo("6");
        Api.Response terminated = shop.reseller().post("/api/v1/accounts/" + customer.id() + "/terminate", null);
        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);
        assertStatus(shop.reseller(), id, "CANCELLED", null);
        assertThat(holding(shop)).isEqualTo("0");
    }

    @Test
    void aResellersOwnUseIsListedApartFromItsHoldings() {
        Shop shop = shop("My Provider Reseller", 100, "HARD");
        String providerRetail = CatalogFixtures.publishedPlan(provider, providerId(), "END_CUSTOMER", "6.00",
                List.of(resource(shop.mail().counted(), 1, 5, "HARD", "2.00", null)));
        Api.Response ownUse = shop.reseller().post("/api/v1/accounts/" + shop.resellerId() + "/subscriptions",
                Map.of("planId", providerRetail, "resources",
                        List.of(Map.of("resourceType", shop.mail().counted(), "quantity", 2))));
        assertThat(ownUse.status()).as("%s", ownUse).isEqualTo(201);
        assertThat(ownUse.text("purpose")).isEqualTo("OWN_USE");
        assertThat(ownUse.text("vendorId")).isEqualTo(providerId());

        String list = "/api/v1/accounts/" + shop.resellerId() + "/subscriptions";
        assertThat(ids(shop.reseller().get(list + "?purpose=OWN_USE"))).containsExactly(ownUse.text("id"));
        assertThat(ids(shop.reseller().get(list + "?purpose=RESALE"))).containsExactly(shop.holdingId());
        assertThat(ids(shop.reseller().get(list))).containsExactly(shop.holdingId(), ownUse.text("id"));
        assertThat(holding(shop)).as("its own use does not count against what it holds for resale").isEqualTo("0");

        Api.Response direct = shop.reseller().post(list, Map.of("planId", shop.wholesaleId(), "resources",
                List.of(Map.of("resourceType", shop.mail().counted(), "quantity", 2))));
        assertThat(direct.status()).as("a holding's quantities are not set directly: %s", direct).isEqualTo(422);
        assertThat(fields(direct)).contains("resources");
    }

    // ------------------------------------------------------------------------------------------------ limits

    @Test
    void ordersCountAgainstEveryHoldingUpThreeTiers() {
        var mail = CatalogFixtures.mailService(provider);
        String tier1Plan = CatalogFixtures.publishedPlan(provider, providerId(), "RESELLER", "100.00",
                List.of(resource(mail.counted(), 0, 20, "HARD", "1.00", null)));
        var r1 = AccountFixtures.reseller("Tier One").create(provider);
        Api r1Api = as(r1.adminEmail(), PASSWORD);
        String r1Holding = subscribe(r1Api, r1.id(), tier1Plan);
        String r1Retail = CatalogFixtures.publishedPlan(r1Api, r1.id(), "END_CUSTOMER", "5.00",
                List.of(resource(mail.counted(), 0, 50, "HARD", "2.00", null)));
        String r1Resale = CatalogFixtures.publishedPlan(r1Api, r1.id(), "RESELLER", "50.00",
                List.of(resource(mail.counted(), 0, 15, "HARD", "1.50", null)));

        var r2 = AccountFixtures.reseller("Tier Two").create(r1Api);
        Api r2Api = as(r2.adminEmail(), PASSWORD);
        String r2Holding = subscribe(r2Api, r2.id(), r1Resale);
        String r2Retail = CatalogFixtures.publishedPlan(r2Api, r2.id(), "END_CUSTOMER", "5.00",
                List.of(resource(mail.counted(), 0, 50, "HARD", "3.00", null)));

        var d = AccountFixtures.customer("Tier One Customer").create(r1Api);
        var c = AccountFixtures.customer("Tier Two Customer").create(r2Api);
        Api cApi = as(c.adminEmail(), PASSWORD);

        String dSubscription = orderAs(r1Api, d.id(), r1Retail, mail.counted(), 10).text("id");
        assertThat(quantityOf(r1Api, r1Holding)).isEqualTo("10");

        Api.Response first = orderAs(cApi, c.id(), r2Retail, mail.counted(), 5);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(quantityOf(r2Api, r2Holding)).as("C's order counts against R2's holding").isEqualTo("5");
        assertThat(quantityOf(r1Api, r1Holding)).as("... and against R1's holding").isEqualTo("15");

        Api.Response refused = orderAs(cApi, c.id(), r2Retail, mail.counted(), 6);
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo(PROBLEM + "limit-exceeded");
        assertThat(refused.json().path("tier").asInt()).as("%s", refused).isEqualTo(2);
        assertThat(refused.json().path("whose").asString()).contains("2 tiers up");
        assertThat(refused.json().path("left").asString()).isEqualTo("5");
        assertThat(refused.json().path("limit").asString()).isEqualTo("20");
        assertThat(refused.json().path("resourceType").asString()).isEqualTo(mail.counted());
        assertThat(refused.text("detail")).contains("5 left");
        assertThat(refused.json().has("accountId")).as("C learns no id of an account above it").isFalse();
        assertThat(quantityOf(r2Api, r2Holding)).as("nothing half-allocated").isEqualTo("5");
        assertThat(quantityOf(r1Api, r1Holding)).isEqualTo("15");
        assertThat(ids(cApi.get("/api/v1/accounts/" + c.id() + "/subscriptions"))).hasSize(1);

        Api.Response upToTheLimit = orderAs(cApi, c.id(), r2Retail, mail.counted(), 5);
        assertThat(upToTheLimit.status()).as("%s", upToTheLimit).isEqualTo(201);
        assertThat(quantityOf(r1Api, r1Holding)).isEqualTo("20");
        assertThat(quantityOf(r2Api, r2Holding)).isEqualTo("10");
        Api.Response refusedChange = cApi.post("/api/v1/subscriptions/" + first.text("id") + "/change",
                Map.of("resources", List.of(Map.of("resourceType", mail.counted(), "quantity", 6))));
        assertThat(refusedChange.status()).as("a quantity change counts up the tree too: %s", refusedChange)
                .isEqualTo(422);
        assertThat(refusedChange.json().path("tier").asInt()).isEqualTo(2);

        assertThat(r1Api.post("/api/v1/subscriptions/" + dSubscription + "/cancel", Map.of()).status())
                .isEqualTo(200);
        assertThat(quantityOf(r1Api, r1Holding)).isEqualTo("10");
        Api.Response pastR2 = orderAs(cApi, c.id(), r2Retail, mail.counted(), 6);
        assertThat(pastR2.status()).as("%s", pastR2).isEqualTo(422);
        assertThat(pastR2.json().path("tier").asInt()).isEqualTo(1);
        assertThat(pastR2.json().path("left").asString()).isEqualTo("5");
        assertThat(pastR2.json().path("limit").asString()).isEqualTo("15");
        Api.Response asVendor = orderAs(r2Api, c.id(), r2Retail, mail.counted(), 6);
        assertThat(asVendor.status()).isEqualTo(422);
        assertThat(asVendor.json().path("accountId").asString()).as("R2 may learn its own id").isEqualTo(r2.id());

        Api.Response held = r1Api.get("/api/v1/subscriptions/" + r1Holding);
        JsonNode resource = held.json().path("resources").get(0);
        assertThat(resource.path("limit").asString()).isEqualTo("20");
        assertThat(resource.path("left").asString()).isEqualTo("10");
    }

    @Test
    void softLimitsAllowTheExcess() {
        Shop shop = shop("Soft Reseller", 5, "SOFT");
        String soft = CatalogFixtures.publishedPlan(shop.reseller(), shop.resellerId(), "END_CUSTOMER", "5.00",
                List.of(resource(shop.mail().counted(), 0, 3, "SOFT", "2.00", null)));
        Buyer customer = customer(shop, "Soft Customer");
        Api.Response over = order(customer, soft, 8, null);
        assertThat(over.status()).as("%s", over).isEqualTo(201);
        JsonNode resource = over.json().path("resources").get(0);
        assertThat(resource.path("quantity").asString()).isEqualTo("8");
        assertThat(resource.path("limitType").asString()).isEqualTo("SOFT");
        assertThat(resource.path("left").asString()).isEqualTo("0");
        assertThat(holding(shop)).isEqualTo("8");
    }

    // ------------------------------------------------------------------------------------------------ concurrency

    @Test
    void parallelOrdersOfManyCustomersNeverPassAHardLimit() throws Exception {
        Shop shop = shop("Race Reseller", 10, "HARD");
        String plan = CatalogFixtures.publishedPlan(shop.reseller(), shop.resellerId(), "END_CUSTOMER", "5.00",
                List.of(resource(shop.mail().counted(), 0, 5, "HARD", "2.00", null)));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            customers.add(AccountFixtures.customer("Race Customer " + i).create(shop.reseller()).id());
        }
        List<Api.Response> answers = race(20, i -> orderAs(shop.reseller(), customers.get(i), plan,
                shop.mail().counted(), 1));
        assertRace(shop, answers);
    }

    @Test
    void parallelOrdersOfOneCustomerNeverPassAHardLimit() throws Exception {
        Shop shop = shop("Race Single Reseller", 10, "HARD");
        String plan = CatalogFixtures.publishedPlan(shop.reseller(), shop.resellerId(), "END_CUSTOMER", "5.00",
                List.of(resource(shop.mail().counted(), 0, 5, "HARD", "2.00", null)));
        Buyer customer = customer(shop, "Race Single Customer");
        List<Api.Response> answers = race(20, i -> orderAs(customer.api(), customer.id(), plan,
                shop.mail().counted(), 1));
        assertRace(shop, answers);
        assertThat(ids(customer.api().get("/api/v1/accounts/" + customer.id() + "/subscriptions?limit=500")))
                .hasSize(10);
    }

    private void assertRace(Shop shop, List<Api.Response> answers) {
        assertThat(answers.stream().filter(a -> a.status() == 201).count()).as("%s", answers).isEqualTo(10);
        assertThat(answers.stream().filter(a -> a.status() == 422).count()).as("%s", answers).isEqualTo(10);
        answers.stream().filter(a -> a.status() == 422)
                .forEach(a -> assertThat(a.text("type")).isEqualTo(PROBLEM + "limit-exceeded"));
        assertThat(holding(shop)).isEqualTo("10");
    }

    private interface Order {
        Api.Response place(int index);
    }

    private static List<Api.Response> race(int threads, Order order) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Api.Response> task = () -> {
                    start.await();
                    return order.place(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * A reseller holding a fresh mail service through a provider wholesale plan (counted resource with the given
     * limit), with two retail plans: small (1 included, HARD 10) and large (HARD 20).
     */
    record Shop(CatalogFixtures.Service mail, String wholesaleId, String resellerId, Api reseller, String holdingId,
                String small, String large) {
    }

    record Buyer(String id, Api api) {
    }

    private Shop shop(String name, int limit, String limitType) {
        return shop(name, limit, limitType, null);
    }

    private Shop shop(String name, int limit, String limitType, Integer customerBillCycleDay) {
        var mail = CatalogFixtures.mailService(provider);
        AccountFixtures fixture = AccountFixtures.reseller(name);
        if (customerBillCycleDay != null) {
            fixture.with("resellerProfile", Map.of("customerBillCycleDay", customerBillCycleDay));
        }
        Tree tree = TreeFixtures.resellerWithHolding(provider).reseller(fixture).mail(mail)
                .wholesale("100.00", resource(mail.counted(), 0, limit, limitType, "1.00", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.10"))
                .plan("5.00", resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.20"))
                .plan("9.00", resource(mail.counted(), 0, 20, "HARD", "1.80", null),
                        resource(mail.metered(), 0, null, "SOFT", null, "0.20"))
                .build();
        return new Shop(mail, tree.wholesalePlanId(), tree.resellerId(), tree.reseller(), tree.holdingId(),
                tree.planIds().get(0), tree.planIds().get(1));
    }

    private Buyer customer(Shop shop, String name) {
        var customer = AccountFixtures.customer(name).create(shop.reseller());
        return new Buyer(customer.id(), as(customer.adminEmail(), PASSWORD));
    }

    private static String subscribe(Api api, String accountId, String planId) {
        Api.Response created = api.post("/api/v1/accounts/" + accountId + "/subscriptions", Map.of("planId", planId));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    private static Api.Response order(Buyer buyer, String planId, int quantity, LocalDate start) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("planId", planId);
        if (start != null) {
            body.put("startDate", start.toString());
        }
        Api.Response plan = buyer.api().get("/api/v1/plans/" + planId);
        String counted = plan.json().path("resources").get(0).path("resourceType").asString();
        body.put("resources", List.of(Map.of("resourceType", counted, "quantity", quantity)));
        return buyer.api().post("/api/v1/accounts/" + buyer.id() + "/subscriptions", body);
    }

    private static Api.Response orderAs(Api api, String accountId, String planId, String resourceType,
                                        int quantity) {
        return api.post("/api/v1/accounts/" + accountId + "/subscriptions", Map.of("planId", planId,
                "resources", List.of(Map.of("resourceType", resourceType, "quantity", quantity))));
    }

    private static Map<String, Object> quantities(Shop shop, int quantity, LocalDate effective) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("resources", List.of(Map.of("resourceType", shop.mail().counted(), "quantity", quantity)));
        if (effective != null) {
            body.put("effectiveDate", effective.toString());
        }
        return body;
    }

    private static Api.Response get(Api api, String subscriptionId) {
        Api.Response response = api.get("/api/v1/subscriptions/" + subscriptionId);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response;
    }

    private static void assertStatus(Api api, String subscriptionId, String status, String suspension) {
        Api.Response read = get(api, subscriptionId);
        assertThat(read.text("status")).as("%s", read).isEqualTo(status);
        assertThat(read.text("suspension")).as("%s", read).isEqualTo(suspension);
    }

    /** The counted quantity of the shop's holding: what its subtree orders through it. */
    private static String holding(Shop shop) {
        return quantityOf(shop.reseller(), shop.holdingId());
    }

    private static String quantityOf(Api api, String subscriptionId) {
        return get(api, subscriptionId).json().path("resources").get(0).path("quantity").asString();
    }

    private static String quantity(JsonNode subscription, String resourceType) {
        return subscription.path("resources").valueStream()
                .filter(r -> resourceType.equals(r.path("resourceType").asString()))
                .map(r -> r.path("quantity").asString()).findFirst().orElse(null);
    }

    private static List<JsonNode> events(Buyer buyer, String action) {
        return events(buyer.api(), buyer.id(), action);
    }

    private static List<JsonNode> events(Api api, String accountId, String action) {
        Api.Response audit = api.get("/api/v1/accounts/" + accountId + "/audit-events?limit=500&action=" + action);
        assertThat(audit.status()).as("%s", audit).isEqualTo(200);
        return audit.json().path("items").valueStream().toList();
    }

    /** Per subscription id, the effective date its events of this action record. */
    private static Map<String, String> effectiveDates(Buyer buyer, String action) {
        return effectiveDates(buyer.api(), buyer.id(), action);
    }

    private static Map<String, String> effectiveDates(Api api, String accountId, String action) {
        Map<String, String> dates = new java.util.LinkedHashMap<>();
        for (JsonNode event : events(api, accountId, action)) {
            JsonNode after = event.path("after");
            String id = after.has("subscriptionId") ? after.path("subscriptionId").asString()
                    : after.path("subscription").path("id").asString();
            dates.putIfAbsent(id, after.path("effectiveDate").asString());
        }
        return dates;
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().path("items").valueStream().map(i -> i.path("id").asString()).toList();
    }

    private static List<String> fields(Api.Response response) {
        return response.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
