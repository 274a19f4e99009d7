/**
 * The shared kernel: the few value types every module speaks — the authenticated {@link io.cascade.shared.Caller}
 * with its {@link io.cascade.shared.Privilege privileges}, the problem exceptions the REST edge turns into RFC 9457
 * answers, cursor paging, and the {@link io.cascade.shared.AuditTrail} port that records every change. It owns no
 * tables and depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.cascade.shared;
