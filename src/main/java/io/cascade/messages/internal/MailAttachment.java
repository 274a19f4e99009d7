package io.cascade.messages.internal;

/** A file attached to a mail; built again at each attempt, never stored in the outbox. */
record MailAttachment(String filename, String contentType, byte[] content) {
}
