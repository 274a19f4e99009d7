package io.cascade.provisioning.internal;

import io.cascade.provisioning.api.ImmediateAdapter;
import io.cascade.provisioning.api.Operation;
import org.springframework.stereotype.Component;

/**
 * For services the provider (or a reseller, its own) delivers by hand or that need nothing delivered: creating,
 * changing, suspending, resuming and removing are done as they are requested (the task is recorded as DONE in the
 * requesting transaction), so such a subscription is ACTIVE at once — nothing of them waits for a person in Cascade.
 * Stopping a resource at its HARD limit and starting it again (ENFORCE, LIFT; ADR 0039) are different: Cascade cannot
 * claim them, since only the vendor's staff can stop what they deliver. Their tasks stay open, RUNNING and
 * {@code awaitingStaff}, until the vendor's staff mark them done (API or panel), which is audited.
 */
@Component
class ManualAdapter extends ImmediateAdapter {

    @Override
    public String id() {
        return "manual";
    }

    @Override
    public boolean byHand(Operation operation) {
        return operation == Operation.ENFORCE || operation == Operation.LIFT;
    }
}
