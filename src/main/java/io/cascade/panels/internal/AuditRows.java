package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.audit.api.AuditEvent;
import io.cascade.identity.api.StaffManagement;
import io.cascade.identity.api.UserView;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Audit events as the panel shows them: with the names of the accounts and the e-mail of the user involved, where
 * the viewer may see them (an account above the viewer's, or a user it may not read, stays an id).
 */
@Component
class AuditRows {
    private final AccountManagement accounts;
    private final StaffManagement staff;

    AuditRows(AccountManagement accounts, StaffManagement staff) {
        this.accounts = accounts;
        this.staff = staff;
    }

    List<AuditRow> of(Viewer viewer, List<AuditEvent> events) {
        Caller caller = viewer.caller();
        Map<UUID, Optional<String>> accountNames = new HashMap<>();
        Map<UUID, Optional<String>> userNames = new HashMap<>();
        // acting on behalf, the viewer's own user and home account are above the account shown, yet known to it
        userNames.put(viewer.home().userId(), Optional.ofNullable(viewer.home().email()));
        accountNames.put(viewer.homeAccount().id(), Optional.of(viewer.homeAccount().companyName()));
        return events.stream().map(e -> new AuditRow(e,
                name(userNames, e.actorUserId(), () -> staff.user(caller, e.actorUserId()).email(), "a staff member"),
                name(accountNames, e.actorAccountId(), () -> accountName(caller, e.actorAccountId()),
                        "a vendor above"),
                name(accountNames, e.onBehalfOfAccountId(), () -> accountName(caller, e.onBehalfOfAccountId()),
                        "an account"),
                name(accountNames, e.targetAccountId(), () -> accountName(caller, e.targetAccountId()),
                        "an account"),
                name(userNames, e.onBehalfOfUserId(), () -> userName(caller, e.onBehalfOfUserId()), "a user"),
                e.before() == null ? null : e.before().toString(),
                e.after() == null ? null : e.after().toString())).toList();
    }

    /** A customer user's or service user's e-mail with its kind ("ann@example.com, service user"). */
    private String userName(Caller caller, UUID id) {
        UserView user = staff.user(caller, id);
        return user.email() + ", " + user.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private String accountName(Caller caller, UUID id) {
        return (id.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, id)).companyName();
    }

    /** The name, or (for what the viewer may not read: a vendor above, or a user without USERS_READ) a short id. */
    private static String name(Map<UUID, Optional<String>> cache, UUID id, Supplier<String> lookup,
                               String unknown) {
        if (id == null) {
            return null;
        }
        return cache.computeIfAbsent(id, key -> {
            try {
                return Optional.ofNullable(lookup.get());
            } catch (NotFoundException | ForbiddenException e) {
                return Optional.empty();
            }
        }).orElse(unknown + " (" + id.toString().substring(0, 8) + ")");
    }

    /**
     * One event with readable names: {@code actor} the user, {@code actorAccount} its home account,
     * {@code onBehalfOf} the account it acted for (null when it acted for its own), {@code target} the account
     * changed, {@code onBehalfOfUser} the customer user or service user it acted as (null when none).
     */
    public record AuditRow(AuditEvent event, String actor, String actorAccount, String onBehalfOf, String target,
                           String onBehalfOfUser, String before, String after) {
    }
}
