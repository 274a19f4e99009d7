/**
 * The web panels: server-rendered pages (Thymeleaf, htmx for partial updates) for provider, reseller and customer
 * staff — sign-in, profile, password and API tokens, dashboard, the account tree, account pages with status actions,
 * users, roles and audit trail, a customer's service users with their mailboxes, onboarding of resellers and
 * customers, platform settings, and acting on behalf of an account below — and for service users their own mailbox
 * and password, nothing else. It owns no rules and no tables of its own beyond its sessions (Spring Session JDBC,
 * tables {@code spring_session*}): every page calls the same application services as the REST API — {@code accounts}
 * ({@code AccountManagement}, {@code PlatformSettings}, {@code AccountScope}), {@code identity} ({@code Logins},
 * {@code StaffManagement}), {@code mail} ({@code ServiceUsers}) and {@code audit} ({@code AuditLog}) among them —
 * with the {@link io.cascade.shared.Caller} its session resolves on every request. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "assets::api", "audit::api", "billing::api", "catalog::api", "identity::api", "mail::api", "platform::api", "provisioning::api", "shared", "subscriptions::api", "usage::api"})
package io.cascade.panels;
