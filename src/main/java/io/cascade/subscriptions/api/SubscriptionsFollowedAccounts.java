package io.cascade.subscriptions.api;

import io.cascade.accounts.api.AccountStatusChanged;
import io.cascade.shared.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Published synchronously, inside the transaction of an account status change, once the subscriptions module has moved
 * the accounts' subscriptions with them (suspended, resumed, cancelled): the next step of the reaction to
 * {@link AccountStatusChanged} (docs/architecture.md, "Reactions"). The assets module follows it, so that the SIMs
 * see the subscriptions' new status. The fields are those of the account event it follows.
 */
public record SubscriptionsFollowedAccounts(AccountStatusChanged.Change change, List<UUID> accountIds,
                                            Caller caller) {

    public SubscriptionsFollowedAccounts {
        accountIds = List.copyOf(accountIds);
    }
}
