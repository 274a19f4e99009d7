package io.cascade.messages.internal;

import tools.jackson.databind.JsonNode;

/** Reading the facts a business mail's listener stored in its outbox row ({@link OutboxMessage#data()}). */
final class MessageData {
    private MessageData() {
    }

    /** A text the listener always stores. */
    static String text(OutboxMessage message, String field) {
        String value = textOrNull(message, field);
        if (value == null) {
            throw new IllegalStateException("mail " + message.id() + " (" + message.kind() + ") has no " + field);
        }
        return value;
    }

    /** A text the listener stores when it has one. */
    static String textOrNull(OutboxMessage message, String field) {
        JsonNode node = message.data() == null ? null : message.data().get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    static boolean flag(OutboxMessage message, String field) {
        JsonNode node = message.data() == null ? null : message.data().get(field);
        return node != null && node.asBoolean();
    }
}
