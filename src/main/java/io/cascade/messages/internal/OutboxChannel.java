package io.cascade.messages.internal;

import java.util.List;
import java.util.UUID;

/** Sends the claimed messages of one channel and says, per message, what happened. */
interface OutboxChannel {
    Channel channel();

    List<Delivery> send(List<OutboxMessage> batch);

    /**
     * The outcome of one message: delivered; or not, and then whether to try again later ({@code retry}) or give up
     * at once; the remote answer's status code when there was one, and a short error for the log.
     */
    record Delivery(UUID messageId, boolean delivered, boolean retry, Integer statusCode, String error) {
        static Delivery ok(UUID messageId, Integer statusCode) {
            return new Delivery(messageId, true, false, statusCode, null);
        }

        static Delivery failed(UUID messageId, boolean retry, Integer statusCode, String error) {
            return new Delivery(messageId, false, retry, statusCode, error);
        }
    }
}
