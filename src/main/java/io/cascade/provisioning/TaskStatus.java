package io.cascade.provisioning;

/** PENDING → RUNNING → DONE | FAILED; a retried FAILED task is PENDING again. */
public enum TaskStatus {
    PENDING, RUNNING, DONE, FAILED
}
