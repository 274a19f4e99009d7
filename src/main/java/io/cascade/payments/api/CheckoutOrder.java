package io.cascade.payments.api;

import io.cascade.shared.Money;

import java.net.URI;

/**
 * What a hosted checkout is for: the amount, Cascade's reference (the checkout's id), a description the buyer sees
 * (the invoice number), where the gateway sends the buyer back ({@code returnUrl}) and where it posts its
 * confirmation ({@code callbackUrl}).
 */
public record CheckoutOrder(Money amount, String reference, String description, URI returnUrl, URI callbackUrl) {
}
