package io.cascade.provisioning.internal;

import io.cascade.provisioning.api.ImmediateAdapter;
import org.springframework.stereotype.Component;

/**
 * For services the provider delivers by hand or that need nothing delivered: every operation is done as it is
 * requested (the task is recorded as DONE in the requesting transaction), so such a subscription is ACTIVE at once.
 */
@Component
class ManualAdapter extends ImmediateAdapter {

    @Override
    public String id() {
        return "manual";
    }
}
