/**
 * The account tree: provider, resellers at any depth, customers as leaves; company profiles, reseller profiles, the
 * status lifecycle with its suspension cascade, the platform's reseller settings, and {@link
 * io.cascade.accounts.api.AccountScope} — the one mechanism that scopes every account-owned read to the caller's subtree.
 * Uses the shared kernel and the platform's request plumbing (merge patch, validation); asks the identity module for an account's first administrator through {@link
 * io.cascade.accounts.api.FirstAdministrators}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform::api", "shared"})
package io.cascade.accounts;
