package io.cascade.messages.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The changeable part of a webhook endpoint, target of a JSON merge patch. Enabling a disabled endpoint clears its
 * reason and its failure window; the deliveries that failed meanwhile are redelivered by hand.
 */
public record WebhookEndpointUpdate(@NotBlank @Size(max = 2000) String url, @Size(max = 200) String description,
                             @NotEmpty @Size(max = 50) List<@NotNull @Size(max = 64) String> eventTypes,
                             @NotNull Boolean enabled) {

    public static WebhookEndpointUpdate of(WebhookEndpointView endpoint) {
        return new WebhookEndpointUpdate(endpoint.url(), endpoint.description(), endpoint.eventTypes(),
                endpoint.enabled());
    }
}
