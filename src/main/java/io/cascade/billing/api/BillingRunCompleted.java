package io.cascade.billing.api;

import java.util.UUID;

/** A billing run completed: every buyer of it was billed or recorded as failed. */
public record BillingRunCompleted(UUID runId) {
}
