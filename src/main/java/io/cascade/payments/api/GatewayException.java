package io.cascade.payments.api;

/** A gateway could not be reached, refused, or answered something a connector cannot read. */
public class GatewayException extends Exception {
    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
