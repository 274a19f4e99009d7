package io.cascade.provisioning.api;

/**
 * An adapter whose every operation is done as it is requested (the task is recorded as DONE in the requesting
 * transaction): for services delivered by hand, or whose effect Cascade itself carries out when the task is done
 * (the {@code iot} adapter's SIMs). Subclasses give the id and, where they need one, the configuration check.
 */
public abstract class ImmediateAdapter implements ProvisioningAdapter {

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

    @Override
    public Outcome enforce(ProvisioningRequest request) {
        return Outcome.done();
    }

    @Override
    public Outcome lift(ProvisioningRequest request) {
        return Outcome.done();
    }
}
