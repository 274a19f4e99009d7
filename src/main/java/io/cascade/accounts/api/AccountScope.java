package io.cascade.accounts.api;

import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.UserKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The subtree rule in one place. {@link #require} loads an account by id with one primary-key lookup and answers it
 * only when the caller covers it ({@link Caller#covers}: its materialized path starts with one of the caller's scope
 * roots); otherwise it throws the same {@link NotFoundException} as for an id that does not exist. Every endpoint
 * that takes an account id goes through here first. Lists and reads of account-owned rows take a {@link Subtree},
 * which only this class (and, for billing that runs as the platform, {@link BillingParties}) hands out after the
 * check: {@link #subtree} for a covered account, {@link #within} where a customer user may list its own account's
 * customers, {@link #reach} for everything the caller reaches. See ADR 0003, 0009 and 0016.
 */
@Component
public class AccountScope {
    /** A row of {@code id, path, type, status, vendor_id, level, company_name} (the subtree check: by-name getters). */
    static final RowMapper<ScopedAccount> SCOPED = (rs, n) -> new ScopedAccount(rs.getObject("id", UUID.class),
            rs.getString("path"), AccountType.valueOf(rs.getString("type")),
            AccountStatus.valueOf(rs.getString("status")), rs.getObject("vendor_id", UUID.class), rs.getInt("level"),
            rs.getString("company_name"));

    /** A row of the {@link AccountFacts} columns, {@code billable} already defaulted to true. */
    private static final RowMapper<AccountFacts> FACTS = (rs, n) -> new AccountFacts(rs.getObject("id", UUID.class),
            rs.getString("path"), AccountType.valueOf(rs.getString("type")),
            AccountStatus.valueOf(rs.getString("status")), rs.getObject("vendor_id", UUID.class), rs.getInt("level"),
            rs.getString("currency"),
            rs.getString("reseller_model") == null ? null : ResellerModel.valueOf(rs.getString("reseller_model")),
            rs.getInt("bill_cycle_day"), (Integer) rs.getObject("customer_bill_cycle_day"),
            rs.getBoolean("billable"), rs.getString("company_name"));

    private final JdbcClient jdbc;

    AccountScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ScopedAccount require(Caller caller, UUID accountId) {
        ScopedAccount account = find(accountId).orElseThrow(NotFoundException::new);
        caller.requireCovers(account.path());
        return account;
    }

    /** The whole subtree of an account the caller covers ({@link #require}); anything else: 404. */
    public Subtree subtree(Caller caller, UUID accountId) {
        return Subtree.whole(require(caller, accountId));
    }

    /**
     * The part of the subtree below this account that the caller may list (ADR 0009). A covered account: its whole
     * subtree. The caller's own account when the caller is a customer user (who does not cover it): only the
     * subtrees of its customers. Anything else: {@link NotFoundException}.
     */
    public Subtree within(Caller caller, UUID accountId) {
        ScopedAccount account = find(accountId).orElseThrow(NotFoundException::new);
        if (caller.covers(account.path())) {
            return Subtree.whole(account);
        }
        if (caller.kind() == UserKind.CUSTOMER_USER && account.id().equals(caller.accountId())) {
            return new Subtree(account, caller.scopeRoots());
        }
        throw new NotFoundException();
    }

    /**
     * Everything the caller reaches, anchored at its own account: that account's subtree for staff, its customers'
     * subtrees for a customer user, nothing for a service user (ADR 0009).
     */
    public Subtree reach(Caller caller) {
        return new Subtree(find(caller.accountId()).orElseThrow(NotFoundException::new), caller.scopeRoots());
    }

    /**
     * A vendor's settings (its brand, mail templates, panel hosts): the account when the caller covers it (else 404)
     * and holds the privilege (else 403) — to read, {@code ACCOUNTS_READ} or {@code SETTINGS_MANAGE}; to change,
     * {@code SETTINGS_MANAGE} — and it is a vendor: a customer has no such settings, so they do not exist (404).
     */
    public ScopedAccount vendorSettings(Caller caller, UUID accountId, boolean change) {
        ScopedAccount account = require(caller, accountId);
        if (change) {
            caller.require(Privilege.SETTINGS_MANAGE);
        } else if (!caller.has(Privilege.ACCOUNTS_READ) && !caller.has(Privilege.SETTINGS_MANAGE)) {
            caller.require(Privilege.ACCOUNTS_READ);
        }
        if (account.type() == AccountType.CUSTOMER) {
            throw new NotFoundException();
        }
        return account;
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
                .query(SCOPED)
                .optional();
    }

    /**
     * The facts of an account the caller may know of: one it covers, its own account, or one above either (the
     * vendors it buys from). Empty for any other id, exactly as for an id that does not exist, so that a client's id
     * reveals nothing outside the caller's subtree and the accounts above it.
     */
    public Optional<AccountFacts> facts(Caller caller, UUID accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, path, type, status, vendor_id, level, currency, reseller_model, bill_cycle_day,
                               customer_bill_cycle_day, COALESCE(billable, true) AS billable, company_name
                        FROM account WHERE id = :id""")
                .param("id", accountId)
                .query(FACTS)
                .optional()
                .filter(facts -> knows(caller, facts.path()));
    }

    /** Whether the account at {@code path} is in the caller's scope, its own, or above one of them. */
    static boolean knows(Caller caller, String path) {
        return caller.covers(path) || caller.accountPath().startsWith(path)
                || caller.scopeRoots().stream().anyMatch(root -> root.startsWith(path));
    }

    Optional<ScopedAccount> find(UUID accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, path, type, status, vendor_id, level, company_name
                        FROM account WHERE id = :id""")
                .param("id", accountId)
                .query(SCOPED)
                .optional();
    }
}
