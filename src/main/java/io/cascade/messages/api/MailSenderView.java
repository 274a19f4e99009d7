package io.cascade.messages.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Who an issuer's mail is from. {@code configured}: the issuer set its own sender ({@code email}, {@code name});
 * otherwise mail goes from the platform's address with the issuer's name, with replies to its contact address.
 * {@code from} and {@code replyTo} are the headers as sent ({@code replyTo} null: none). {@code version} is the ETag.
 */
public record MailSenderView(boolean configured, String email, String name, String from, String replyTo,
                             @JsonIgnore long version) {
}
