/**
 * The web panels: server-rendered pages (Thymeleaf, htmx) for every role — sign-in, dashboard, the account tree and
 * account pages, users, catalog, subscriptions, provisioning, billing, SIMs, service users, acting on behalf of an
 * account below — calling the same published application services as the REST API with the {@link
 * io.cascade.shared.Caller} its session resolves. No rules of its own; tables {@code spring_session*} only. Nothing
 * depends on it.
 *
 * <p>The modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "assets::api", "audit::api", "billing::api", "brands::api", "catalog::api", "dunning::api", "identity::api", "mail::api", "messages::api", "nodes::api", "payments::api", "platform::api", "provisioning::api", "shared", "storefront::api", "subscriptions::api", "usage::api"})
package io.cascade.panels;
