package io.cascade.usage.internal;

import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageRecord;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code POST /api/v1/usage} as the OpenAPI document declares it. {@link UsageBatchJson} reads the body
 * itself (a bad record is reported by its position instead of refusing the batch), so this type only names its shape.
 */
@Schema(description = "A batch of usage records; repeated record ids are ignored, bad records are reported one by "
        + "one in the receipt")
record UsageBatch(@ArraySchema(minItems = 0, maxItems = UsageMetering.MAX_BATCH,
        schema = @Schema(implementation = UsageRecord.class)) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                  List<UsageRecord> records) {
}
