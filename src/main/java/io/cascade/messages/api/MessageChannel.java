package io.cascade.messages.api;

/** How a message leaves: by e-mail or as a webhook delivery. */
public enum MessageChannel {
    MAIL, WEBHOOK
}
