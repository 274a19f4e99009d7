package io.cascade.billing.api;

import java.util.UUID;

<<<<<<< HEAD
/** A billing run completed. */
=======
/** A billing run completed: every buyer of it was billed or recorded as failed. */
>>>>>>> main
public record BillingRunCompleted(UUID runId) {
}
