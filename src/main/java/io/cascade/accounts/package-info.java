/**
 * The account tree: the provider, resellers at any depth and customers as leaves, with company and reseller
 * profiles, the status lifecycle and its suspension cascade (publishes {@code AccountStatusChanged}), the platform's
 * reseller settings, and the subtree rule: {@code AccountScope} checks a caller against an account and hands out a
 * {@code Subtree}, the only value a tenant query takes (ADR 0003, 0009, 0016). Asks identity for an account's first
 * administrator through its own port {@code FirstAdministrators}. Tables {@code account}, {@code platform_settings};
 * view {@code account_tree}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform::api", "shared"})
package io.cascade.accounts;
