package io.cascade.shared;

/**
 * What kind of login a user is; it decides the shape of the user's scope (ADR 0009).
 * <ul>
 *     <li>{@link #STAFF}: a staff member of an account; sees that account and its whole subtree.</li>
 *     <li>{@link #CUSTOMER_USER}: a user of a vendor account (provider or reseller) assigned to some of that
 *     account's own customers; sees exactly those customers (each with its subtree), never the vendor account
 *     itself.</li>
 *     <li>{@link #SERVICE_USER}: a user of a customer account who consumes its services (a mailbox, a SIM); sees no
 *     account at all, only itself and what is bound to it.</li>
 * </ul>
 */
public enum UserKind {
    STAFF,
    CUSTOMER_USER,
    SERVICE_USER
}
