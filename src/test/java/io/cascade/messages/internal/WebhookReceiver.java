package io.cascade.messages.internal;

import com.sun.net.httpserver.HttpServer;
import io.cascade.support.Api;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An integrator's webhook receiver inside the test: a JDK HTTP server on loopback (allowed by the test properties)
 * that records every request per path and answers from a script per path (default 204).
 */
final class WebhookReceiver implements AutoCloseable {
    /** One received request: lower-case header names and the raw body. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        String type() {
            return json().path("type").asString();
        }

        String dataId() {
            return json().path("data").path("id").asString();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger paths = new AtomicInteger();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> otherwise = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body));
            Integer status = scripts.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            if (status == null) {
                status = otherwise.getOrDefault(path, 204);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** A new path of this receiver: one endpoint's URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + paths.incrementAndGet();
    }

    /** Answers these statuses, in order, to the next requests at the URL; then its default. */
    WebhookReceiver then(String url, Integer... statuses) {
        scripts.computeIfAbsent(path(url), p -> new ConcurrentLinkedQueue<>()).addAll(List.of(statuses));
        return this;
    }

    WebhookReceiver otherwise(String url, int status) {
        otherwise.put(path(url), status);
        return this;
    }

    List<Received> at(String url) {
        return List.copyOf(received.getOrDefault(path(url), List.of()));
    }

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
