package io.cascade.payments.api;

import java.util.UUID;

/**
 * What an issuer configured for its gateway, as the connector receives it: the settings' id (in the callback URL),
 * the kind, the base URL of the payment service, the API key Cascade sends when it creates checkouts and the secret
 * the gateway signs its callbacks with. The secrets are in clear here, for the connector's use only.
 */
public record GatewayConfiguration(UUID id, String kind, String baseUrl, String apiKey, String signingSecret) {

    @Override
    public String toString() {
        return "GatewayConfiguration[id=" + id + ", kind=" + kind + ", baseUrl=" + baseUrl + "]";
    }
}
