package io.cascade.payments.internal;

import io.cascade.payments.api.CheckoutOrder;
import io.cascade.payments.api.GatewayCallback;
import io.cascade.payments.api.GatewayCheckout;
import io.cascade.payments.api.GatewayConfiguration;
import io.cascade.payments.api.GatewayConfirmation;
import io.cascade.payments.api.GatewayException;
import io.cascade.payments.api.GatewaySignatureException;
import io.cascade.payments.api.OnlinePaymentStatus;
import io.cascade.payments.api.PaymentGateway;
import io.cascade.platform.api.OutboundTargets;
import io.cascade.platform.api.WebhookSignatures;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic {@code http} gateway (docs/billing.md "The http gateway protocol"): Cascade creates a checkout with
 * {@code POST <baseUrl>/checkouts} (Bearer API key, JSON {@code {reference, amount, description, returnUrl,
 * callbackUrl}}, answered {@code {id, redirectUrl}}), and the payment service confirms with a Standard Webhooks message
 * ({@code webhook-id}, {@code webhook-timestamp} within 5 minutes, {@code webhook-signature} v1 HMAC-SHA256 of
 * {@code id.timestamp.body} with the {@code whsec_} signing secret) whose body is
 * {@code {type, timestamp, data: {id, reference, status, amount}}}.
 */
@Component
class HttpGateway implements PaymentGateway {
    static final String KIND = "http";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** An answer larger than this is not a checkout. */
    private static final int MAX_ANSWER = 64 * 1024;

    private final OutboundTargets targets;
    private final CloseableHttpClient client;
    private final JsonMapper json;
    private final Clock clock;

