package io.cascade.accounts;

import java.util.UUID;

/** The tree facts of one account that the caller was allowed to reach. */
public record ScopedAccount(UUID id, String path, AccountType type, AccountStatus status, UUID vendorId, int level,
                            String companyName) {

    /** Range bounds for "strictly below this account" on the materialized path, see ADR 0002. */
    public String subtreeUpperBound() {
        return path + "~";
    }
}
