package io.cascade.messages.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One outbox message as people read it. The mail fields (sender to attachments) are those of its last composition and
 * null before it was composed and for webhook deliveries; the bodies ({@code text}, {@code html}) are only in the
 * answer for one message, not in lists. One-time links in a mail that was sent are redacted ({@code redacted}).
 */
@Schema(name = "Message")
public record MessageView(UUID id, MessageChannel channel, String kind, UUID accountId, UUID targetId,
                          MessageStatus status, int attempts, Instant nextAttemptAt, String lastError,
                          Integer lastStatusCode, Instant createdAt, Instant sentAt, String sender, String replyTo,
                          List<String> recipients, String subject, String locale, List<String> attachmentNames,
                          String text, String html, boolean redacted) {
}
