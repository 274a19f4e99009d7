package io.cascade.usage.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One usage record as another module or the REST edge hands it to {@link UsageMetering#ingest}: the reporter's own
 * record id (1 to 100 characters, unique per subscription, submitter and month of its time: an id the same account
 * reported before for that month is a duplicate and changes nothing), the subscription, the code of one of its plan's
 * metered resource types (usage on a counted type, whose quantity is what is ordered, is refused), a quantity from 0
 * with at most 4 decimals, and when it was used (within the months whose records are kept, ADR 0046; not in the
 * future, not after the subscription was cancelled). A missing value is reported as a problem of that field, like a
 * wrong one.
 */
public record UsageRecord(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
                description = "your id of the record, unique per subscription, submitting account and month of `at`"
                        + " (UTC): sent again, it is counted as a duplicate") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID subscriptionId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "the code of a metered resource type of the subscription's plan") String resourceType,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") BigDecimal quantity,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "when it was used: not in the future, not after the subscription was cancelled, and not"
                        + " before the months whose usage records are kept (cascade.usage.retention-months, by"
                        + " default the 13 whole months before this one)") Instant at) {
}
