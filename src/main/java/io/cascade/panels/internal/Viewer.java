package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.shared.Caller;
import io.cascade.shared.Privilege;

/**
 * Who looks at a panel page: {@code caller} acts in {@code account} (the account whose panel is shown); {@code home}
 * is the signed-in user in its own account {@code homeAccount}. The two differ only while acting on behalf.
 */
public record Viewer(Caller caller, Caller home, AccountView account, AccountView homeAccount) {

    public boolean actingOnBehalf() {
        return caller.actingOnBehalf();
    }

    /** A provider or reseller: it has accounts below it. */
    public boolean vendor() {
        return account.type() != AccountType.CUSTOMER;
    }

    /** A standard account: a customer its vendor bills, which may have simple customers (ADR 0037). */
    public boolean standardAccount() {
        return io.cascade.accounts.api.AccountManagement.standardAccount(account);
    }

    public boolean provider() {
        return account.type() == AccountType.PROVIDER;
    }

    public boolean can(String privilege) {
        return caller.has(Privilege.valueOf(privilege));
    }

    /** Whether the viewer's scope covers the account (a customer user does not cover its own account, ADR 0009). */
    public boolean covers(AccountView other) {
        return caller.covers(other.path());
    }

    /**
     * A service user (ADR 0009), or a vendor's staff member acting as one: its panel is its own mailbox and password,
     * nothing else.
     */
    public boolean serviceUser() {
        return caller.kind() == io.cascade.shared.UserKind.SERVICE_USER;
    }

    /** A vendor's staff member acting as one of the customer users or service users below it. */
    public boolean actingAsUser() {
        return caller.onBehalfOfUserId() != null;
    }

    public boolean isOwn(java.util.UUID accountId) {
        return account.id().equals(accountId);
    }
}
