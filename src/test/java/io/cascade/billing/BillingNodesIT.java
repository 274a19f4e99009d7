package io.cascade.billing;

import io.cascade.billing.api.RunTrigger;
import com.zaxxer.hikari.HikariDataSource;
import io.cascade.billing.internal.ChargeRules;
import io.cascade.billing.internal.RunStore;
import io.cascade.billing.internal.RunChunks;
import io.cascade.subscriptions.api.SubscriptionTerms;
import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.CatalogFixtures;
import io.cascade.support.Nodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Cascade nodes (two application contexts) on one database share one run — their job engines pick its chunks —
 * and bill nothing twice; and a run over a few thousand subscriptions, timed.
 */
class BillingNodesIT extends BillingIntegrationTest {
    private static final LocalDate OCTOBER = LocalDate.of(2026, 10, 1);

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private RunStore runs;
    @Autowired
    private RunChunks chunks;
    @Autowired
    private SubscriptionTerms terms;
    @Autowired
    private TransactionTemplate transactions;

    /** Customers of the provider, each with one 10.00 monthly subscription from {@code day}, and then
     * {@code extraEach} more subscriptions each (copied in SQL: the run does not care how they were made). */
    private List<String> customers(int count, int extraEach, LocalDate day) {
        String providerId = providerId();
        assertThat(provider.send("PUT", "/api/v1/accounts/" + providerId + "/billing-settings",
                Map.of("taxRates", List.of(Map.of("rate", "20"))), "application/json").status()).isEqualTo(200);
        var mail = CatalogFixtures.mailService(provider);
        String plan = CatalogFixtures.publishedPlan(provider, providerId, "END_CUSTOMER", "10.00",
                List.of(resource(mail.counted(), 1, 10, "HARD", "1.00", null)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var customer = AccountFixtures.customer(unique("Node Customer")).with("billCycleDay", 1).create(provider);
            Api.Response subscribed = provider.post("/api/v1/accounts/" + customer.id() + "/subscriptions",
                    Map.of("planId", plan, "startDate", day.toString()));
            assertThat(subscribed.status()).as("%s", subscribed).isEqualTo(201);
            ids.add(customer.id());
        }
        if (extraEach > 0) {
            UUID[] accounts = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
            jdbc.sql("""
                            INSERT INTO subscription (id, account_id, account_path, plan_id, vendor_id, purpose, status,
                                                      start_date, created_at, updated_at)
                            SELECT gen_random_uuid(), s.account_id, s.account_path, s.plan_id, s.vendor_id, s.purpose,
                                   s.status, s.start_date, s.created_at, s.updated_at
                            FROM subscription s CROSS JOIN generate_series(1, :n)
                            WHERE s.account_id = ANY(:accounts)""")
                    .param("n", extraEach).param("accounts", accounts).update();
            jdbc.sql("""
                            INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status,
                                                            quantities, recorded_at)
                            SELECT s.id, s.start_date, s.plan_id, s.status, '{}', now() FROM subscription s
                            WHERE s.account_id = ANY(:accounts)
                              AND NOT EXISTS (SELECT 1 FROM subscription_terms t WHERE t.subscription_id = s.id)""")
                    .param("accounts", accounts).update();
        }
        return ids;
    }

    @Test
    void twoNodesShareARunAndBillNothingTwice() throws Exception {
        travelTo(OCTOBER);
        List<String> customers = customers(40, 0, OCTOBER);
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        try (ConfigurableApplicationContext second = new Nodes(null, ADMIN_EMAIL, ADMIN_PASSWORD).join(url,
                "cascade.billing.cron=-", "cascade.jobs.poll-interval=PT0.2S",
                "cascade.subscriptions.scheduler-interval=PT1H")) {
            second.getBeansOfType(TestClock.class).values().forEach(c -> c.set(OCTOBER));
            // each chunk's write takes a while, so that neither node's engine can bill every chunk alone
            jdbc.sql("""
                    CREATE FUNCTION billing_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        PERFORM pg_sleep(0.2);
                        RETURN NULL;
                    END $$""").update();
            jdbc.sql("CREATE TRIGGER billing_test_slow AFTER INSERT ON invoice FOR EACH STATEMENT "
                    + "EXECUTE FUNCTION billing_test_slow()").update();
            UUID runId = UUID.randomUUID();
            try {
                transactions.executeWithoutResult(s -> {
                    List<UUID> buyers = terms.buyers(ChargeRules.horizon(OCTOBER));
                    runs.create(runId, OCTOBER, RunTrigger.MANUAL, null, buyers, 3, clock.instant());
                    chunks.schedule(runId, buyers.size(), 3);
                });
                awaitRun(runId.toString());
            } finally {
                jdbc.sql("DROP TRIGGER billing_test_slow ON invoice").update();
                jdbc.sql("DROP FUNCTION billing_test_slow()").update();
            }
            List<String> nodes = jdbc.sql("SELECT DISTINCT node FROM billing_run_chunk WHERE run_id = :run")
                    .param("run", runId).query(String.class).list();
            assertThat(nodes).as("both nodes worked on the run").hasSize(2);
        }
        for (String customer : customers) {
            Api.Response invoices = provider.get("/api/v1/accounts/" + customer + "/invoices?role=BUYER");
            assertThat(invoices.json().path("items").size()).as("one invoice for %s", customer).isEqualTo(1);
            assertThat(invoices.json().path("items").get(0).path("total").path("amount").asString())
                    .isEqualTo("12.00");
        }
        List<Long> numbers = jdbc.sql("""
                        SELECT CAST(substring(number FROM '[0-9]{6}$') AS bigint) FROM invoice
                        WHERE issuer_id = (SELECT id FROM account WHERE type = 'PROVIDER') ORDER BY 1""")
                .query(Long.class).list();
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("the provider's numbers are gapless").isEqualTo(numbers.get(i - 1) + 1);
        }
    }

