package io.cascade.accounts.api;

import java.util.UUID;

/**
 * What other modules need to know of an account to apply their rules (tree position, type, status, currency,
 * reseller model, bill cycle days). Read through {@link AccountScope#facts}, for accounts the caller may know of.
 *
 * @param customerBillCycleDay the reseller profile's day for its customers; null for non-resellers
 */
public record AccountFacts(UUID id, String path, AccountType type, AccountStatus status, UUID vendorId, int level,
                           String currency, ResellerModel resellerModel, int billCycleDay,
                           Integer customerBillCycleDay, boolean billable, String companyName) {

    public ScopedAccount scoped() {
        return new ScopedAccount(id, path, type, status, vendorId, level, companyName);
    }

    /**
     * Whether accounts may lie below it: a seller, or a standard account (a customer its vendor bills), which may
     * have simple customers of its own; a simple customer has none (seed 004, ADR 0037).
     */
    public boolean mayHaveCustomers() {
        return type != AccountType.CUSTOMER || billable;
    }

    public boolean sells() {
        return type == AccountType.PROVIDER || type == AccountType.RESELLER;
    }
}
