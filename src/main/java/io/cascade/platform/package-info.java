/**
 * Platform plumbing that every module stands on but no module owns: the database (an embedded PostgreSQL by default,
 * an external one by setting), the REST edge's shared manners — RFC 9457 problem answers, request ids, idempotency
 * keys — and the OpenAPI document. It holds no domain rules and uses only the shared kernel.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package io.cascade.platform;
