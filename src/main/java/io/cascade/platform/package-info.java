/**
 * Platform plumbing every module stands on: the database (embedded PostgreSQL by default, external by setting), the
 * REST edge's manners (RFC 9457 problem answers with their statuses, request ids, idempotency keys), validation, JSON
 * merge patch, the OpenAPI document, and the one job engine (db-scheduler, ADR 0017) that runs every module's jobs.
 * Tables {@code idempotency_record}, {@code scheduled_tasks}, {@code event_publication}.
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package io.cascade.platform;
