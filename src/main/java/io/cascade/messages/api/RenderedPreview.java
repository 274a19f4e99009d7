package io.cascade.messages.api;

/** A template rendered with sample data: the subject, the text part and the HTML part as they would be sent. */
public record RenderedPreview(String subject, String text, String html) {
}
