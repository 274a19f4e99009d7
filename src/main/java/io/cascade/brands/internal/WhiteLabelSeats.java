package io.cascade.brands.internal;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.LicenceSeats;
import io.cascade.accounts.api.Subtree;
import org.springframework.stereotype.Component;

/** The seats of {@link Feature#WHITE_LABEL}: the panel hosts of the vendors in the subtree. */
@Component
class WhiteLabelSeats implements LicenceSeats {
    private final PanelHostStore hosts;

    WhiteLabelSeats(PanelHostStore hosts) {
        this.hosts = hosts;
    }

    @Override
    public Feature feature() {
        return Feature.WHITE_LABEL;
    }

    @Override
    public long used(Subtree subtree) {
        return hosts.countWithin(subtree);
    }
}
