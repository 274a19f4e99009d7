package io.cascade.nodes.internal;

import io.cascade.nodes.api.HealthCheck;
import io.cascade.nodes.api.NodeView;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One health probe of a node, outside any transaction: an HTTP GET of its health URL (healthy: a 2xx answer within the
 * timeout; redirects are not followed) or a TCP connect to its address and port within the timeout. The addresses are
 * the provider's own, so internal ones are allowed here (docs/adr/0040-service-nodes.md), unlike the outgoing calls of
 * adapters and webhooks, which only reach checked public addresses.
 */
@Component
class Prober {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(60)).build();

    record Result(boolean ok, int durationMs, String detail) {
    }

    Result probe(NodeView node) {
        long started = System.nanoTime();
        Duration timeout = Duration.ofMillis(node.probeTimeoutMs());
        try {
            String detail = node.healthCheck() == HealthCheck.HTTP ? http(node.healthUrl(), timeout)
                    : tcp(node.address(), node.healthPort(), timeout);
            return new Result(detail == null, elapsed(started), detail);
        } catch (HttpTimeoutException | java.net.SocketTimeoutException e) {
            return new Result(false, elapsed(started), "No answer within " + node.probeTimeoutMs() + " ms");
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, elapsed(started), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, elapsed(started), "Interrupted");
        }
    }

    /** Null when healthy, else what was wrong. */
    private String http(String url, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("User-Agent", "Cascade-node-health").build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        return status >= 200 && status < 300 ? null : "HTTP " + status;
    }

    private static String tcp(String address, Integer port, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return null;
        }
    }

    private static int elapsed(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
