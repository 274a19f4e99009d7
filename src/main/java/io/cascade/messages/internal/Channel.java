package io.cascade.messages.internal;

/** How an outbox message leaves: by e-mail or as a webhook delivery. */
enum Channel {
    MAIL, WEBHOOK
}
