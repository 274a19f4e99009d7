package io.cascade.audit.internal;

import io.cascade.audit.api.AuditEvent;
import io.cascade.audit.api.AuditLog;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

@RestController
@Tag(name = "Audit log", description = "Who changed what, where and when: the audit trail of a subtree")
class AuditController {
    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/v1/accounts/{accountId}/audit-events")
    @Operation(operationId = "listAuditEvents", summary = "The audit log of an account and its subtree, newest first")
    Page<AuditEvent> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                          @RequestParam(required = false) String action,
                          @RequestParam(required = false) UUID userId,
                          @RequestParam(required = false) Instant from,
                          @RequestParam(required = false) Instant to,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        return auditLog.events(caller, accountId, new AuditLog.Query(action, userId, from, to, limit, cursor));
    }
}
