package io.cascade.billing;

import io.cascade.billing.api.BillingRuns;
import io.cascade.billing.api.RunStatus;
import io.cascade.billing.api.RunTrigger;
import io.cascade.billing.internal.ChargeRules;
import io.cascade.billing.internal.RunChunks;
import io.cascade.billing.internal.RunStore;
import io.cascade.subscriptions.api.SubscriptionTerms;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run's safety: a buyer whose billing fails is recorded and the run goes on, leaving no half invoice, and the
 * next run finishes exactly that buyer; a dead node's chunk is taken over when its heartbeat stops, and the dead
 * node, if it wakes up, can write nothing.
 */
class BillingRunsIT extends BillingIntegrationTest {
    private static final LocalDate JUNE = LocalDate.of(2026, 6, 1);

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private RunStore runs;
    @Autowired
    private RunChunks chunks;
    @Autowired
    private SubscriptionTerms terms;
    @Autowired
    private TransactionTemplate transactions;

    /** {@code count} customers of the provider, each with one 10.00 monthly subscription from {@code day}. */
    private List<String> customers(int count, LocalDate day) {
        String providerId = providerId();
        assertThat(provider.send("PUT", "/api/v1/accounts/" + providerId + "/billing-settings",
                Map.of("taxRates", List.of(Map.of("rate", "20"))), "application/json").status()).isEqualTo(200);
        var mail = CatalogFixtures.mailService(provider);
        String plan = CatalogFixtures.publishedPlan(provider, providerId, "END_CUSTOMER", "10.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "1.00", null)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var customer = AccountFixtures.customer(unique("Run Customer")).with("billCycleDay", 1).create(provider);
            Api.Response subscribed = provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                    Map.of("planId", plan, "startDate", day.toString()));
            assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
            ids.add(customer.id());
        }
        return ids;
    }

    private List<JsonNode> invoicesOf(String accountId) {
        Api.Response list = provider.get("/api/v1/accounts/" + accountId + "/invoices?role=BUYER");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> result = new ArrayList<>();
        list.json().path("items").forEach(result::add);
        return result;
    }

    @Test
    void aFailingBuyerIsRecordedWithNoHalfInvoiceAndTheNextRunFinishesIt() {
        travelTo(JUNE);
        List<String> customers = customers(12, JUNE);
        String victim = customers.get(5);
        jdbc.sql("""
                CREATE FUNCTION billing_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'injected failure for this buyer';
                END $$""").update();
        jdbc.sql("CREATE TRIGGER billing_test_fail BEFORE INSERT ON invoice FOR EACH ROW WHEN (NEW.buyer_id = '"
                + UUID.fromString(victim) + "') EXECUTE FUNCTION billing_test_fail()").update();
        JsonNode first;
        try {
            first = run(JUNE);
        } finally {
            jdbc.sql("DROP TRIGGER billing_test_fail ON invoice").update();
            jdbc.sql("DROP FUNCTION billing_test_fail()").update();
        }
        assertThat(first.path("progress").path("buyersFailed").asInt()).as("%s", first).isEqualTo(1);
        assertThat(first.path("errors").get(0).path("buyerAccountId").asString()).isEqualTo(victim);
        assertThat(first.path("errors").get(0).path("message").asString()).contains("injected failure");
        for (String customer : customers) {
            List<JsonNode> invoices = invoicesOf(customer);
            if (customer.equals(victim)) {
                assertThat(invoices).as("the failed buyer has no invoice").isEmpty();
                assertThat(jdbc.sql("""
                                SELECT count(*) FROM invoice_line l JOIN subscription s ON s.id = l.subscription_id
                                WHERE s.account_id = :id AND l.charge IS NOT NULL""").param("id", UUID.fromString(victim))
                        .query(Long.class).single()).as("and no ledger row: nothing half written").isZero();
            } else {
                assertThat(invoices).hasSize(1);
                assertThat(invoices.get(0).path("total").path("amount").asString()).isEqualTo("12.00");
            }
        }

        JsonNode second = run(JUNE);
        assertThat(second.path("progress").path("buyersFailed").asInt()).isZero();
        assertThat(second.path("progress").path("invoicesWritten").asInt()).as("only the failed buyer: %s", second)
                .isEqualTo(1);
        for (String customer : customers) {
            List<JsonNode> invoices = invoicesOf(customer);
            assertThat(invoices).as("exactly what an uninterrupted run gives").hasSize(1);
            assertThat(invoices.get(0).path("total").path("amount").asString()).isEqualTo("12.00");
        }
    }

    @Test
    void aDeadNodesChunkIsTakenOverFromItsFirstUnfinishedBuyerWhenItsHeartbeatStops() {
        travelTo(JUNE.plusMonths(1));
        LocalDate asOf = clock.today();
        List<String> customers = customers(9, asOf);
        UUID runId = UUID.randomUUID();
        List<UUID> ghostBuyers = new ArrayList<>();
        // a node's job engine picks the first chunk and claims it; it finishes its first two buyers (as its buyer by
        // buyer retry commits them one at a time), and then only keeps its heartbeat going
        transactions.executeWithoutResult(s -> {
            List<UUID> buyers = terms.buyers(ChargeRules.horizon(asOf));
            runs.create(runId, asOf, RunTrigger.MANUAL, null, buyers, 5, clock.instant());
            chunks.schedule(runId, buyers.size(), 5);
            assertThat(jdbc.sql("""
                            UPDATE scheduled_tasks SET picked = true, picked_by = 'ghost', last_heartbeat = now(),
                                   version = version + 1
                            WHERE task_name = 'billing-chunk' AND task_instance = :id""")
                    .param("id", runId + "/1-5").update()).isEqualTo(1);
            runs.claim(runId, "ghost", 1).forEach(item -> ghostBuyers.add(item.buyerId()));
        });
        assertThat(ghostBuyers).hasSize(5);
        Boolean confirmed = transactions.execute(s -> runs.confirm(runId, "ghost", 1, 1, 2));
        assertThat(confirmed).isTrue();
        Boolean again = transactions.execute(s -> runs.confirm(runId, "ghost", 1, 1, 2));
        assertThat(again).as("finished buyers are confirmed once").isFalse();
        // the live node bills everything else, but cannot complete the run while the ghost's heartbeat goes on
        await("the live node bills every chunk but the ghost's").atMost(Duration.ofSeconds(30)).until(() -> {
            ghostHeartbeat();
            return jdbc.sql("""
                            SELECT count(*) FROM billing_run_chunk
                            WHERE run_id = :run AND state IN ('PENDING', 'CLAIMED') AND first_seq > 5""")
                    .param("run", runId).query(Long.class).single();
        }, pending -> pending == 0);
        await("the run stays RUNNING while the ghost's heartbeat goes on").during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5)).until(() -> {
                    ghostHeartbeat();
                    return runs.find(runId).orElseThrow().status();
                }, RunStatus.RUNNING::equals);
        // the ghost dies: its heartbeat stops, another node runs the chunk again from its third buyer, and the run
        // completes; the two buyers the ghost finished are neither billed again nor counted twice
        JsonNode done = awaitRun(runId.toString());
        assertThat(done.path("progress").path("buyersDone").asInt()).isEqualTo(done.path("progress")
                .path("buyersTotal").asInt() - 2);
        Map<String, Object> ghostChunk = jdbc.sql("""
                        SELECT node, attempts, state, finished FROM billing_run_chunk
                        WHERE run_id = :run AND first_seq = 1""")
                .param("run", runId).query().singleRow();
        assertThat(ghostChunk.get("state")).isEqualTo("DONE");
        assertThat(ghostChunk.get("node")).isNotEqualTo("ghost");
        assertThat(ghostChunk.get("attempts")).isEqualTo(2);
        assertThat(ghostChunk.get("finished")).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM invoice WHERE run_id = :run AND buyer_id = ANY(:ghost)")
                .param("run", runId).param("ghost", ghostBuyers.subList(0, 2).toArray(UUID[]::new))
                .query(Long.class).single()).as("the ghost's finished buyers are not billed again").isZero();
        // the dead node wakes up: its claim is gone, it can confirm (and so write) nothing
        Boolean late = transactions.execute(s -> runs.confirm(runId, "ghost", 1, 3, 5));
        assertThat(late).isFalse();
        // the ghost wrote nothing for its two buyers: the next run bills them, and exactly what was missing
        run(asOf);
        for (String customer : customers) {
            List<JsonNode> invoices = invoicesOf(customer);
            assertThat(invoices).as("one invoice per buyer, whoever wrote it").hasSize(1);
            assertThat(invoices.get(0).path("total").path("amount").asString()).isEqualTo("12.00");
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM (SELECT buyer_id FROM invoice WHERE run_id = :run
                                              GROUP BY buyer_id, issuer_id HAVING count(*) > 1) d""")
                .param("run", runId).query(Long.class).single()).as("no buyer invoiced twice").isZero();
    }

    @Autowired
    private BillingRuns billingRuns;
    @Autowired
    private javax.sql.DataSource dataSource;

    @Test
    void aChunkWritesItsLinesAndLedgerRowsBeforeItWaitsForItsIssuersNumbers() throws Exception {
        travelTo(JUNE.plusMonths(2));
        List<String> customers = customers(3, clock.today());
        UUID providerId = UUID.fromString(providerId());
        JsonNode done;
        // another writer holds the provider's counter: the run's chunks wait for it
        try (java.sql.Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var insert = holder.prepareStatement("INSERT INTO billing_issuer (issuer_id, updated_at) VALUES (?, now())"
                    + " ON CONFLICT DO NOTHING");
                 var lock = holder.prepareStatement("SELECT issuer_id FROM billing_issuer WHERE issuer_id = ? FOR UPDATE")) {
                insert.setObject(1, providerId);
                insert.executeUpdate();
                lock.setObject(1, providerId);
                lock.executeQuery().close();
            }
            Api.Response started = provider.post("/api/v1/billing/runs", Map.of("asOf", clock.today().toString()));
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            Integer waiting = await("a chunk waits for the provider's numbers").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                            SELECT min(a.pid) FROM pg_stat_activity a
                            WHERE a.wait_event_type = 'Lock' AND a.query LIKE '%billing_issuer%'""")
                    .query(Integer.class).optional().orElse(null), java.util.Objects::nonNull);
            // by then its lines and ledger rows are written (not yet visible): only the invoices wait for the numbers
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM pg_locks l
                            WHERE l.pid = :pid AND l.granted AND l.mode = 'RowExclusiveLock'
                              AND l.relation = 'invoice_line'::regclass""")
                    .param("pid", waiting).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM pg_locks l
                            WHERE l.pid = :pid AND l.granted AND l.relation = 'invoice'::regclass
                              AND l.mode = 'RowExclusiveLock'""")
                    .param("pid", waiting).query(Long.class).single()).isZero();
            holder.rollback();
            done = awaitRun(started.text("id"));
        }
        assertThat(done.path("progress").path("buyersFailed").asInt()).as("%s", done).isZero();
        for (String customer : customers) {
            List<JsonNode> invoices = invoicesOf(customer);
            assertThat(invoices).hasSize(1);
            assertThat(invoices.get(0).path("total").path("amount").asString()).isEqualTo("12.00");
            assertThat(invoices.get(0).path("lines").size()).isEqualTo(1);
        }
    }

    @Test
    void theDailyScheduleStartsOneRunPerDayWhateverTheNumberOfNodes() {
        var first = billingRuns.startScheduled();
        assertThat(first).isPresent();
        JsonNode run = awaitRun(first.get().toString());
        assertThat(run.path("trigger").asString()).isEqualTo("SCHEDULED");
        assertThat(run.path("asOf").asString()).isEqualTo(clock.today().toString());
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_event
                        WHERE action = 'billing.run-started' AND after ->> 'runId' = :run AND actor_user_id IS NULL
                        """)
                .param("run", first.get().toString()).query(Long.class).single())
                .as("the scheduled start is audited as the platform").isEqualTo(1);
        assertThat(billingRuns.startScheduled()).as("a second node's schedule finds the day's run").isEmpty();
    }

    @Test
    void runsAreForTheProviderAndNeverInTheFuture() {
        Api.Response future = provider.post("/api/v1/billing/runs",
                Map.of("asOf", clock.today().plusDays(1).toString()));
        assertThat(future.status()).as("%s", future).isEqualTo(422);
        assertThat(future.body()).contains("asOf");
        var reseller = AccountFixtures.reseller(unique("Not Provider")).create(provider);
        Api resellerAdmin = as(reseller.adminEmail(), PASSWORD);
        Api.Response refused = resellerAdmin.post("/api/v1/billing/runs", Map.of());
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.text("type")).isEqualTo("urn:cascade:problem:provider-only");
        JsonNode run = run(clock.today());
        Api.Response hidden = resellerAdmin.get("/api/v1/billing/runs/" + run.path("id").asString());
        assertThat(hidden.status()).isEqualTo(404);

        var customer = AccountFixtures.customer(unique("Run Watcher Customer")).create(provider);
        String email = unique("watcher") + "@runs.test";
        Api.Response customerUser = provider.post("/api/v1/accounts/" + providerId() + "/customer-users",
                Map.of("email", email, "name", "Watcher", "password", PASSWORD, "customerIds", List.of(customer.id())));
        assertThat(customerUser.status()).as("%s", customerUser).isEqualTo(201);
        Api watcher = as(email, PASSWORD);
        assertThat(watcher.get("/api/v1/billing/runs/" + run.path("id").asString()).status())
                .as("a customer user of the provider reads no run, as it lists none").isEqualTo(404);
        assertThat(watcher.get("/api/v1/billing/runs").status()).isEqualTo(404);
        assertThat(watcher.post("/api/v1/billing/runs", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void parallelStartsMakeOneRunAndConflictsAuditingOnlyTheRealRun() throws Exception {
        String audit = "/api/v1/accounts/" + providerId() + "/audit-events?action=billing.run-started&limit=500";
        int auditedBefore = provider.get(audit).json().path("items").size();
        int parallel = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return provider.post("/api/v1/billing/runs", Map.of("asOf", clock.today().toString()));
            }));
        }
        go.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (var answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();
        List<Api.Response> started = responses.stream().filter(r -> r.status() == 202).toList();
        assertThat(started).as("exactly one run starts: %s", responses).hasSize(1);
        assertThat(responses).as("the others are told a run is in progress").allSatisfy(r -> {
            if (r.status() != 202) {
                assertThat(r.status()).as("%s", r).isEqualTo(409);
                assertThat(r.text("type")).isEqualTo("urn:cascade:problem:run-in-progress");
            }
        });
        String runId = started.get(0).text("id");
        JsonNode audited = provider.get(audit).json().path("items");
        assertThat(audited.size() - auditedBefore).as("one audit event, of the real run: %s", audited).isEqualTo(1);
        assertThat(audited.toString()).contains(runId);
        awaitRun(runId);
    }

    /** What a live node's engine does for the executions it runs; a dead node stops doing it. */
    private void ghostHeartbeat() {
        jdbc.sql("UPDATE scheduled_tasks SET last_heartbeat = now() WHERE picked_by = 'ghost'").update();
    }
}
