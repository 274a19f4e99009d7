/**
 * Hosted mail: service users of an account with an active mail subscription, each with one mailbox (its e-mail
 * address) that counts as one unit of the subscription's mailbox resource against the limits that flow up the tree,
 * and the {@code mail} provisioning adapter, which keeps the mailbox directory a mail server reads. Uses accounts
 * (scope), identity (the service users' logins, {@link io.cascade.identity.api.ServiceUserLogins}; implements
 * {@link io.cascade.identity.api.OwnServices} for {@code /api/v1/me}), subscriptions (the mail subscription and its
 * mailbox quantity), provisioning (the adapter interface and tasks), platform and shared.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "identity::api", "platform::api", "provisioning::api", "shared", "subscriptions::api"})
package io.cascade.mail;
