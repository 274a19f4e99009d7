package io.cascade.billing.api;

import java.util.UUID;

/** A billing run completed. */
public record BillingRunCompleted(UUID runId) {
}
