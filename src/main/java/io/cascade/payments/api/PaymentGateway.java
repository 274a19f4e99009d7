package io.cascade.payments.api;

import io.cascade.shared.FieldProblem;

import java.util.List;

/**
 * A connector to a payment gateway (ADR 0031, docs/billing.md "Writing a connector"): one Spring bean per kind of
 * gateway, found by its {@link #kind()}, which issuers choose in their gateway settings. Cascade asks it for two
 * things: a hosted checkout for an invoice (where the buyer is sent to pay), and the meaning of a confirmation the
 * gateway posts back, checked for authenticity. Everything else — the checkout's row, idempotency, replays, recording
 * the payment in billing's balances, the audit — is Cascade's, the same for every gateway.
 * <p>
 * Outgoing calls go through {@code platform.api.OutboundTargets} (its {@code httpClient}), so that a configured
 * address can never reach an inner network. Implementations are stateless: everything an issuer configured arrives
 * as the {@link GatewayConfiguration} of each call.
 */
public interface PaymentGateway {

    /** The kind's name, lower case ({@code http}, {@code stripe}, ...): what issuers choose, unique per bean. */
    String kind();

    /**
     * What is wrong with a configuration of this kind, one problem per field ({@code baseUrl}, {@code apiKey},
     * {@code signingSecret}); empty when it can be used. Called before a configuration is saved.
     */
    List<FieldProblem> check(GatewayConfiguration configuration);

    /**
     * Creates a hosted checkout at the gateway for the order. Called once per checkout, with the checkout's id as the
     * order's {@code reference} (an idempotency key the gateway may use).
     *
     * @throws GatewayException when the gateway cannot be reached or refuses; nothing is stored then
     */
    GatewayCheckout createCheckout(GatewayConfiguration configuration, CheckoutOrder order) throws GatewayException;

    /**
     * Verifies that a confirmation callback comes from the gateway (its signature, or by asking the gateway's API
     * about the payment it names) and reads it.
     *
     * @throws GatewaySignatureException when the callback is not authentic (or stale): nothing is recorded
     * @throws GatewayException          when it is authentic but cannot be read
     */
    GatewayConfirmation confirm(GatewayConfiguration configuration, GatewayCallback callback)
            throws GatewaySignatureException, GatewayException;
}
