package io.cascade.accounts.api;

import io.cascade.shared.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Published (synchronously, inside the changing transaction) when accounts change status: {@code accountIds} are
 * exactly the accounts whose status this action changed — the one acted on (first) and those its cascade reached. The
 * subscriptions module follows it (subscriptions are suspended, resumed or cancelled with their accounts) and then
 * publishes its own follow-up for the modules after it; docs/architecture.md ("Reactions") lists the whole chain.
 * {@code reason}: why, as the caller gave it for a suspension or resumption (null when none was given).
 */
public record AccountStatusChanged(Change change, List<UUID> accountIds, Caller caller, String reason) {

    public AccountStatusChanged(Change change, List<UUID> accountIds, Caller caller) {
        this(change, accountIds, caller, null);
    }

    public enum Change {
        SUSPENDED, RESUMED, TERMINATED, ACTIVATED
    }
}
