package io.cascade.messages.api;

import io.cascade.shared.Caller;
import io.cascade.shared.Page;

import java.util.UUID;

/**
 * The outbox as people read and retry it: an account's subtree's messages ({@code AUDIT_READ}) and a failed message
 * sent again ({@code SETTINGS_MANAGE}). Messages outside the caller's subtree are not found (404).
 */
public interface MessageLog {
    /**
     * Filters of a list; every one may be null.
     *
     * @param kind a mail kind ({@code invitation}) or webhook event type ({@code invoice.issued})
     */
    record Query(MessageStatus status, MessageChannel channel, String kind, Integer limit, String cursor) {
        public static Query newest(int limit) {
            return new Query(null, null, null, limit, null);
        }
    }

    /** The messages of the account and everything below it, newest first, without their bodies. */
    Page<MessageView> list(Caller caller, UUID accountId, Query query);

    /** One message with the bodies of its mail. */
    MessageView get(Caller caller, UUID messageId);

    /**
     * A FAILED message goes out again with fresh attempts, a PENDING one now instead of after its back-off; audited
     * as {@code message.retried}. Sending, sent and held messages are refused (409 {@code message-not-retryable}).
     */
    MessageView retry(Caller caller, UUID messageId);

    /** True when an SMTP host is set on this node; without one, mail is HELD. */
    boolean mailConfigured();
}
