package io.cascade.identity.api;

import io.cascade.shared.Privilege;

import java.util.EnumSet;
import java.util.Set;

/** The roles every account has. Accounts may add custom roles made of privileges their staff hold. */
public enum BuiltInRole {
    ACCOUNT_ADMIN("Account administrator", EnumSet.allOf(Privilege.class)),
    BILLING("Billing", EnumSet.of(Privilege.ACCOUNTS_READ, Privilege.BILLING_READ, Privilege.BILLING_MANAGE,
            Privilege.SUBSCRIPTIONS_READ, Privilege.CATALOG_READ)),
    SUPPORT("Support", EnumSet.of(Privilege.ACCOUNTS_READ, Privilege.ACCOUNTS_STATUS, Privilege.USERS_READ,
            Privilege.AUDIT_READ, Privilege.SUBSCRIPTIONS_READ, Privilege.CATALOG_READ, Privilege.BILLING_READ,
            Privilege.ASSETS_READ)),
    READ_ONLY("Read only", EnumSet.of(Privilege.ACCOUNTS_READ, Privilege.USERS_READ, Privilege.AUDIT_READ,
            Privilege.CATALOG_READ, Privilege.SUBSCRIPTIONS_READ, Privilege.BILLING_READ, Privilege.ASSETS_READ)),
    /**
     * The role every customer user holds (ADR 0009): it reads its customers' accounts, subscriptions, usage,
     * invoices and SIMs, and creates other customer users within its own customers. It cannot assign SIMs: only the
     * account's own staff can.
     */
    CUSTOMER_USER("Customer user", EnumSet.of(Privilege.ACCOUNTS_READ, Privilege.CATALOG_READ,
            Privilege.SUBSCRIPTIONS_READ, Privilege.BILLING_READ, Privilege.ASSETS_READ,
            Privilege.CUSTOMER_USERS_MANAGE));

    private final String title;
    private final Set<Privilege> privileges;

    BuiltInRole(String title, Set<Privilege> privileges) {
        this.title = title;
        this.privileges = privileges;
    }

    public String title() {
        return title;
    }

    public Set<Privilege> privileges() {
        return privileges;
    }
}
