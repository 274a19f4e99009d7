package io.cascade.payments.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.UUID;

/**
 * Where gateways send buyers and confirmations back: the panel's invoice page under Cascade's public URL
 * ({@code cascade.public-url}) and the callback endpoint under {@code cascade.payments.callback-base-url} (default:
 * the public URL); unset, this server on localhost.
 */
@Component
public class GatewayUrls {
    private final String publicUrl;
    private final String callbackBase;
    private final Environment environment;

    GatewayUrls(@Value("${cascade.public-url:}") String publicUrl,
                @Value("${cascade.payments.callback-base-url:}") String callbackBase, Environment environment) {
        this.publicUrl = trim(publicUrl);
        this.callbackBase = trim(callbackBase);
        this.environment = environment;
    }

    private static String trim(String url) {
        String u = url == null ? "" : url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private String local() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    private String base() {
        return publicUrl.isEmpty() ? local() : publicUrl;
    }

    /** The URL a gateway posts its confirmations for these settings to. */
    public URI callback(UUID gatewayId) {
        return URI.create((callbackBase.isEmpty() ? base() : callbackBase) + "/api/v1/payment-callbacks/" + gatewayId);
    }

    /** The invoice's page in the panel, naming the checkout the buyer comes back from. */
    public URI returnTo(UUID invoiceId, UUID checkoutId) {
        return URI.create(base() + "/panel/invoices/" + invoiceId + "?checkout=" + checkoutId);
    }
}
