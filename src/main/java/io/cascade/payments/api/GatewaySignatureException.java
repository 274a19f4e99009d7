package io.cascade.payments.api;

/** A callback that is not authentic: no valid signature of the gateway's secret, or too old. */
public class GatewaySignatureException extends Exception {
    public GatewaySignatureException(String message) {
        super(message);
    }
}
