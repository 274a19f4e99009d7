package io.cascade.accounts;

import io.cascade.shared.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Published (synchronously, inside the changing transaction) when accounts change status: {@code accountIds} are
 * exactly the accounts whose status this action changed — the one acted on and those its cascade reached. Other
 * modules follow it (subscriptions are suspended, resumed or cancelled with their accounts).
 */
public record AccountStatusChanged(Change change, List<UUID> accountIds, Caller caller) {

    public enum Change {
        SUSPENDED, RESUMED, TERMINATED, ACTIVATED
    }
}
