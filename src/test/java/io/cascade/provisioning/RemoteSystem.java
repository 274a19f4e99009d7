package io.cascade.provisioning;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A provider's system as the http adapter meets it: a real HTTP server on localhost that records every request and
 * answers from a script (default 200). Signatures are checked with the Standard Webhooks reference library, not with
 * Cascade's code.
 */
final class RemoteSystem implements AutoCloseable {
    /** One scripted answer: a status, after an optional delay. */
    record Answer(int status, Duration delay, String body) {
        static Answer of(int status) {
            return new Answer(status, Duration.ZERO, "");
        }
    }

    /** One received request: lower-case header names, the raw body, and the answer it got. */
    record Received(Map<String, List<String>> headers, String body, int answeredWith) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    /** Holds every call until {@link #open()}: lets a test make several nodes busy at once. */
    static final class Gate {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        void open() {
            latch.countDown();
        }

        void pass() {
            try {
                latch.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    final String secret;
    private volatile Gate gate;
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = Answer.of(200);

    RemoteSystem() throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/provision", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Answer answer = script.poll();
            if (answer == null) {
                answer = otherwise;
            }
            received.add(new Received(headers, body, answer.status()));
            Gate held = gate;
            if (held != null) {
                held.pass();
            }
            try {
                // a slow remote system: the delay is real time passing (the tests of timeouts ask for it)
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } catch (IOException e) {
                // the client gave up (a timeout the test asked for)
            }
            exchange.close();
        });
        server.start();
    }

    Gate hold() {
        Gate held = new Gate();
        gate = held;
        return held;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/provision";
    }

    /** Answers these, in order, to the next requests; then {@link #otherwise}. */
    RemoteSystem then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    RemoteSystem otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** True when the request's signature verifies with the reference library and this system's secret. */
    boolean verifies(Received request) {
        return verifies(request.body(), request.headers());
    }

    boolean verifies(String body, Map<String, List<String>> headers) {
        try {
            new Webhook(secret).verify(body, headers);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A signature made by the reference library, for callbacks. */
    String sign(String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
