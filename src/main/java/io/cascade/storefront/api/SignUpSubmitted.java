package io.cascade.storefront.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A sign-up was received: the applicant is mailed the link {@code /store/{slug}/confirm?token=} with the one-time
 * {@code token} (stored hashed; in clear only in this event and the mail), valid until {@code expiresAt}. Published
 * in the sign-up's transaction.
 */
public record SignUpSubmitted(UUID applicationId, UUID vendorId, String slug, String storefrontTitle, String email,
                              String contactName, String language, String token, Instant expiresAt) {
}
