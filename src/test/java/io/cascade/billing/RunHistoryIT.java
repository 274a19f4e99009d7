package io.cascade.billing;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/v1/billing/runs}: the provider's staff page through the runs, newest first; nobody else finds any. */
class RunHistoryIT extends IntegrationTest {

    @Test
    void theProviderPagesThroughItsRunsNewestFirst() {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            started.add(0, completedRun());
        }
        Api.Response first = provider.get("/api/v1/billing/runs?limit=1");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().path("items").get(0).path("id").asString()).isEqualTo(started.get(0));
        assertThat(first.json().path("items").get(0).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(first.json().path("items").get(0).path("progress").has("buyersTotal")).isTrue();
        Api.Response second = provider.get("/api/v1/billing/runs?limit=1&cursor="
                + first.json().path("nextCursor").asString());
        assertThat(second.json().path("items").get(0).path("id").asString()).isEqualTo(started.get(1));
        assertThat(provider.get("/api/v1/billing/runs?cursor=nonsense").status()).isIn(400, 422);

        var reseller = AccountFixtures.reseller(unique("Runs Reseller")).create(provider);
        var customer = AccountFixtures.customer(unique("Runs Customer")).create(provider);
        for (String email : List.of(reseller.adminEmail(), customer.adminEmail())) {
            Api.Response none = as(email, PASSWORD).get("/api/v1/billing/runs");
            assertThat(none.status()).as("runs are the provider's: %s", none).isEqualTo(404);
        }
    }

    /** Starts a run (once the one working, if any, is done) and waits until it has completed: 2 minutes in all. */
    private String completedRun() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Api.Response started = await("a run starts once the one working is done").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> provider.post("/api/v1/billing/runs", java.util.Map.of()), r -> r.status() != 409);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String id = started.text("id");
        await("run %s completes".formatted(id)).atMost(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> provider.get("/api/v1/billing/runs/" + id).text("status"), "COMPLETED"::equals);
        return id;
    }
}
