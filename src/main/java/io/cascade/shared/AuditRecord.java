package io.cascade.shared;

import java.util.UUID;

/**
 * One change to record: who ({@code caller}), on which account ({@code targetAccountId}, whose materialized path is
 * {@code targetPath}), what ({@code action}, e.g. {@code account.suspended}) and the state before and after (any
 * JSON-serializable value, or null).
 */
public record AuditRecord(Caller caller, UUID targetAccountId, String targetPath, String action, Object before,
                          Object after) {
}
