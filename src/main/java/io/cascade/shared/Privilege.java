package io.cascade.shared;

/**
 * What a staff member may do. A privilege applies to the member's own account and to every account in its subtree.
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
    BILLING_MANAGE
}
