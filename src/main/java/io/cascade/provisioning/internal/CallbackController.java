package io.cascade.provisioning.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Where a remote system that answered 202 reports completion; authenticated by its signature, not by a token. */
@RestController
@Tag(name = "Provisioning")
class CallbackController {
    private final Callbacks callbacks;

    CallbackController(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = "/api/v1/provisioning-callbacks/{taskId}", consumes = "application/json")
    @Operation(operationId = "reportProvisioningCompletion", summary = "Completion report of a task the remote system accepted with 202 ({taskId, status: "
            + "DONE|FAILED, error?, externalRef?}; taskId names this task), signed as Standard Webhooks says with the "
            + "service's secret")
    @SecurityRequirement(name = "webhookSignature")
    @ApiResponse(responseCode = "200", description = "The report is recorded: the task's new status")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CompletionReport.class)))
    @ApiResponse(responseCode = "401", description = "No valid Standard Webhooks signature of the service's secret, or an unknown task: the same answer (invalid-signature)")
    @ApiResponse(responseCode = "409", description = "The task is not waiting for a report (task-not-running)")
    Callbacks.Report complete(@PathVariable UUID taskId,
                              @RequestHeader(name = "webhook-id", required = false) String id,
                              @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
                              @RequestHeader(name = "webhook-signature", required = false) String signature,
                              @RequestBody(required = false) String body) {
        return callbacks.complete(taskId, id, timestamp, signature, body);
    }
}
