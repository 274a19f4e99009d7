package io.cascade.accounts.api;

import java.util.UUID;

/**
 * A subtree list: accounts strictly below {@code under} (default the caller's account), optionally only its direct
 * children, filtered by type, status and a search text matched against company name (contains, case-insensitive) and
 * customer number (exact).
 */
public record AccountQuery(UUID under, AccountType type, AccountStatus status, String q, Boolean directOnly,
                           Integer limit, String cursor) {
}
