package io.cascade.provisioning.internal;

import io.cascade.provisioning.api.TaskStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/**
 * The body of {@code POST /api/v1/provisioning-callbacks/{taskId}} as the OpenAPI document declares it. The signature
 * covers the raw bytes, so {@link Callbacks} reads the body itself after verifying it; this type only names its shape.
 */
@Schema(description = "A remote system's completion report of a task it accepted with 202, signed as Standard "
        + "Webhooks says")
record CompletionReport(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The task this report completes: the "
                + "taskId of the path") UUID taskId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"DONE", "FAILED"}) TaskStatus status,
        @Schema(maxLength = 1000, description = "Why it failed (FAILED)") String error,
        @Schema(maxLength = 200, description = "The remote system's reference for what it did") String externalRef) {
}
