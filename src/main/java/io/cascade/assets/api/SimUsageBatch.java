package io.cascade.assets.api;

import java.util.List;

/** A batch of SIM data usage records ({@code POST /api/v1/assets/usage}). */
public record SimUsageBatch(List<SimUsageRecord> records) {
}
