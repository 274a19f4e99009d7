package io.cascade.accounts.api;

import java.util.UUID;

/**
 * The tree facts of one account that the caller was allowed to reach. It is data, not a scope: queries over the rows
 * of a subtree take the {@link Subtree} that {@link AccountScope} hands out.
 */
public record ScopedAccount(UUID id, String path, AccountType type, AccountStatus status, UUID vendorId, int level,
                            String companyName) {
}
