package io.cascade.messages.internal;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox as people operate it: the messages of a subtree through the API (a sibling sees none of them), a failed
 * mail retried by a person, one-time links redacted once a mail is sent, old messages removed by housekeeping.
 */
class MessagesIT extends IntegrationTest {
    @Autowired
    private Outbox outbox;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private OutboxStore store;

    /** A probe mail to {@code to} for {@code accountId}, FAILED after its attempts (as if they had run out). */
    private UUID failedMail(String accountId, String to) {
        return transactions.execute(status -> {
            UUID id = outbox.mail("probe", UUID.fromString(accountId), Map.of("to", to, "issuer", providerId(),
                    "name", "Retry"));
            jdbc.sql("UPDATE outbox_message SET status = 'FAILED', attempts = 3, last_error = 'SMTP: 451 try later' "
                    + "WHERE id = :id").param("id", id).update();
            return id;
        });
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void aPersonRetriesAFailedMailAndItIsSentOnceAndAudited() {
        var reseller = AccountFixtures.reseller("Retry Partners").create(provider);
        String to = unique("retry") + "@example.test";
        UUID id = failedMail(reseller.id(), to);

        Api.Response failed = provider.get("/api/v1/messages/" + id);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.json().path("lastError").asString()).contains("451");
        Api.Response listed = provider.get("/api/v1/accounts/" + reseller.id() + "/messages?status=FAILED&channel=MAIL");
        assertThat(listed.json().path("items").valueStream().map(m -> m.path("id").asString()))
                .containsExactly(id.toString());

        Api.Response readOnly = provider.post("/api/v1/accounts/" + reseller.id() + "/users", Map.of("email",
                unique("ro") + "@example.test", "name", "Reader", "password", PASSWORD, "roles", List.of("READ_ONLY")));
        assertThat(readOnly.status()).as("%s", readOnly).isEqualTo(201);
        Api reader = as(readOnly.text("email"), PASSWORD);
        assertThat(reader.post("/api/v1/messages/" + id + "/retry", Map.of()).status()).isEqualTo(403);

        Api.Response retried = provider.post("/api/v1/messages/" + id + "/retry", Map.of());
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.json().path("status").asString()).isIn("PENDING", "SENDING", "SENT");
        assertThat(TestMail.text(TestMail.await(to, "Probe for Retry"))).contains("attempt 1.");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("SENT"));
        assertThat(TestMail.all(to)).hasSize(1);

        Api.Response again = provider.post("/api/v1/messages/" + id + "/retry", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asString()).endsWith("message-not-retryable");
        JsonNode audit = provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=message.retried")
                .json().path("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("before").path("status").asString()).isEqualTo("FAILED");
        assertThat(audit.get(0).path("actorUserId").isNull()).isFalse();
    }

    @Test
    void aSiblingResellerSeesNoneOfAnothersMessages() {
        var alpha = AccountFixtures.reseller("Alpha Mail").create(provider);
        var beta = AccountFixtures.reseller("Beta Mail").create(provider);
        var customer = AccountFixtures.customer("Alpha Customer").under(alpha.id()).create(provider);
        UUID id = failedMail(customer.id(), unique("alpha") + "@example.test");
        Api alphaAdmin = as(alpha.adminEmail(), PASSWORD);
        Api betaAdmin = as(beta.adminEmail(), PASSWORD);

        assertThat(alphaAdmin.get("/api/v1/accounts/" + alpha.id() + "/messages").json().path("items")
                .valueStream().map(m -> m.path("id").asString())).containsExactly(id.toString());
        assertThat(alphaAdmin.get("/api/v1/messages/" + id).status()).isEqualTo(200);
        for (String path : List.of("/api/v1/accounts/" + alpha.id() + "/messages",
                "/api/v1/accounts/" + customer.id() + "/messages", "/api/v1/messages/" + id)) {
            assertThat(betaAdmin.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(betaAdmin.post("/api/v1/messages/" + id + "/retry", Map.of()).status()).isEqualTo(404);
        assertThat(betaAdmin.get("/api/v1/accounts/" + beta.id() + "/messages").json().path("items")).isEmpty();
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(provider.get("/api/v1/accounts/" + alpha.id() + "/messages?kind=probe&limit=1").json()
                .path("items").get(0).path("id").asString()).isEqualTo(id.toString());
        assertThat(provider.get("/api/v1/accounts/" + alpha.id() + "/messages?cursor=nonsense").status())
                .isEqualTo(422);
    }

    @Test
    void aSentMailKeepsItsOneTimeLinkOnlyInTheMailItself() {
        String to = unique("link") + "@example.test";
        String token = "tok-" + UUID.randomUUID();
        UUID id = transactions.execute(status -> outbox.mail("probe", UUID.fromString(providerId()), Map.of("to", to,
                "issuer", providerId(), "name", "https://panel.example/panel/invitation?token=" + token,
                "token", token)));

        assertThat(TestMail.text(TestMail.await(to, "Probe"))).contains("invitation?token=" + token);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("SENT"));
        Map<String, Object> row = jdbc.sql("SELECT text_body, html_body, subject, (data -> 'token') IS NOT NULL AS secret, "
                + "data ->> 'to' AS to FROM outbox_message WHERE id = :id").param("id", id).query().singleRow();
        assertThat(List.of(row.get("text_body"), row.get("html_body"), row.get("subject")))
                .allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(token));
        assertThat((String) row.get("text_body")).contains("invitation?token=[redacted]");
        assertThat(row).containsEntry("secret", false).containsEntry("to", to);
        JsonNode seen = provider.get("/api/v1/messages/" + id).json();
        assertThat(seen.path("text").asString()).contains("[redacted]").doesNotContain(token);
        assertThat(seen.path("redacted").asBoolean()).isTrue();
    }

    /** The claim as it was first written: {@code WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)}. */
    private static final String SUBQUERY_CLAIM = """
            UPDATE outbox_message m SET status = 'SENDING', attempts = m.attempts + 1
             WHERE m.id IN (SELECT o.id FROM outbox_message o WHERE o.status = 'PENDING' AND o.next_attempt_at <= now()
                             ORDER BY o.seq LIMIT 5 FOR UPDATE SKIP LOCKED)
            """;

    @Test
    void aDispatcherClaimsNoMoreThanItsBatchWhateverPlanPostgresChooses() {
        // mail that earlier tests queued is sent first: the dispatchers' locks on it would change what both claims see
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox_message WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()")
                .query(Long.class).single() == 0);
        transactions.executeWithoutResult(status -> {
            outbox.mails(java.util.stream.IntStream.range(0, 300).mapToObj(i -> new MailDraft("probe",
                    UUID.fromString(providerId()), Map.of())).toList());
            // the plan PostgreSQL takes when it believes the table nearly empty (statistics from before a bulk
            // insert): a nested loop over the table that runs the subquery again for every row
            jdbc.sql("UPDATE pg_class SET reltuples = 1, relpages = 1 WHERE relname = 'outbox_message'").update();
            for (String off : List.of("hashjoin", "mergejoin", "hashagg", "sort", "material")) {
                jdbc.sql("SET LOCAL enable_" + off + " = off").update();
            }
            jdbc.sql("SAVEPOINT before_claim").update();
            assertThat(jdbc.sql(SUBQUERY_CLAIM).update()).as("the subquery form claims more than its limit")
                    .isGreaterThan(5);
            jdbc.sql("ROLLBACK TO SAVEPOINT before_claim").update();
            assertThat(store.claim(5)).hasSize(5);
            status.setRollbackOnly();
        });
    }

    /**
     * A dispatcher claims on every poll, so its connection would soon run the claim from a generic plan made while the
     * outbox was quiet; for a burst of 100,000 webhook deliveries, such a plan read the whole table again for each
     * row, and both dispatchers were still in their first claim after eight minutes (issue 20, P9 at full size).
     * PostgreSQL counts the generic and the custom plans it ran for each statement a session prepared.
     */
    @Test
    void theClaimIsPlannedForEachExecutionNeverFromACachedGenericPlan() {
        transactions.executeWithoutResult(status -> {
            // one connection throughout (the transaction's): the driver prepares the claim on the server after a
            // few executions, and PostgreSQL then tries its generic plan after five custom ones
            for (int i = 0; i < 15; i++) {
                store.claim(0);
            }
            List<Map<String, Object>> plans = jdbc.sql("""
                    SELECT generic_plans, custom_plans FROM pg_prepared_statements
                     WHERE statement LIKE '%WITH due AS%UPDATE outbox_message m%'""").query().listOfRows();
            assertThat(plans).as("the claim is prepared on the server").isNotEmpty();
            assertThat(plans).allSatisfy(row -> assertThat(((Number) row.get("generic_plans")).longValue())
                    .as("generic plans").isZero());
            assertThat(plans.stream().mapToLong(row -> ((Number) row.get("custom_plans")).longValue()).sum())
                    .as("custom plans").isGreaterThanOrEqualTo(10);
            status.setRollbackOnly();
        });
    }

    @Test
    void housekeepingDeletesOldSentAndFailedMessagesInBatchesAndKeepsTheRest() {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        List<UUID> ids = transactions.execute(status -> {
            List<UUID> made = new java.util.ArrayList<>();
            for (String state : List.of("SENT", "FAILED", "HELD", "PENDING", "SENT")) {
                UUID id = outbox.mail("probe", UUID.fromString(providerId()), Map.of());
                boolean young = made.size() == 4;
                Timestamp at = Timestamp.from(young ? now : old);
                jdbc.sql("UPDATE outbox_message SET status = :s, created_at = :at, next_attempt_at = :next, "
                                + "sent_at = CASE WHEN :s = 'SENT' THEN CAST(:at AS timestamptz) END WHERE id = :id")
                        .param("s", state).param("at", at)
                        .param("next", Timestamp.from(now.plus(Duration.ofDays(1)))).param("id", id).update();
                made.add(id);
            }
            // the FAILED one ended long ago too
            jdbc.sql("UPDATE outbox_message SET next_attempt_at = :at WHERE id = :id")
                    .param("at", Timestamp.from(old)).param("id", made.get(1)).update();
            return made;
        });

        int removed = OutboxHousekeeping.purge(jdbc, now.minus(Duration.ofDays(30)));
        assertThat(removed).isGreaterThanOrEqualTo(2);
        List<UUID> left = jdbc.sql("SELECT id FROM outbox_message WHERE id IN (:ids)").param("ids", ids)
                .query(UUID.class).list();
        assertThat(left).containsExactlyInAnyOrder(ids.get(2), ids.get(3), ids.get(4));
    }
}
