package io.cascade.accounts;

import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.UserKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The subtree rule in one place. {@link #require} loads an account by id with one primary-key lookup and answers it
 * only when the caller covers it ({@link Caller#covers}: its materialized path starts with one of the caller's scope
 * roots); otherwise it throws the same {@link NotFoundException} as for an id that does not exist. Every endpoint
 * that takes an account id goes through here first; lists use {@link ScopedAccount#path()} as the range prefix, or
 * {@link #within} where a customer user may list its own account's customers. See ADR 0003 and ADR 0009.
 */
@Component
public class AccountScope {
    private final JdbcClient jdbc;

    AccountScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ScopedAccount require(Caller caller, UUID accountId) {
        ScopedAccount account = find(accountId).orElseThrow(NotFoundException::new);
        caller.requireCovers(account.path());
        return account;
    }

    /**
     * The part of the subtree below this account that the caller may list (ADR 0009). A covered account: its whole
     * subtree. The caller's own account when the caller is a customer user (who does not cover it): only the
     * subtrees of its customers. Anything else: {@link NotFoundException}.
     */
    public ScopedSubtree within(Caller caller, UUID accountId) {
        ScopedAccount account = find(accountId).orElseThrow(NotFoundException::new);
        if (caller.covers(account.path())) {
            return new ScopedSubtree(account, java.util.List.of(account.path()));
        }
        if (caller.kind() == UserKind.CUSTOMER_USER && account.id().equals(caller.accountId())) {
            return new ScopedSubtree(account, caller.scopeRoots());
        }
        throw new NotFoundException();
    }

    /** The caller's own account. */
    public ScopedAccount own(Caller caller) {
        return require(caller, caller.accountId());
    }

    /** The provider, the root of the tree (absent only before the first start has created it). */
    public Optional<ScopedAccount> provider() {
        return jdbc.sql("""
                        SELECT id, path, type, status, vendor_id, level, company_name
                        FROM account WHERE type = 'PROVIDER'""")
                .query((rs, n) -> new ScopedAccount(rs.getObject(1, UUID.class), rs.getString(2),
                        AccountType.valueOf(rs.getString(3)), AccountStatus.valueOf(rs.getString(4)),
                        rs.getObject(5, UUID.class), rs.getInt(6), rs.getString(7)))
                .optional();
    }

    /**
     * The facts of an account, WITHOUT a scope check: for ids that came from a scoped read (a subscription's account,
     * a plan's vendor, the vendor above an account in scope). Never call it with an id a client sent.
     */
    public Optional<AccountFacts> facts(UUID accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, path, type, status, vendor_id, level, currency, reseller_model, bill_cycle_day,
                               customer_bill_cycle_day, COALESCE(billable, true), company_name
                        FROM account WHERE id = :id""")
                .param("id", accountId)
                .query((rs, n) -> new AccountFacts(rs.getObject(1, UUID.class), rs.getString(2),
                        AccountType.valueOf(rs.getString(3)), AccountStatus.valueOf(rs.getString(4)),
                        rs.getObject(5, UUID.class), rs.getInt(6), rs.getString(7),
                        rs.getString(8) == null ? null : ResellerModel.valueOf(rs.getString(8)), rs.getInt(9),
                        (Integer) rs.getObject(10), rs.getBoolean(11), rs.getString(12)))
                .optional();
    }

    Optional<ScopedAccount> find(UUID accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, path, type, status, vendor_id, level, company_name
                        FROM account WHERE id = :id""")
                .param("id", accountId)
                .query((rs, n) -> new ScopedAccount(rs.getObject(1, UUID.class), rs.getString(2),
                        AccountType.valueOf(rs.getString(3)), AccountStatus.valueOf(rs.getString(4)),
                        rs.getObject(5, UUID.class), rs.getInt(6), rs.getString(7)))
                .optional();
    }
}
