package io.cascade.payments.api;

import java.net.URI;

/** A checkout the gateway created: its payment id (named again in its confirmation) and its hosted page. */
public record GatewayCheckout(String paymentId, URI redirectUrl) {
}
