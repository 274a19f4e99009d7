package io.cascade.messages.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cascade.support.Api;
import io.cascade.support.Nodes;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox across nodes, each an application context of its own on one database, sending to an SMTP server of this
 * test: a node without an SMTP host keeps mail HELD (the provider's staff read it with its link); restarted with a
 * host, the held mail goes out once; two nodes dispatching together send every mail exactly once; mail queued on a node
 * that then stops, and a batch claimed by a dispatcher that died before it recorded anything, are sent by the other
 * node — the latter once its lease has run out.
 */
class OutboxNodesIT {
    private static final String EMAIL = "admin@outbox-nodes.test";
    private static final String PASSWORD = "Outbox-Nodes-Pass-9";

    @TempDir
    Path dataDir;
    private GreenMail smtp;

    @BeforeEach
    void smtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private Nodes nodes() {
        return new Nodes(dataDir, EMAIL, PASSWORD,
                "cascade.outbound.allowed-networks=127.0.0.0/8,::1/128",
                "cascade.db.pool-size=4",
                // four dispatchers, at most two per node; each hands its thread back every second, so both nodes work
                "cascade.messages.dispatchers=4",
                "cascade.jobs.threads=2",
                "cascade.jobs.poll-interval=PT0.3S",
                "cascade.jobs.dead-after=PT3S",
                "cascade.messages.slice=PT1S",
                "cascade.messages.batch-size=10",
                "cascade.messages.idle-poll=PT0.1S",
                "cascade.messages.lease=PT2S",
                "cascade.mail.from=noreply@outbox-nodes.test",
                "cascade.mail.port=" + smtp.getSmtp().getPort());
    }

    /** Whether a node sends mail: with the test's SMTP server as its host, or without a host. */
    private static String mailHost(boolean set) {
        return "cascade.mail.host=" + (set ? "127.0.0.1" : "");
    }

    @Test
    void heldMailIsSentOnceAHostIsSetAndTwoNodesSendEveryMailOnceAndLoseNone() throws Exception {
        Nodes nodes = nodes();
        int dbPort = Nodes.freePort();
        String token = "tok-" + UUID.randomUUID();
        UUID held;
        try (ConfigurableApplicationContext alone = nodes.start(dbPort, mailHost(false))) {
            Api provider = nodes.signedIn(alone);
            String providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();
            held = queue(alone, List.of(probe(providerId, "held@example.test",
                    "https://panel.example/panel/invitation?token=" + token, token))).get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> status(alone, held).equals("HELD"));
            JsonNode seen = provider.get("/api/v1/messages/" + held).json();
            assertThat(seen.path("status").asString()).isEqualTo("HELD");
            assertThat(seen.path("text").asString()).as("the provider's staff read a held mail's link")
                    .contains("invitation?token=" + token);
            assertThat(seen.path("redacted").asBoolean()).isFalse();
            assertThat(provider.post("/api/v1/messages/" + held + "/retry", Map.of()).status()).isEqualTo(409);
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }

        try (ConfigurableApplicationContext first = nodes.start(dbPort, mailHost(true))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> received("held@example.test").size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> status(first, held).equals("SENT"));
            assertThat(jdbc(first).sql("SELECT text_body FROM outbox_message WHERE id = :id").param("id", held)
                    .query(String.class).single()).doesNotContain(token);
            String providerId = nodes.signedIn(first).get("/api/v1/me").json().path("account").path("id").asString();

            try (ConfigurableApplicationContext second = nodes.join(dbPort, mailHost(true))) {
                // two nodes, four dispatchers, two threads each: both work on the same 120 mails, half of them queued
                // on each node (a commit wakes its own node's dispatchers, which would otherwise send all of them
                // before the other node's next poll)
                List<Map<String, Object>> drafts = IntStream.range(0, 120)
                        .mapToObj(i -> probe(providerId, "many-" + i + "@example.test", "N" + i, null)).toList();
                queue(second, drafts.subList(0, 60));
                queue(first, drafts.subList(60, 120));
                await().atMost(Duration.ofSeconds(15)).until(() -> received("many-").size() >= 120);
                Map<String, Long> perRecipient = received("many-").stream()
                        .collect(Collectors.groupingBy(OutboxNodesIT::to, Collectors.counting()));
                assertThat(perRecipient).hasSize(120).allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1));
                assertThat(probes(first).composed.get()).as("the first node sent some").isPositive();
                assertThat(probes(second).composed.get()).as("the second node sent some").isPositive();

                // the second node commits mail and stops before its dispatchers send it; and one of its dispatchers
                // had claimed a batch and died before recording anything (SENDING, leased)
                List<UUID> claimed = transactions(second).execute(status -> {
                    List<UUID> ids = queueIn(second, IntStream.range(0, 5)
                            .mapToObj(i -> probe(providerId, "leased-" + i + "@example.test", "L" + i, null)).toList());
                    assertThat(store(second).claim(5)).hasSize(5);
                    return ids;
                });
                queue(second, IntStream.range(0, 5)
                        .mapToObj(i -> probe(providerId, "orphan-" + i + "@example.test", "O" + i, null)).toList());
                second.close();
                await().atMost(Duration.ofSeconds(15)).until(() -> received("orphan-").size() == 5
                        && received("leased-").size() == 5);
                assertThat(received("orphan-").stream().map(OutboxNodesIT::to).distinct()).hasSize(5);
                assertThat(received("leased-").stream().map(OutboxNodesIT::to).distinct()).hasSize(5);
                for (UUID id : claimed) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> status(first, id).equals("SENT"));
                    assertThat(jdbc(first).sql("SELECT attempts FROM outbox_message WHERE id = :id")
                            .param("id", id).query(Integer.class).single()).as("the dead claim counted").isEqualTo(2);
                }
            }
            assertThat(received("held@example.test")).hasSize(1);
            assertThat(received("many-")).hasSize(120);
        }
    }

    private static Map<String, Object> probe(String issuer, String to, String name, String token) {
        return token == null ? Map.of("to", to, "issuer", issuer, "name", name)
                : Map.of("to", to, "issuer", issuer, "name", name, "token", token);
    }

    private static List<UUID> queue(ConfigurableApplicationContext node, List<Map<String, Object>> drafts) {
        return transactions(node).execute(status -> queueIn(node, drafts));
    }

    private static List<UUID> queueIn(ConfigurableApplicationContext node, List<Map<String, Object>> drafts) {
        Outbox outbox = node.getBean(Outbox.class);
        List<UUID> ids = new ArrayList<>();
        for (Map<String, Object> data : drafts) {
            ids.add(outbox.mail("probe", UUID.fromString((String) data.get("issuer")), data));
        }
        return ids;
    }

    private static String status(ConfigurableApplicationContext node, UUID id) {
        return jdbc(node).sql("SELECT status FROM outbox_message WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext node) {
        return node.getBean(JdbcClient.class);
    }

    private static TransactionTemplate transactions(ConfigurableApplicationContext node) {
        return node.getBean(TransactionTemplate.class);
    }

    private static OutboxStore store(ConfigurableApplicationContext node) {
        return node.getBean(OutboxStore.class);
    }

    private static ProbeMail probes(ConfigurableApplicationContext node) {
        return node.getBean(ProbeMail.class);
    }

    private List<MimeMessage> received(String toPrefix) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).startsWith(toPrefix)).toList();
    }

    private static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
