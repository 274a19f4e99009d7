package io.cascade.messages.api;

import io.cascade.shared.Caller;
import io.cascade.shared.Page;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An account's webhook endpoints and their delivery logs (ADR 0026), for the REST edge and the panels. Every method
 * starts with the subtree check (an account outside the caller's subtree, or an endpoint of another account: 404),
 * then the privilege: {@code SETTINGS_MANAGE} to register, change, delete, rotate the secret and redeliver;
 * {@code SETTINGS_MANAGE} or {@code ACCOUNTS_READ} to read. Every change is audited, never with the secret.
 */
public interface Webhooks {
    /** The event types an endpoint may subscribe to, by their wire names. */
    List<String> eventTypes();

    Page<WebhookEndpointView> list(Caller caller, UUID accountId, Integer limit, String cursor);

    WebhookEndpointView get(Caller caller, UUID accountId, UUID endpointId);

    /** Registers an endpoint with a new secret, answered once in the result. */
    WebhookEndpointView create(Caller caller, UUID accountId, NewWebhookEndpoint request);

    /** Applies the caller's changes (merged onto the current document) if the version still matches. */
    WebhookEndpointView update(Caller caller, UUID accountId, UUID endpointId, String ifMatch,
                               UnaryOperator<WebhookEndpointUpdate> changes);

    /** Removes the endpoint; deliveries still waiting for it fail. */
    void delete(Caller caller, UUID accountId, UUID endpointId);

    /** A new secret, answered once; the old one signs alongside for {@code cascade.webhooks.secret-overlap}. */
    WebhookEndpointView rotateSecret(Caller caller, UUID accountId, UUID endpointId);

    /** The endpoint's deliveries, newest first. */
    Page<WebhookDeliveryView> deliveries(Caller caller, UUID accountId, UUID endpointId, Integer limit,
                                         String cursor);

    WebhookDeliveryView delivery(Caller caller, UUID accountId, UUID endpointId, UUID deliveryId);

    /** Sends a delivery again (also a FAILED one) with its {@code webhook-id}. */
    WebhookDeliveryView redeliver(Caller caller, UUID accountId, UUID endpointId, UUID deliveryId);
}
