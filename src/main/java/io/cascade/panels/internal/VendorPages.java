package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;

import java.util.UUID;

/** The pages only a vendor has (invoicing settings, mail templates, its payment gateway): a customer has none. */
final class VendorPages {
    private VendorPages() {
    }

    /** The account as the caller sees it (its own, or one below), Not Found when it is a customer. */
    static AccountView vendor(AccountManagement accounts, Caller caller, UUID accountId) {
        AccountView account = accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId);
        if (account.type() == AccountType.CUSTOMER) {
            throw new NotFoundException();
        }
        return account;
    }
}
