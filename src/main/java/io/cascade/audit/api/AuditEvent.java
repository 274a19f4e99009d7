package io.cascade.audit.api;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited change as readers see it: who ({@code actorUserId} of {@code actorAccountId}, its home account), on
 * behalf of which account when a vendor's staff member acted for an account below ({@code onBehalfOfAccountId}, else
 * null), on which account ({@code targetAccountId}), what ({@code action}), and the state before and after. While the
 * staff member acted as a customer user or service user below it, {@code onBehalfOfUserId} names that user (and
 * {@code onBehalfOfAccountId} the user's account).
 */
public record AuditEvent(String id, Instant occurredAt, UUID actorUserId, UUID actorAccountId,
                         UUID onBehalfOfAccountId, UUID targetAccountId, String action, JsonNode before,
                         JsonNode after, String requestId,
                         @com.fasterxml.jackson.annotation.JsonInclude(
                                 com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) UUID onBehalfOfUserId) {
}
