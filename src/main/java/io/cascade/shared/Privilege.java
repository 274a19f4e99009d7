package io.cascade.shared;

/**
 * What a user may do. A privilege applies to every account the user's scope covers ({@link Caller#covers}): for a
 * staff member its own account and its subtree, for a customer user its customers (ADR 0009).
 */
public enum Privilege {
    ACCOUNTS_READ,
    ACCOUNTS_MANAGE,
    ACCOUNTS_STATUS,
    USERS_READ,
    USERS_MANAGE,
    ROLES_MANAGE,
    AUDIT_READ,
    SETTINGS_MANAGE,
    CATALOG_READ,
    CATALOG_MANAGE,
    SUBSCRIPTIONS_READ,
    SUBSCRIPTIONS_MANAGE,
    BILLING_READ,
    BILLING_MANAGE,
    /** Read an account's assets (SIM cards) and those assigned to its customers. */
    ASSETS_READ,
    /** Add, import, transfer, assign and unassign an account's assets. */
    ASSETS_MANAGE,
    /** Create customer users of an account and change which customers they are assigned to. */
    CUSTOMER_USERS_MANAGE
}
