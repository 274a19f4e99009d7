package io.cascade.payments.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An issuer's gateway, as it sets it ({@code PUT /api/v1/accounts/{accountId}/payment-gateway}): the connector's
 * {@code kind} ({@code http}), the {@code baseUrl} of the payment service, the {@code apiKey} Cascade sends it and the
 * {@code signingSecret} ({@code whsec_…}) its callbacks are signed with. Left out (null), a secret keeps its saved
 * value, so that the URL can change without typing the secrets again; neither is ever answered back in full.
 */
public record GatewaySettings(@NotBlank @Size(max = 40) String kind, @Size(max = 2000) String baseUrl,
                              @Size(max = 500) String apiKey, @Size(max = 200) String signingSecret) {

    @Override
    public String toString() {
        return "GatewaySettings[kind=" + kind + ", baseUrl=" + baseUrl + "]";
    }
}
