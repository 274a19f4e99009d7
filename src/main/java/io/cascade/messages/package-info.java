/**
 * Messages: everything Cascade sends to people and systems, through one outbox (ADR 0025). E-mail over SMTP, composed
 * per kind from the other modules' published data and rendered from per-language templates; webhook deliveries to
 * the endpoints integrators register. The modules that cause messages never call it: they publish their events, and
 * its listeners write outbox rows in the publishing transaction; the {@code outbox-dispatch} jobs send them afterwards
 * on any node. Only the panels use its published API (the sent mail, mail templates and senders, webhook endpoints).
 * Tables {@code outbox_message}, {@code mail_template_override}, {@code mail_sender}, {@code webhook_endpoint}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "identity::api",
        "billing::api", "brands::api", "dunning::api", "payments::api", "provisioning::api", "storefront::api", "subscriptions::api", "usage::api", "catalog::api", "mail::api", "nodes::api",
        "platform::api", "shared"})
package io.cascade.messages;
