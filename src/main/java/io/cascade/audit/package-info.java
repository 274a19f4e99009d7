/**
 * The append-only audit log: one event per change (who, from which account, on behalf of which account, on which
 * account, what, before and after, request id), written in the changing transaction through the shared kernel's
 * {@code AuditTrail} port and read per {@code Subtree} through {@code AuditLog}. Table {@code audit_event}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "shared"})
package io.cascade.audit;
