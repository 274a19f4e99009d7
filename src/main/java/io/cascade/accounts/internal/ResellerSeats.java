package io.cascade.accounts.internal;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.LicenceSeats;
import io.cascade.accounts.api.Subtree;
import org.springframework.stereotype.Component;

/** The seats of {@link Feature#RESELLER}: the live (not terminated) reseller accounts below the holder. */
@Component
class ResellerSeats implements LicenceSeats {
    private final LicenceStore store;

    ResellerSeats(LicenceStore store) {
        this.store = store;
    }

    @Override
    public Feature feature() {
        return Feature.RESELLER;
    }

    @Override
    public long used(Subtree subtree) {
        return store.resellersBelow(subtree.below("path"));
    }
}
