package io.cascade.accounts.api;

public enum ResellerModel {
    /** Buys wholesale from its vendor and invoices its customers at its own prices. */
    PREPAID,
    /** Brings customers; the vendor bills them and pays the reseller a commission. */
    COMMISSION
}
