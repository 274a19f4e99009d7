package io.cascade.storefront.api;

/**
 * Where a sign-up stands: {@code UNCONFIRMED} until the applicant follows the mailed link; then {@code ACTIVATED}
 * (its account exists) at once or after the vendor approves, or {@code PENDING_APPROVAL} in the vendor's queue, or
 * {@code REJECTED} by the vendor. {@code EXPIRED}: never confirmed in time (replaced by a newer sign-up).
 */
public enum ApplicationStatus {
    UNCONFIRMED, PENDING_APPROVAL, ACTIVATED, REJECTED, EXPIRED
}
