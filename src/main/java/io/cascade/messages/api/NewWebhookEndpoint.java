package io.cascade.messages.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A webhook endpoint to register: where to POST ({@code http} or {@code https}, a public address unless the provider
 * allow-lists the network) and which event types to send; {@code enabled} defaults to true. The secret is generated.
 */
public record NewWebhookEndpoint(@NotBlank @Size(max = 2000) String url, @Size(max = 200) String description,
                          @NotEmpty @Size(max = 50) List<@NotNull @Size(max = 64) String> eventTypes,
                          Boolean enabled) {
}
