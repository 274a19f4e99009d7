package io.cascade.messages.internal;

import io.cascade.platform.api.OutboundTargets;
import io.cascade.platform.api.WebhookSignatures;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbox's WEBHOOK channel: POSTs each delivery's body to its endpoint, signed as Standard Webhooks says
 * ({@code webhook-id}: the outbox message id, the same on every attempt; {@code webhook-timestamp}; {@code
 * webhook-signature}: {@code v1,<base64 HMAC-SHA256>}, with a second signature by the previous secret while a
 * rotation's overlap lasts). Apache HttpClient 5 with pooled keep-alive connections whose DNS resolver is
 * {@link OutboundTargets} (ADR 0024): the connection reaches only checked addresses, so a name re-pointed at an inner
 * address after registration is refused. Redirects are not followed. A batch is sent in parallel (at most
 * {@code cascade.webhooks.parallelism} at once); the deliveries of one ordering key (endpoint and resource) one after
 * the other, and after a failure the later ones of that key wait for the next attempt, so order per resource holds.
 * 2xx: delivered; 410 Gone: the endpoint is disabled and the delivery fails; a refused address fails at once; any
 * other answer, a timeout or a connection error: tried again with the outbox's back-off. Answer bodies are never
 * read into anything (the log keeps the status code only).
 */
@Component
class WebhookChannel implements OutboxChannel {
    private final CloseableHttpClient client;
    private final ExecutorService senders;
    private final WebhookEndpoints endpoints;
    private final WebhookHealth health;
    private final OutboundTargets targets;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookChannel(WebhookEndpoints endpoints, WebhookHealth health, OutboundTargets targets,
                   WebhookSettings settings, Clock clock) {
        this.endpoints = endpoints;
        this.health = health;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
        this.client = targets.httpClient(settings.timeout, settings.parallelism);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.senders = Executors.newFixedThreadPool(settings.parallelism, threads);
    }

    @PreDestroy
    void close() throws IOException {
        senders.shutdownNow();
        client.close();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public List<Delivery> send(List<OutboxMessage> batch) {
        Map<java.util.UUID, WebhookEndpoints.Target> byId = endpoints.targets(
                batch.stream().map(OutboxMessage::targetId).filter(java.util.Objects::nonNull).toList());
        Map<String, List<OutboxMessage>> byKey = new LinkedHashMap<>();
        batch.forEach(m -> byKey.computeIfAbsent(m.orderingKey() == null ? m.id().toString() : m.orderingKey(),
                k -> new ArrayList<>()).add(m));
        List<CompletableFuture<List<Sent>>> running = new ArrayList<>();
        for (List<OutboxMessage> sameKey : byKey.values()) {
            running.add(CompletableFuture.supplyAsync(() -> sendInOrder(sameKey, byId), senders));
        }
        List<Sent> sent = new ArrayList<>();
        running.forEach(future -> sent.addAll(future.join()));
        health.record(sent, clock.instant());
        return sent.stream().map(Sent::delivery).toList();
    }

    /** One delivery's outcome, with the endpoint it went to (null: none reached) and whether it disables it. */
    record Sent(Delivery delivery, java.util.UUID endpointId, boolean attempted, boolean gone) {
    }

    private List<Sent> sendInOrder(List<OutboxMessage> sameKey, Map<java.util.UUID, WebhookEndpoints.Target> byId) {
        List<Sent> results = new ArrayList<>();
        boolean blocked = false;
        for (OutboxMessage message : sameKey) {
            if (blocked) {
                results.add(new Sent(new Delivery(message.id(), false, true, null,
                        "Waits for an earlier delivery of the same resource."), message.targetId(), false, false));
                continue;
            }
            Sent sent = send(message, byId.get(message.targetId()));
            results.add(sent);
            blocked = !sent.delivery().delivered();
        }
        return results;
    }

    private Sent send(OutboxMessage message, WebhookEndpoints.Target target) {
        if (target == null) {
            return new Sent(new Delivery(message.id(), false, false, null, "The endpoint was removed."), null, false,
                    false);
        }
        if (!target.enabled()) {
            return new Sent(new Delivery(message.id(), false, false, null, "The endpoint is disabled."), target.id(),
                    false, false);
        }
        String url = target.url();
        String where = host(url);
        try {
            targets.resolve(URI.create(url).getHost()); // an address in the URL is checked here, a name also below
        } catch (OutboundTargets.RefusedTarget e) {
            return refused(message, target, where, e);
        } catch (UnknownHostException | IllegalArgumentException e) {
            // the connection reports it
        }
        String id = message.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        String body = message.data().path("body").asString();
        HttpPost http = new HttpPost(URI.create(url));
        http.setHeader("User-Agent", "Cascade-Webhooks/1");
        http.setHeader("webhook-id", id);
        http.setHeader("webhook-timestamp", Long.toString(timestamp));
        http.setHeader("webhook-signature", signature(target, id, timestamp, body));
        http.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        int status;
        try {
            status = client.execute(http, answer -> {
                EntityUtils.consume(answer.getEntity()); // read (never kept) so the connection is reused
                return answer.getCode();
            });
        } catch (InterruptedIOException e) {
            String error = Thread.currentThread().isInterrupted() ? "Interrupted while calling " + where + "."
                    : "No answer from " + where + " within " + settings.timeout.toSeconds() + " s.";
            return new Sent(new Delivery(message.id(), false, true, null, error), target.id(), true, false);
        } catch (IOException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof OutboundTargets.RefusedTarget)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                return refused(message, target, where, (OutboundTargets.RefusedTarget) cause);
            }
            return new Sent(new Delivery(message.id(), false, true, null, "Cannot reach " + where + ": "
                    + e.getClass().getSimpleName()), target.id(), true, false);
        }
        if (status >= 200 && status < 300) {
            return new Sent(new Delivery(message.id(), true, false, status, null), target.id(), true, false);
        }
        if (status == 410) {
            return new Sent(new Delivery(message.id(), false, false, status, "HTTP 410 Gone from " + where
                    + ": the endpoint is disabled."), target.id(), true, true);
        }
        return new Sent(new Delivery(message.id(), false, true, status, "HTTP " + status + " from " + where + "."),
                target.id(), true, false);
    }

    private static Sent refused(OutboxMessage message, WebhookEndpoints.Target target, String where,
                                OutboundTargets.RefusedTarget e) {
        return new Sent(new Delivery(message.id(), false, false, null, "Refused to call " + where + ": it "
                + e.getMessage() + "."), target.id(), true, false);
    }

    /** {@code v1,<sig>}, and a second {@code v1,<sig>} by the previous secret while its overlap lasts. */
    private String signature(WebhookEndpoints.Target target, String id, long timestamp, String body) {
        String signature = WebhookSignatures.sign(WebhookSignatures.key(target.secret()).orElseThrow(), id, timestamp,
                body);
        Instant now = clock.instant();
        if (target.previousSecret() != null && target.previousSecretUntil() != null
                && now.isBefore(target.previousSecretUntil())) {
            signature += " " + WebhookSignatures.sign(WebhookSignatures.key(target.previousSecret()).orElseThrow(),
                    id, timestamp, body);
        }
        return signature;
    }

    private static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "the endpoint";
        }
    }
}
