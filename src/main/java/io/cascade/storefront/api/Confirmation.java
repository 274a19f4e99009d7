package io.cascade.storefront.api;

import java.util.UUID;

/**
 * What following a confirmation link did: {@code ACTIVATED} (the account exists; its administrator is invited to
 * choose a password) or {@code PENDING_APPROVAL} (the vendor decides). {@code alreadyConfirmed}: the link was used
 * before, nothing changed.
 */
public record Confirmation(UUID applicationId, ApplicationStatus status, boolean alreadyConfirmed) {
}
