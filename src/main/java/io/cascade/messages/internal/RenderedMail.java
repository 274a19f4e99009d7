package io.cascade.messages.internal;

/** A mail's subject, plain text and HTML as rendered from its templates. */
record RenderedMail(String subject, String text, String html) {
}
