package io.cascade.messages.internal;

import io.cascade.billing.api.BillingRunCompleted;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.cascade.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox itself: queued in the change's transaction, sent once after the commit, retried, failed, in order. */
class OutboxIT extends IntegrationTest {
    @Autowired
    private Outbox outbox;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private ApplicationEventPublisher events;

    private UUID queue(Map<String, ?> data) {
        return transactions.execute(status -> outbox.mail("probe", UUID.fromString(providerId()), data));
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void aQueuedMailArrivesOnceWithItsPartsAndAttachmentAndIsRecordedAsSent() {
        String to = unique("probe") + "@example.test";
        String provider = providerId();
        UUID id = queue(Map.of("to", to, "issuer", provider, "name", "Ada <Lovelace>"));

        MimeMessage mail = TestMail.await(to, "Probe for Ada");
        assertThat(TestMail.text(mail)).contains("Hello Ada <Lovelace>, attempt 1.");
        assertThat(TestMail.html(mail)).hasValueSatisfying(html -> assertThat(html)
                .contains("Hello Ada &lt;Lovelace&gt;").doesNotContain("<Lovelace>"));
        assertThat(TestMail.attachments(mail)).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("probe.csv");
            // mail carries text with CRLF line ends (RFC 5322)
            assertThat(new String(a.content()).replace("\r\n", "\n")).isEqualTo("a,b\n1,2\n");
        });
        assertThat(TestMail.header(mail, "Message-ID")).isEqualTo("<" + id + "@cascade>");
        assertThat(TestMail.header(mail, "From")).contains("noreply@cascade.test");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("SENT"));
        Map<String, Object> row = jdbc.sql("SELECT attempts, subject, recipients[1] AS recipient, attachment_names[1] "
                + "AS attachment FROM outbox_message WHERE id = :id").param("id", id).query().singleRow();
        assertThat(row).containsEntry("attempts", 1).containsEntry("subject", "Probe for Ada <Lovelace>")
                .containsEntry("recipient", to).containsEntry("attachment", "probe.csv");
        assertThat(TestMail.all(to)).hasSize(1);
    }

    @Test
    void aBillingRunsMailsWaitUntilTheRunHasCompletedAndThenGoOutOnce() {
        UUID runId = UUID.randomUUID();
        String first = unique("waiting") + "@example.test";
        String second = unique("waiting") + "@example.test";
        UUID account = UUID.fromString(providerId());
        transactions.executeWithoutResult(status -> outbox.mails(List.of(
                new MailDraft("probe", account, Map.of("to", first, "issuer", providerId(), "name", "First")),
                new MailDraft("probe", account, Map.of("to", second, "issuer", providerId(), "name", "Second"))),
                BillingMailListener.holdKey(runId)));
        List<UUID> waiting = jdbc.sql("SELECT id FROM outbox_message WHERE hold_key = :key ORDER BY seq")
                .param("key", BillingMailListener.holdKey(runId)).query(UUID.class).list();
        assertThat(waiting).hasSize(2);

        // a mail queued after them goes out while they wait
        String marker = unique("marker") + "@example.test";
        queue(Map.of("to", marker, "issuer", providerId()));
        TestMail.await(marker, "Probe");
        assertThat(waiting).allSatisfy(id -> assertThat(status(id)).isEqualTo("WAITING"));
        assertThat(TestMail.all(first)).isEmpty();
        Api.Response retry = provider.post("/api/v1/messages/" + waiting.get(0) + "/retry", Map.of());
        assertThat(retry.status()).as("%s", retry).isEqualTo(409);
        assertThat(retry.json().path("type").asString()).endsWith("message-not-retryable");

        // the run completes: its mails are released by a job after the commit, and sent once
        transactions.executeWithoutResult(status -> events.publishEvent(new BillingRunCompleted(runId)));
        assertThat(TestMail.text(TestMail.await(first, "Probe for First"))).contains("attempt 1.");
        TestMail.await(second, "Probe for Second");
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.stream().allMatch(id -> status(id).equals("SENT")));
        assertThat(TestMail.all(first)).hasSize(1);
        assertThat(TestMail.all(second)).hasSize(1);
    }

    @Test
    void aRolledBackChangeSendsNothing() {
        String to = unique("rollback") + "@example.test";
        transactions.executeWithoutResult(status -> {
            outbox.mail("probe", UUID.fromString(providerId()), Map.of("to", to, "issuer", providerId()));
            status.setRollbackOnly();
        });
        String marker = unique("marker") + "@example.test";
        queue(Map.of("to", marker, "issuer", providerId()));
        TestMail.await(marker, "Probe");
        assertThat(TestMail.all(to)).isEmpty();
    }

    @Test
    void aFailingMailIsRetriedWithBackOffThenFailsAfterItsAttempts() {
        String flaky = unique("flaky") + "@example.test";
        UUID retried = queue(Map.of("to", flaky, "issuer", providerId(), "failUntilAttempt", 1));
        String broken = unique("broken") + "@example.test";
        UUID failed = queue(Map.of("to", broken, "issuer", providerId(), "failUntilAttempt", 99));

        assertThat(TestMail.text(TestMail.await(flaky, "Probe"))).contains("attempt 2.");
        await().atMost(Duration.ofSeconds(15)).until(() -> status(failed).equals("FAILED"));
        Map<String, Object> row = jdbc.sql("SELECT attempts, last_error FROM outbox_message WHERE id = :id")
                .param("id", failed).query().singleRow();
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat((String) row.get("last_error")).contains("probe fails at attempt 3");
        assertThat(status(retried)).isEqualTo("SENT");
        assertThat(TestMail.all(broken)).isEmpty();
    }

    @Test
    void theRecipientsLanguageChoosesTheTemplatesAndAnUnknownOneFallsBackToEnglish() {
        String german = unique("de") + "@example.test";
        String french = unique("fr") + "@example.test";
        queue(Map.of("to", german, "issuer", providerId(), "name", "Grete", "locale", "de-AT"));
        queue(Map.of("to", french, "issuer", providerId(), "name", "Jean", "locale", "fr"));
        MimeMessage de = TestMail.await(german, "Probe für Grete");
        assertThat(TestMail.text(de)).contains("Hallo Grete, Versuch 1.");
        assertThat(TestMail.html(de)).isEmpty();
        assertThat(TestMail.text(TestMail.await(french, "Probe for Jean"))).contains("Hello Jean");
    }
}
