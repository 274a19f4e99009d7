package io.cascade.shared;

/**
 * The port every module writes its changes through. Implemented by the audit module; an event is written in the
 * caller's transaction, so a change and its audit event commit or roll back together.
 */
public interface AuditTrail {
    void record(AuditRecord record);

    /** Many changes at once (a cascade), written as one batch. */
    default void recordAll(java.util.List<AuditRecord> records) {
        records.forEach(this::record);
    }
}
