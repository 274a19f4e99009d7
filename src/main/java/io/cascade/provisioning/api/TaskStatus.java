package io.cascade.provisioning.api;

/**
 * PENDING → RUNNING → DONE | FAILED; a retried FAILED task is PENDING again. A FAILED or PENDING {@code MOVE} may be
 * CANCELLED by the provider's staff (ADR 0040): it ends there, and the resource stays on the node it was on.
 */
public enum TaskStatus {
    PENDING, RUNNING, DONE, FAILED, CANCELLED
}
