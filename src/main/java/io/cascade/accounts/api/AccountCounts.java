package io.cascade.accounts.api;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many accounts of each type and status lie strictly below an account (absent combinations are zero), from
 * {@link AccountManagement#countsBelow}: one {@code GROUP BY} over the subtree's path range (ADR 0002), never a load
 * of the subtree.
 */
public record AccountCounts(Map<AccountType, Map<AccountStatus, Long>> byType) {

    public AccountCounts {
        Map<AccountType, Map<AccountStatus, Long>> copy = new EnumMap<>(AccountType.class);
        byType.forEach((type, statuses) -> copy.put(type, Map.copyOf(statuses)));
        byType = Map.copyOf(copy);
    }

    public long of(AccountType type, AccountStatus status) {
        return byType.getOrDefault(type, Map.of()).getOrDefault(status, 0L);
    }

    public long ofType(AccountType type) {
        return byType.getOrDefault(type, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    public long ofStatus(AccountStatus status) {
        return byType.values().stream().mapToLong(m -> m.getOrDefault(status, 0L)).sum();
    }

    public long total() {
        return byType.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Accounts a suspension would stop: those ACTIVE or PENDING. */
    public long suspendable(AccountType type) {
        return of(type, AccountStatus.ACTIVE) + of(type, AccountStatus.PENDING);
    }

    public long suspendable() {
        return ofStatus(AccountStatus.ACTIVE) + ofStatus(AccountStatus.PENDING);
    }

    public long resellers() {
        return ofType(AccountType.RESELLER);
    }

    public long customers() {
        return ofType(AccountType.CUSTOMER);
    }

    public long suspended() {
        return ofStatus(AccountStatus.SUSPENDED);
    }

    public long suspendableResellers() {
        return suspendable(AccountType.RESELLER);
    }

    public long suspendableCustomers() {
        return suspendable(AccountType.CUSTOMER);
    }

    /** Accounts not yet terminated. */
    public long live() {
        return total() - ofStatus(AccountStatus.TERMINATED);
    }
}
