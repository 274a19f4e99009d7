package io.cascade.payments;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cascade.support.Api;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A payment service as Cascade's {@code http} gateway meets it, written for the tests: a real HTTP server on
 * localhost. It creates checkouts ({@code POST /checkouts}, only with its Bearer API key), serves each one's hosted
 * page ({@code GET /pay/<id>}, with "Pay" and "Cancel"), and when the buyer decides there, posts a confirmation
 * signed with the Standard Webhooks reference library (never Cascade's code) to the checkout's callback URL, then
 * sends the buyer back to its return URL. Tests can also confirm directly, or post any message they like.
 */
public final class TestPaymentService implements AutoCloseable {
    /** A checkout this service created, as Cascade asked for it. */
    public record Checkout(String id, String reference, String amount, String currency, String description,
                           String returnUrl, String callbackUrl, String idempotencyKey) {
    }

    /** Cascade's answer to a confirmation. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            return Api.JSON.readTree(body);
        }
    }

    public final String apiKey = "sk_test_" + Long.toHexString(new SecureRandom().nextLong());
    public final String secret;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Checkout> checkouts = new ConcurrentHashMap<>();
    private final List<String> refusedKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Supplier<Instant> clock;
    private volatile int failCreation;

    /** With {@code clock}: the time its signatures carry (the application's, when a test moves it). */
    public TestPaymentService(Supplier<Instant> clock) throws IOException {
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/checkouts", this::create);
        server.createContext("/pay/", this::page);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} checkout creations answer 500. */
    public void failNextCreations(int n) {
        failCreation = n;
    }

    public List<Checkout> checkouts() {
        return List.copyOf(checkouts.values());
    }

    public Checkout checkout(String id) {
        return checkouts.get(id);
    }

    /** The Bearer keys of creations refused for a wrong key. */
    public List<String> refusedKeys() {
        return List.copyOf(refusedKeys);
    }

    private void create(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "text/plain", "POST only");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + apiKey).equals(authorization)) {
            refusedKeys.add(String.valueOf(authorization));
            answer(exchange, 401, "application/json", "{\"error\": \"unknown API key\"}");
            return;
        }
        if (failCreation > 0) {
            failCreation--;
            answer(exchange, 500, "application/json", "{\"error\": \"down\"}");
            return;
        }
        JsonNode order = Api.JSON.readTree(body);
        String id = "pay_" + sequence.incrementAndGet();
        checkouts.put(id, new Checkout(id, order.path("reference").asString(),
                order.path("amount").path("amount").asString(), order.path("amount").path("currency").asString(),
                order.path("description").asString(), order.path("returnUrl").asString(),
                order.path("callbackUrl").asString(), exchange.getRequestHeaders().getFirst("Idempotency-Key")));
        answer(exchange, 201, "application/json", Api.JSON.writeValueAsString(Map.of("id", id,
                "redirectUrl", baseUrl() + "/pay/" + id)));
    }

    /** The hosted page ({@code GET /pay/<id>}) and the buyer's decision ({@code POST /pay/<id>}). */
    private void page(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/pay/".length());
        Checkout checkout = checkouts.get(id);
        if (checkout == null) {
            answer(exchange, 404, "text/plain", "no such checkout");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 200, "text/html; charset=utf-8", """
                    <!DOCTYPE html><html><head><title>Test Pay</title></head><body>
                    <h1 id="pay-title">Pay %s %s</h1><p id="pay-description">%s</p>
                    <form method="post"><button type="submit" name="outcome" value="PAID" id="pay">Pay</button>
                    <button type="submit" name="outcome" value="CANCELLED" id="cancel">Cancel</button></form>
                    </body></html>""".formatted(checkout.amount(), checkout.currency(), checkout.description()));
            return;
        }
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String outcome = URLDecoder.decode(form.replaceFirst("^outcome=", ""), StandardCharsets.UTF_8);
        Answer answer = confirm(id, outcome);
        if (answer.status() != 200) {
            answer(exchange, 502, "text/plain", "Cascade answered " + answer);
            return;
        }
        exchange.getResponseHeaders().add("Location", checkout.returnUrl());
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    /** Confirms a checkout with the amount it asked for, as a fresh message signed now. */
    public Answer confirm(String id, String status) {
        Checkout checkout = checkouts.get(id);
        return confirm(id, status, checkout.amount(), checkout.currency());
    }

    public Answer confirm(String id, String status, String amount, String currency) {
        return post(checkouts.get(id).callbackUrl(), "msg_" + messages.incrementAndGet() + "_" + id,
                clock.get().getEpochSecond(), body(id, status, amount, currency), secret);
    }

    /** The body of a confirmation. */
    public String body(String id, String status, String amount, String currency) {
        Checkout checkout = checkouts.get(id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("reference", checkout == null ? null : checkout.reference());
        data.put("status", status);
        data.put("amount", Map.of("amount", amount, "currency", currency));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "checkout.completed");
        message.put("timestamp", clock.get().toString());
        message.put("data", data);
        return Api.JSON.writeValueAsString(message);
    }

    /** Posts a message signed with {@code signingSecret} by the reference library. */
    public Answer post(String url, String messageId, long timestamp, String body, String signingSecret) {
        try {
            String signature = new Webhook(signingSecret).sign(messageId, timestamp, body);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
