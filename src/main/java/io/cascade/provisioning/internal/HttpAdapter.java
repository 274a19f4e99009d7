package io.cascade.provisioning.internal;

import io.cascade.platform.api.WebhookSignatures;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningRequest;
import io.cascade.shared.FieldProblem;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.cascade.platform.api.OutboundTargets;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integration point for a provider's own systems: every operation is a JSON message POSTed to the service's
 * {@code adapterConfig.url}, signed as Standard Webhooks says with {@code adapterConfig.secret} ({@code whsec_...}).
 * {@code webhook-id} is the task id, the same on every attempt, so the receiver can drop duplicates. 2xx: done;
 * 202: accepted, completion comes later through the signed callback; 408, 429, 5xx, timeouts and connection errors:
 * tried again with back-off; any other answer: failed. The url's host must be one outgoing calls may reach
 * ({@link OutboundTargets}, ADR 0024): checked when the service is configured, and at every call on the addresses
 * the connection then uses (its DNS resolver is the check), so a name re-pointed at an inner address is refused too.
 */
@Component
class HttpAdapter implements ProvisioningAdapter {
    private static final int MAX_URL = 2000;

    private final CloseableHttpClient client;
    private final JsonMapper json;
    private final RunnerSettings settings;
    private final OutboundTargets targets;
    private final Clock clock;

    HttpAdapter(JsonMapper json, RunnerSettings settings, OutboundTargets targets, Clock clock) {
        this.json = json;
        this.settings = settings;
        this.targets = targets;
        this.clock = clock;
        // 64 connections to one host: never the limit, the job threads are
        this.client = targets.httpClient(settings.httpTimeout, 64);
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public List<FieldProblem> checkConfig(Map<String, Object> config) {
        List<FieldProblem> problems = new ArrayList<>();
        Object url = config.get("url");
        if (!(url instanceof String text) || text.length() > MAX_URL || !absoluteHttp(text)) {
            problems.add(new FieldProblem("url", "must be an absolute http or https URL"));
        } else {
            targets.problem(text).ifPresent(problem -> problems.add(new FieldProblem("url", problem)));
        }
        if (WebhookSignatures.key(config.get("secret")).isEmpty()) {
            problems.add(new FieldProblem("secret", "must be whsec_ followed by the base64 of "
                    + WebhookSignatures.MIN_KEY_BYTES + " to " + WebhookSignatures.MAX_KEY_BYTES + " random bytes"));
        }
        for (String key : config.keySet()) {
            if (!key.equals("url") && !key.equals("secret")) {
                problems.add(new FieldProblem(key, "is not a setting of the http adapter (url, secret)"));
            }
        }
        return problems;
    }

    @Override
    public Outcome provision(ProvisioningRequest request) {
        return send(request);
    }

    @Override
    public Outcome change(ProvisioningRequest request) {
        return send(request);
    }

    @Override
    public Outcome suspend(ProvisioningRequest request) {
        return send(request);
    }

    @Override
    public Outcome resume(ProvisioningRequest request) {
        return send(request);
    }

    @Override
    public Outcome deprovision(ProvisioningRequest request) {
        return send(request);
    }

    /** {@code provisioning.enforce}: the remote system stops the payload's resource of the subscription. */
    @Override
    public Outcome enforce(ProvisioningRequest request) {
        return send(request);
    }

    /** {@code provisioning.lift}: the remote system starts it again. */
    @Override
    public Outcome lift(ProvisioningRequest request) {
        return send(request);
    }

    /** The remote system moves the resource itself: {@code provisioning.move}, the payload naming both nodes. */
    @Override
    public Outcome move(ProvisioningRequest request) {
        return send(request);
    }

    private Outcome send(ProvisioningRequest request) {
        Map<String, Object> config = request.service().config();
        byte[] key = WebhookSignatures.key(config.get("secret")).orElse(null);
        if (key == null || !(config.get("url") instanceof String url) || !absoluteHttp(url)) {
            return Outcome.failed("The service's adapterConfig lacks a valid url or whsec_ secret.");
        }
        try {
            targets.resolve(URI.create(url).getHost()); // an address in the URL is checked here, a name also below
        } catch (OutboundTargets.RefusedTarget e) {
            return Outcome.failed("Refused to call " + host(url) + ": it " + e.getMessage() + ".");
        } catch (UnknownHostException e) {
            // the connection reports it
        }
        String id = request.taskId().toString();
        long timestamp = clock.instant().getEpochSecond();
        String body = json.writeValueAsString(message(request));
        HttpPost http = new HttpPost(URI.create(url));
        http.setHeader("User-Agent", "Cascade-Provisioning/1");
        http.setHeader("webhook-id", id);
        http.setHeader("webhook-timestamp", Long.toString(timestamp));
        http.setHeader("webhook-signature", WebhookSignatures.sign(key, id, timestamp, body));
        http.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        Answer response;
        try {
            response = client.execute(http, answer -> new Answer(answer.getCode(), answer.getEntity() == null ? ""
                    : new String(EntityUtils.toByteArray(answer.getEntity()), StandardCharsets.UTF_8)));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Outcome.retry("Interrupted while calling " + host(url) + ".");
            }
            return Outcome.retry("No answer from " + host(url) + " within " + settings.httpTimeout.toSeconds() + " s.");
        } catch (IOException e) {
            Throwable refused = e;
            while (refused != null && !(refused instanceof OutboundTargets.RefusedTarget)) {
                refused = refused.getCause();
            }
            if (refused != null) {
                return Outcome.failed("Refused to call " + host(url) + ": it " + refused.getMessage() + ".");
            }
            return Outcome.retry("Cannot reach " + host(url) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        int status = response.status();
        String answer = "HTTP " + status + " from " + host(url) + snippet(response.body());
        if (status == 202) {
            return Outcome.accepted(externalRef(response.body()));
        }
        if (status >= 200 && status < 300) {
            return Outcome.done(externalRef(response.body()));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Outcome.retry(answer);
        }
        return Outcome.failed(answer);
    }

    private record Answer(int status, String body) {
    }

    /** The message: Standard Webhooks' {type, timestamp, data} envelope. */
    private Map<String, Object> message(ProvisioningRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskId", request.taskId());
        data.put("operation", request.operation());
        data.put("attempt", request.attempt());
        data.put("accountId", request.accountId());
        data.put("subscriptionId", request.subscriptionId());
        data.put("service", Map.of("id", request.service().id(), "code", request.service().code()));
        data.put("subjectType", request.subjectType());
        data.put("subjectId", request.subjectId());
        data.put("payload", request.payload());
        data.put("callbackUrl", request.callbackUrl().toString());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "provisioning." + request.operation().name().toLowerCase());
        message.put("timestamp", clock.instant().toString());
        message.put("data", data);
        return message;
    }

    /** {@code externalRef} from a JSON answer, if the remote gave one. */
    private String externalRef(String body) {
        if (body == null || body.isBlank() || body.length() > 100_000) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body).get("externalRef");
            return node != null && node.isString() && node.asString().length() <= 200 ? node.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return ": " + (flat.length() > 300 ? flat.substring(0, 300) + "…" : flat);
    }

    private static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "the endpoint";
        }
    }

    static boolean absoluteHttp(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