    HttpGateway(OutboundTargets targets, JsonMapper json, Clock clock,
                @Value("${cascade.payments.gateway-timeout:PT10S}") Duration timeout) {
        this.targets = targets;
        this.client = targets.httpClient(timeout, 8);
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<FieldProblem> check(GatewayConfiguration configuration) {
        List<FieldProblem> problems = new ArrayList<>();
        String url = configuration.baseUrl();
        if (url == null || url.isBlank()) {
            problems.add(new FieldProblem("baseUrl", "is required: the payment service's base URL"));
        } else if (url.contains("?") || url.contains("#")) {
            problems.add(new FieldProblem("baseUrl", "must be a base URL without query or fragment"));
        } else {
            targets.problem(url).ifPresent(p -> problems.add(new FieldProblem("baseUrl", p)));
        }
        if (configuration.apiKey() == null || configuration.apiKey().isBlank()) {
            problems.add(new FieldProblem("apiKey", "is required: the key Cascade sends as Bearer token"));
        } else if (!configuration.apiKey().matches("[\\x21-\\x7e]+")) {
            problems.add(new FieldProblem("apiKey", "must be printable ASCII without spaces"));
        }
        if (configuration.signingSecret() == null || configuration.signingSecret().isBlank()) {
            problems.add(new FieldProblem("signingSecret", "is required: the whsec_ secret the callbacks are signed with"));
        } else if (WebhookSignatures.key(configuration.signingSecret()).isEmpty()) {
            problems.add(new FieldProblem("signingSecret", "must be whsec_ followed by the base64 of "
                    + WebhookSignatures.MIN_KEY_BYTES + " to " + WebhookSignatures.MAX_KEY_BYTES + " bytes"));
        }
        return problems;
    }

    @Override
    public GatewayCheckout createCheckout(GatewayConfiguration configuration, CheckoutOrder order)
            throws GatewayException {
        String base = configuration.baseUrl().endsWith("/") ? configuration.baseUrl()
                .substring(0, configuration.baseUrl().length() - 1) : configuration.baseUrl();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", order.reference());
        body.put("amount", Map.of("amount", order.amount().amount().toPlainString(),
                "currency", order.amount().currency().getCurrencyCode()));
        body.put("description", order.description());
        body.put("returnUrl", order.returnUrl().toString());
        body.put("callbackUrl", order.callbackUrl().toString());
        HttpPost post = new HttpPost(base + "/checkouts");
        post.setHeader("Authorization", "Bearer " + configuration.apiKey());
        post.setHeader("Idempotency-Key", order.reference());
        post.setHeader("Accept", "application/json");
        post.setEntity(new StringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
        String host = URI.create(base).getHost();
        try {
            return client.execute(post, response -> {
                int status = response.getCode();
                String answer = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), MAX_ANSWER);
                if (status != 200 && status != 201) {
                    return failure("The payment service at " + host + " answered HTTP " + status + ".");
                }
                return parseCheckout(answer, host);
            }).orElseThrow();
        } catch (OutboundTargets.RefusedTarget e) {
            throw new GatewayException("Refused to call " + host + ": it " + e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new GatewayException("The payment service at " + host + " could not be reached ("
                    + e.getClass().getSimpleName() + ").", e);
        } catch (Failure e) {
            throw new GatewayException(e.getMessage());
        }
    }

    /** A failure inside the answer handler, carried out of it. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static java.util.Optional<GatewayCheckout> failure(String message) {
        throw new Failure(message);
    }

    private java.util.Optional<GatewayCheckout> parseCheckout(String answer, String host) {
        JsonNode node;
        try {
            node = json.readTree(answer);
        } catch (RuntimeException e) {
            return failure("The payment service at " + host + " answered no JSON object {id, redirectUrl}.");
        }
        String id = node == null ? null : node.path("id").asString(null);
        String redirect = node == null ? null : node.path("redirectUrl").asString(null);
        if (id == null || id.isBlank() || id.length() > 200 || redirect == null || redirect.length() > 2000) {
            return failure("The payment service at " + host + " answered no {id, redirectUrl}.");
        }
        try {
            URI uri = new URI(redirect);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                return failure("The payment service at " + host + " answered a redirectUrl that is not http(s).");
            }
            return java.util.Optional.of(new GatewayCheckout(id, uri));
        } catch (URISyntaxException e) {
            return failure("The payment service at " + host + " answered a redirectUrl that is no URL.");
        }
    }

    @Override
    public GatewayConfirmation confirm(GatewayConfiguration configuration, GatewayCallback callback)
            throws GatewaySignatureException, GatewayException {
        byte[] key = WebhookSignatures.key(configuration.signingSecret())
                .orElseThrow(() -> new GatewaySignatureException("The gateway has no signing secret."));
        String id = callback.header("webhook-id");
        long sent;
        try {
            sent = Long.parseLong(String.valueOf(callback.header("webhook-timestamp")).trim());
        } catch (NumberFormatException e) {
            throw new GatewaySignatureException("No webhook-timestamp.");
        }
        if (Math.abs(clock.instant().getEpochSecond() - sent) > TOLERANCE.toSeconds()) {
            throw new GatewaySignatureException("The webhook-timestamp is more than 5 minutes off.");
        }
        if (id == null || id.isBlank() || id.length() > 200
                || !WebhookSignatures.verify(key, id, sent, callback.body(), callback.header("webhook-signature"))) {
            throw new GatewaySignatureException("No valid webhook-signature.");
        }
        JsonNode data;
        try {
            JsonNode message = json.readTree(callback.body());
            data = message == null ? null : message.get("data");
        } catch (RuntimeException e) {
            throw new GatewayException("The confirmation is not JSON.");
        }
        if (data == null || !data.isObject()) {
            throw new GatewayException("The confirmation has no data object {id, reference, status, amount}.");
        }
        String paymentId = data.path("id").asString(null);
        if (paymentId == null || paymentId.isBlank()) {
            throw new GatewayException("data.id is missing: the gateway's payment id.");
        }
        OnlinePaymentStatus status;
        try {
            status = OnlinePaymentStatus.valueOf(data.path("status").asString(""));
        } catch (IllegalArgumentException e) {
            throw new GatewayException("data.status must be PAID, FAILED or CANCELLED.");
        }
        Money amount;
        try {
            amount = Money.of(data.path("amount").path("amount").asString(""),
                    data.path("amount").path("currency").asString(""));
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new GatewayException("data.amount must be {amount, currency}, e.g. {\"amount\": \"12.50\", "
                    + "\"currency\": \"EUR\"}.");
        }
        return new GatewayConfirmation(id, paymentId, status, amount);
    }
}
