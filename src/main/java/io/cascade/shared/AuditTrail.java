package io.cascade.shared;

/**
 * The port every module writes its changes through. Implemented by the audit module; an event is written in the
 * caller's transaction, so a change and its audit event commit or roll back together.
 */
public interface AuditTrail {
    void record(AuditRecord record);
}
