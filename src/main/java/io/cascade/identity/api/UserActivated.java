package io.cascade.identity.api;

import java.util.UUID;

/** An invited user set its password and became ACTIVE. Published in that transaction. */
public record UserActivated(UUID userId, UUID accountId) {
}
