/**
 * Provisioning: carrying what was sold to the systems that deliver it. Owns the narrow plug-in interface
 * {@link io.cascade.provisioning.api.ProvisioningAdapter} (provision, change, suspend, resume, deprovision, report
 * usage), whose Spring beans are chosen by a service's adapter id, and the persisted provisioning tasks
 * (PENDING → RUNNING → DONE | FAILED, attempts, last error, back-off retries) that a runner on every node claims with
 * FOR UPDATE SKIP LOCKED and a lease, so that tasks survive restarts and no two nodes run one task. Ships the
 * {@code manual} and {@code http} (signed Standard Webhooks calls, with a signed completion callback) adapters.
 * Publishes {@link io.cascade.provisioning.api.ProvisioningTaskFinished} for the modules whose objects are provisioned.
 * Uses accounts (scope), catalog (the service's adapter and its configuration; implements the catalog's
 * {@link io.cascade.catalog.api.AdapterDirectory}), usage (stores the usage adapters report), platform and shared.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "catalog::api", "platform::api", "shared", "usage::api"})
package io.cascade.provisioning;
