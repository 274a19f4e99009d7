/**
 * Provisioning: carrying what was sold to the systems that deliver it. Owns the plug-in interface
 * {@code ProvisioningAdapter}, whose beans are chosen by a service's adapter id, and the persisted provisioning tasks
 * (PENDING, RUNNING, DONE, FAILED or CANCELLED, with attempts and back-off), each run by its own job on the job
 * engine; ships the {@code manual} and {@code http} (signed Standard Webhooks calls and callbacks) adapters; publishes
 * {@code ProvisioningTaskFinished}, which subscriptions follows; collects the usage adapters report. Implements the
 * catalog's {@code AdapterDirectory}. Table {@code provisioning_task}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "catalog::api", "nodes::api", "platform::api", "shared", "usage::api"})
package io.cascade.provisioning;
