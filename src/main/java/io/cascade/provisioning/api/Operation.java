package io.cascade.provisioning.api;

/** What a provisioning task asks of an adapter. */
public enum Operation {
    /** Create the service (a subscription's service, a mailbox, a SIM's connectivity). */
    PROVISION,
    /** Carry new quantities or a new plan to it. */
    CHANGE,
    SUSPEND,
    RESUME,
    /** Remove it: the subscription was cancelled, the mailbox or SIM taken away. */
    DEPROVISION
}
