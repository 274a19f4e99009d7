package io.cascade.storefront.api;

import java.time.Instant;
import java.util.UUID;

/** A sign-up received: the applicant confirms it from the mail sent to {@code email} before {@code confirmBy}. */
public record SignUpReceipt(UUID applicationId, ApplicationStatus status, String email, Instant confirmBy) {
}
