package io.cascade.messages.api;

/**
 * Where an outbox message stands: waiting ({@code PENDING}, also between attempts), being sent ({@code SENDING}),
 * delivered ({@code SENT}), kept because no SMTP host is set ({@code HELD}), given up after its attempts
 * ({@code FAILED}, a person may retry it), or queued by a billing run and waiting until the run has completed
 * ({@code WAITING}; then it is {@code PENDING}).
 */
public enum MessageStatus {
    PENDING, SENDING, SENT, HELD, FAILED, WAITING
}
