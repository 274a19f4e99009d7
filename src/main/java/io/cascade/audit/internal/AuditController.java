package io.cascade.audit.internal;

import io.cascade.accounts.AccountScope;
import io.cascade.accounts.ScopedAccount;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Audit log")
class AuditController {
    private final AuditEvents events;
    private final AccountScope scope;

    AuditController(AuditEvents events, AccountScope scope) {
        this.events = events;
        this.scope = scope;
    }

    @GetMapping("/api/v1/accounts/{accountId}/audit-events")
    @Operation(summary = "The audit log of an account and its subtree, newest first")
    Page<AuditEvents.Event> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                 @RequestParam(required = false) String action,
                                 @RequestParam(required = false) UUID userId,
                                 @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.AUDIT_READ);
        if (action != null && action.length() > 64) {
            throw new InvalidInputException("action", "must be at most 64 characters");
        }
        int size = Cursors.limit(limit);
        String after = Cursors.decode("audit", cursor);
        Long beforeId;
        try {
            beforeId = after == null ? null : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<AuditEvents.Event> rows = events.list(account.path(), action, userId, from, to, beforeId, size + 1);
        String next = rows.size() > size ? Cursors.encode("audit", rows.get(size - 1).id()) : null;
        return new Page<>(rows.size() > size ? rows.subList(0, size) : rows, next);
    }
}
