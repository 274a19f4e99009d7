package io.cascade.assets.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A batch of SIM data usage records ({@code POST /api/v1/assets/usage}). */
public record SimUsageBatch(@ArraySchema(maxItems = SimUsage.MAX_BATCH, schema = @Schema(implementation = SimUsageRecord.class))
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<SimUsageRecord> records) {
}
