package io.cascade.accounts.internal;

import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.LicenceSeats;
import io.cascade.accounts.api.Subtree;
import org.springframework.stereotype.Component;

/** The seats of {@link Feature#RESELLER}: the live (not terminated) reseller accounts below the holder. */
@Component
class ResellerSeats implements LicenceSeats {
    private final LicenceStore store;
    private final Accounts accounts;

    ResellerSeats(LicenceStore store, Accounts accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    @Override
    public Feature feature() {
        return Feature.RESELLER;
    }

    @Override
    public long used(Subtree subtree) {
        if (subtree.whole()) { // the counts kept per ancestor (ADR 0044): a few rows, whatever the subtree's size
            return accounts.countBelow(subtree).getOrDefault(AccountType.RESELLER, java.util.Map.of()).entrySet()
                    .stream().filter(e -> e.getKey() != AccountStatus.TERMINATED).mapToLong(java.util.Map.Entry::getValue)
                    .sum();
        }
        return store.resellersBelow(subtree.below("path"));
    }
}
