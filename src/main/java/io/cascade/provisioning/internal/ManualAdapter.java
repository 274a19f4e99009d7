package io.cascade.provisioning.internal;

import io.cascade.provisioning.Outcome;
import io.cascade.provisioning.ProvisioningAdapter;
import io.cascade.provisioning.ProvisioningRequest;
import org.springframework.stereotype.Component;

/**
 * For services the provider delivers by hand or that need nothing delivered: every operation is done as it is
 * requested (the task is recorded as DONE in the requesting transaction), so such a subscription is ACTIVE at once.
 */
@Component
class ManualAdapter implements ProvisioningAdapter {

    @Override
    public String id() {
        return "manual";
    }

    @Override
    public boolean immediate() {
        return true;
    }

    @Override
    public Outcome provision(ProvisioningRequest request) {
        return Outcome.done();
    }

    @Override
    public Outcome change(ProvisioningRequest request) {
        return Outcome.done();
    }

    @Override
    public Outcome suspend(ProvisioningRequest request) {
        return Outcome.done();
    }

    @Override
    public Outcome resume(ProvisioningRequest request) {
        return Outcome.done();
    }

    @Override
    public Outcome deprovision(ProvisioningRequest request) {
        return Outcome.done();
    }
}
