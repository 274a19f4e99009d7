package io.cascade.messages.internal;

import io.cascade.messages.api.MessageChannel;
import io.cascade.messages.api.MessageLog;
import io.cascade.messages.api.MessageStatus;
import io.cascade.messages.api.MessageView;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Messages", description = "The outbox: e-mails and webhook deliveries with their status, attempts and retries")
class MessagesController {
    private final MessageLog messages;

    MessagesController(MessageLog messages) {
        this.messages = messages;
    }

    @GetMapping("/api/v1/accounts/{accountId}/messages")
    @Operation(operationId = "listMessages", summary = "The outbox messages of an account and its subtree, newest first")
    Page<MessageView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                           @RequestParam(required = false) MessageStatus status,
                           @RequestParam(required = false) MessageChannel channel,
                           @Parameter(description = "A mail kind (invitation) or webhook event type (invoice.issued)")
                           @RequestParam(required = false) String kind,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        return messages.list(caller, accountId, new MessageLog.Query(status, channel, kind, limit, cursor));
    }

    @GetMapping("/api/v1/messages/{messageId}")
    @Operation(operationId = "getMessage", summary = "One outbox message, with the text and HTML of its mail")
    MessageView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID messageId) {
        return messages.get(caller, messageId);
    }

    @PostMapping("/api/v1/messages/{messageId}/retry")
    @Operation(operationId = "retryMessage", summary = "Send a FAILED message again with fresh attempts (or a PENDING one now)")
    MessageView retry(@Parameter(hidden = true) Caller caller, @PathVariable UUID messageId) {
        return messages.retry(caller, messageId);
    }
}
