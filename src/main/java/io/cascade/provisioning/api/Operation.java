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
     * Move it from the service node it is on to another node of its service (docs/adr/0040-service-nodes.md): the
     * payload names both nodes ({@code fromNode}, {@code toNode}); once DONE, Cascade places it on the new node.
     */
    MOVE
}