    /** {@code count} more customers like {@code template}, each with a copy of its subscriptions (SQL: fast). */
    private void copies(String template, int count) {
        UUID id = UUID.fromString(template);
        String tag = "PERF" + UUID.randomUUID().toString().substring(0, 6) + "-";
        jdbc.sql("""
                        INSERT INTO account (id, seq, path, type, vendor_id, level, status, company_name,
                                             customer_number, currency, locale, time_zone, bill_cycle_day, billable,
                                             created_at, updated_at)
                        SELECT gen_random_uuid(), n.seq, v.path || 'p' || n.seq || '.', t.type, t.vendor_id, t.level,
                               t.status, :tag || n.seq, :tag || n.seq, t.currency, t.locale, t.time_zone,
                               t.bill_cycle_day, t.billable, t.created_at, t.updated_at
                        FROM account t JOIN account v ON v.id = t.vendor_id,
                             (SELECT nextval('account_seq') AS seq FROM generate_series(1, :n)) n
                        WHERE t.id = :template""")
                .param("tag", tag).param("n", count).param("template", id).update();
        jdbc.sql("""
                        INSERT INTO subscription (id, account_id, account_path, plan_id, vendor_id, purpose, status,
                                                  start_date, created_at, updated_at)
                        SELECT gen_random_uuid(), a.id, a.path, s.plan_id, s.vendor_id, s.purpose, s.status,
                               s.start_date, s.created_at, s.updated_at
                        FROM account a JOIN subscription s ON s.account_id = :template
                        WHERE a.customer_number LIKE :tag || '%'""")
                .param("template", id).param("tag", tag).update();
        jdbc.sql("""
                        INSERT INTO subscription_terms (subscription_id, effective_from, plan_id, status, quantities,
                                                        recorded_at)
                        SELECT s.id, s.start_date, s.plan_id, s.status, '{}', now()
                        FROM subscription s JOIN account a ON a.id = s.account_id
                        WHERE a.customer_number LIKE :tag || '%'""")
                .param("tag", tag).update();
    }

    @Test
    void aFewThousandSubscriptionsAreBilledInSeconds() {
        LocalDate november = OCTOBER.plusMonths(1);
        travelTo(november);
        List<String> customers = customers(50, 99, november);
        copies(customers(1, 0, november).get(0), 500);
        long subscriptions = jdbc.sql("SELECT count(*) FROM subscription").query(Long.class).single();
        UUID runId = UUID.randomUUID();
        List<UUID> buyers = terms.buyers(ChargeRules.horizon(november));
        transactions.executeWithoutResult(s -> runs.create(runId, november, RunTrigger.MANUAL, null, buyers, 100,
                clock.instant()));
        long started = System.nanoTime();
        chunks.schedule(runId, buyers.size(), 100); // its chunks: from now on, the job engine bills them
        awaitRun(runId.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        long lines = jdbc.sql("""
                        SELECT count(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                        WHERE i.run_id = :run""").param("run", runId).query(Long.class).single();
        System.out.printf("Billing run over %d subscriptions (50 buyers with 100 subscriptions each, 501 buyers "
                + "with one): %d invoice lines in %d ms%n", subscriptions, lines, millis);
        assertThat(lines).isGreaterThanOrEqualTo(5_501);
        Api.Response one = provider.get("/api/v1/accounts/" + customers.get(0) + "/invoices?role=BUYER");
        assertThat(one.json().path("items").get(0).path("lines").size()).isEqualTo(100);
        assertThat(one.json().path("items").get(0).path("subtotal").path("amount").asString()).isEqualTo("1000.00");
    }
}
