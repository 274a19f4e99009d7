package io.cascade.panels.internal;

import io.cascade.accounts.AccountScope;
import io.cascade.accounts.AccountStatus;
import io.cascade.accounts.AccountType;
import io.cascade.accounts.ScopedAccount;
import io.cascade.shared.Caller;
import io.cascade.shared.Privilege;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * How many accounts of each type and status lie strictly below an account: one GROUP BY over the subtree's path range
 * (ADR 0002), never a load of the subtree. The only SQL of the panels against the account table, read-only, and
 * scoped like every account read: {@link AccountScope#require} first, then {@link Privilege#ACCOUNTS_READ}. It belongs
 * in the accounts module's application service; it lives here until that service offers counts.
 */
@Repository
class AccountCounts {
    private final JdbcClient jdbc;
    private final AccountScope scope;

    AccountCounts(JdbcClient jdbc, AccountScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    Counts below(Caller caller, UUID accountId) {
        ScopedAccount under = scope.require(caller, accountId);
        caller.require(Privilege.ACCOUNTS_READ);
        Counts counts = new Counts(new EnumMap<>(AccountType.class));
        jdbc.sql("""
                        SELECT type, status, count(*) FROM account
                        WHERE path > :from AND path < :to GROUP BY type, status""")
                .param("from", under.path()).param("to", under.subtreeUpperBound())
                .query(rs -> {
                    counts.byType().computeIfAbsent(AccountType.valueOf(rs.getString(1)),
                                    type -> new EnumMap<>(AccountStatus.class))
                            .put(AccountStatus.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return counts;
    }

    /** Counts per type and status; absent combinations are zero. */
    public record Counts(Map<AccountType, Map<AccountStatus, Long>> byType) {

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
}
