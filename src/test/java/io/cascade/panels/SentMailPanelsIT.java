package io.cascade.panels;

import io.cascade.support.AccountFixtures;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Sent mail" over plain HTTP: an account's mail with its status, a mail's page that shows its HTML only inside a
 * sandboxed frame (escaped into {@code srcdoc}, never as markup of the page), "Send again" for a failed mail, and a
 * sibling reseller who finds neither the list nor the mail.
 */
class SentMailPanelsIT extends IntegrationTest {
    @Value("${local.server.port}")
    private int port;
    @Autowired
    private JdbcClient jdbc;

    /** A FAILED mail of the account as the outbox records one whose attempts ran out. */
    private UUID failedMail(String accountId, String subject, String html) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_message (id, channel, kind, account_id, data, status, attempts, next_attempt_at,
                                            created_at, last_error, sender, recipients, subject, text_body, html_body)
                VALUES (:id, 'MAIL', 'probe', :account, '{}'::jsonb, 'FAILED', 3, now(), now(), 'SMTP: 550 no such user',
                        'Cascade <noreply@cascade.test>', ARRAY['ada@example.test'], :subject, 'Hello Ada', :html)
                """).param("id", id).param("account", UUID.fromString(accountId)).param("subject", subject)
                .param("html", html).update();
        return id;
    }

    @Test
    void sentMailShowsAMailsHtmlOnlyInASandboxAndSendsAFailedOneAgain() {
        var reseller = AccountFixtures.reseller("Panel Mail").create(provider);
        var sibling = AccountFixtures.reseller("Panel Sibling").create(provider);
        String subject = "Your invoice " + UUID.randomUUID().toString().substring(0, 8);
        UUID id = failedMail(reseller.id(), subject, "<p>Hi</p><script>alert('mail')</script>");
        PanelClient panel = new PanelClient(port, randomAddress()).signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        PanelClient.Page list = panel.get("/panel/accounts/" + reseller.id() + "/sent-mail");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text("mail-list")).contains(subject, "ada@example.test", "FAILED", "550 no such user");

        PanelClient.Page page = panel.get("/panel/messages/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("sandbox=\"\"").contains("srcdoc=\"&lt;p&gt;Hi&lt;/p&gt;&lt;script&gt;")
                .doesNotContain("<script>alert").doesNotContain("id=\"held-notice\"");
        assertThat(page.text("mail-text")).isEqualTo("Hello Ada");

        PanelClient.Page retried = panel.post("/panel/messages/" + id + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).endsWith("/panel/messages/" + id);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT status FROM outbox_message WHERE id = :id")
                .param("id", id).query(String.class).single().equals("SENT"));
        assertThat(provider.get("/api/v1/accounts/" + reseller.id() + "/audit-events?action=message.retried")
                .json().path("items")).hasSize(1);

        PanelClient siblingPanel = new PanelClient(port, randomAddress()).signedIn(sibling.adminEmail(), PASSWORD);
        assertThat(siblingPanel.get("/panel/messages/" + id).status()).isEqualTo(404);
        assertThat(siblingPanel.get("/panel/accounts/" + reseller.id() + "/sent-mail").status()).isEqualTo(404);
        assertThat(siblingPanel.get("/panel/accounts/" + sibling.id() + "/sent-mail").body()).doesNotContain(subject);
    }
}
