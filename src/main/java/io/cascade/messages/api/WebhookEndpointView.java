package io.cascade.messages.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook endpoint as the API shows it. {@code secret} ({@code whsec_…}, the signing key) appears once: in the
 * answer that created the endpoint or rotated its secret. {@code disabledReason} says why a disabled endpoint stopped
 * (by a person, or automatically after failing for {@code cascade.webhooks.disable-after}).
 */
public record WebhookEndpointView(UUID id, UUID accountId, String url, String description, List<String> eventTypes,
                           boolean enabled, String disabledReason, Instant disabledAt, Instant failingSince,
                           Instant createdAt, Instant updatedAt,
                           @JsonIgnore String accountPath, @JsonIgnore long version,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public WebhookEndpointView withSecret(String secret) {
        return new WebhookEndpointView(id, accountId, url, description, eventTypes, enabled, disabledReason,
                disabledAt, failingSince, createdAt, updatedAt, accountPath, version, secret);
    }
}
