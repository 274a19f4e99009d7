package io.cascade.audit.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Subtree;
import io.cascade.audit.internal.AuditEvents;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reading the audit log: the events of an account and everything below it, newest first, for callers whose subtree
 * holds the account and who have {@link Privilege#AUDIT_READ}. The REST edge and the panels both read through here.
 */
@Service
public class AuditLog {
    private final AuditEvents events;
    private final AccountScope scope;

    AuditLog(AuditEvents events, AccountScope scope) {
        this.events = events;
        this.scope = scope;
    }

    /**
     * Filters of an audit list; every one may be null.
     *
     * @param action exact action name, e.g. {@code account.suspended}
     * @param userId only events of this acting user
     * @param from   events at or after this instant
     * @param to     events before this instant
     */
    public record Query(String action, UUID userId, Instant from, Instant to, Integer limit, String cursor) {

        public static Query newest(int limit) {
            return new Query(null, null, null, null, limit, null);
        }
    }

    public Page<AuditEvent> events(Caller caller, UUID accountId, Query query) {
        Subtree subtree = scope.subtree(caller, accountId);
        caller.require(Privilege.AUDIT_READ);
        if (query.action() != null && query.action().length() > 64) {
            throw new InvalidInputException("action", "must be at most 64 characters");
        }
        int size = Cursors.limit(query.limit());
        String after = Cursors.decode("audit", query.cursor());
        Long beforeId;
        try {
            beforeId = after == null ? null : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<AuditEvent> rows = events.list(subtree, query.action(), query.userId(), query.from(), query.to(),
                beforeId, size + 1);
        String next = rows.size() > size ? Cursors.encode("audit", rows.get(size - 1).id()) : null;
        return new Page<>(rows.size() > size ? rows.subList(0, size) : rows, next);
    }
}
