package io.cascade.subscriptions.api;

import java.time.LocalDate;

/**
 * A suspension, resumption or cancellation from {@code effectiveDate} (default today); a cancellation may instead
 * say {@code atPeriodEnd: true} to end with the current billing period.
 */
public record StatusChangeRequest(LocalDate effectiveDate, Boolean atPeriodEnd) {
}
