package io.cascade.provisioning.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a provisioning task asks of an adapter. */
@Schema(name = "ProvisioningOperation")
public enum Operation {
    /** Create the service (a subscription's service, a mailbox, a SIM's connectivity). */
    PROVISION,
    /** Carry new quantities or a new plan to it. */
    CHANGE,
    SUSPEND,
    RESUME,
    /** Remove it: the subscription was cancelled, the mailbox or SIM taken away. */
    DEPROVISION,
    /**
     * Stop one metered resource of a subscription that reached its HARD limit this month; the payload names it
     * ({@code resourceType}, {@code limit}, {@code used}, {@code period}). The rest of the subscription goes on.
     */
    ENFORCE,
    /** Start a stopped resource again: its limit was raised or a new month began (the payload as for ENFORCE). */
    LIFT,
    /**
     * Move it from the service node it is on to another node of its service (docs/adr/0040-service-nodes.md): the
     * payload names both nodes ({@code fromNode}, {@code toNode}); once DONE, Cascade places it on the new node.
     */
    MOVE
}
