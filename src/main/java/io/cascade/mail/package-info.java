/**
 * Hosted mail: service users of an account with an active mail subscription, each with one mailbox that counts as
 * one unit of the subscription's mailbox resource against the limits up the tree, and the {@code mail} provisioning
 * adapter, which keeps the {@code mail_directory} view a mail server reads. Implements identity's
 * {@code OwnServices} for {@code /api/v1/me}. Table {@code mailbox}; view {@code mail_directory}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "identity::api", "platform::api", "provisioning::api", "shared", "subscriptions::api"})
package io.cascade.mail;
