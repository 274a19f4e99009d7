package io.cascade.payments.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An issuer's gateway as the API shows it: the secrets only as hints (their last four characters), and the
 * {@code callbackUrl} to give the payment service (where it posts its signed confirmations).
 */
public record GatewaySettingsView(UUID id, UUID accountId, String kind, String baseUrl, String apiKeyHint,
                                  String signingSecretHint, String callbackUrl, long version, Instant updatedAt) {
}
