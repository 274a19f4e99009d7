package io.cascade.billing;

import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the billing ITs: the application with a clock the tests move ({@link TestClock}), no daily schedule, and
 * small chunks so that even small trees are billed in several chunks. Its own context (and database): moving time
 * must not disturb the other ITs.
 */
@Import(BillingIntegrationTest.Clocks.class)
@TestPropertySource(properties = {"cascade.billing.cron=-", "cascade.dunning.cron=-", "cascade.billing.chunk-size=7",
        "cascade.billing.worker-interval=PT1S", "cascade.subscriptions.scheduler-interval=PT1H"})
public abstract class BillingIntegrationTest extends IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.parse("2026-03-15T09:00:00Z"));
        }
    }

    @Autowired
    protected TestClock clock;

    /**
     * The class-wide provider token of {@link IntegrationTest} is issued at whatever time an earlier test left the
     * clock at, and expires when a test travels months ahead: each billing test signs the provider in at its own time.
     */
    @BeforeEach
    void signInAtTheClocksTime() {
        provider = anonymous.withToken(signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    /** Moves the application's time to 09:00 UTC of {@code day} and signs the provider in again. */
    protected void travelTo(LocalDate day) {
        clock.set(day);
        provider = anonymous.withToken(signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    /** Runs billing as of {@code asOf} and waits for the run to complete; answers the completed run. */
    protected JsonNode run(LocalDate asOf) {
        Api.Response started = provider.post("/api/v1/billing/runs", Map.of("asOf", asOf.toString()));
        assertThat(started.status()).as("start a run: %s", started).isEqualTo(202);
        return awaitRun(started.text("id"));
    }

    protected JsonNode awaitRun(String runId) {
        return await("run %s completes within a minute".formatted(runId)).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    Api.Response run = provider.get("/api/v1/billing/runs/" + runId);
                    assertThat(run.status()).as("%s", run).isEqualTo(200);
                    return run.json();
                }, run -> run.path("status").asString().equals("COMPLETED"));
    }
}
