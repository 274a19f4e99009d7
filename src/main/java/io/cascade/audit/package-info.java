/**
 * The append-only audit log: one event per change (who, from which account, on behalf of which account, on which
 * account, what, before and after, request id), written in the changing transaction through the shared {@link
 * io.cascade.shared.AuditTrail} port, and read per subtree through {@link io.cascade.audit.api.AuditLog}, which scopes
 * every read with the accounts module's {@link io.cascade.accounts.api.AccountScope}. Uses the shared kernel and the
 * accounts module's scope.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "shared"})
package io.cascade.audit;
