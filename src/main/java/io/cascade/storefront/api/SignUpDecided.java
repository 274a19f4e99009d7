package io.cascade.storefront.api;

import java.util.UUID;

/**
 * A confirmed sign-up was decided: {@code ACTIVATED} (the customer account {@code accountId} exists; its first
 * administrator gets the invitation to choose a password as well) or {@code REJECTED} with the vendor's
 * {@code reason}. Published in the deciding transaction, so that the applicant is mailed the outcome.
 */
public record SignUpDecided(UUID applicationId, UUID vendorId, ApplicationStatus outcome, String email,
                            String contactName, String companyName, String language, String reason, UUID accountId) {
}
