package io.cascade.provisioning.api;

/** PENDING → RUNNING → DONE | FAILED; a retried FAILED task is PENDING again. */
public enum TaskStatus {
    PENDING, RUNNING, DONE, FAILED
}
