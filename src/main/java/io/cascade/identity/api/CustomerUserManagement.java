package io.cascade.identity.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.Subtree;
import io.cascade.identity.internal.CustomerUsers;
import io.cascade.identity.internal.IdentityStore;
import io.cascade.identity.internal.PasswordPolicy;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.shared.UserKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Customer users (seed 004, ADR 0009): users of a vendor account assigned to some of that account's own customers.
 * They are created, reassigned, disabled and removed by the account's own staff, and by other customer users of the
 * account within the customers those share; never by upstream staff (403 {@code own-users-only}, also when acting on
 * behalf). A customer user reading or changing customer users sees only the ones that share one of its customers, and
 * only those of their customers that are also its own.
 */
@Service
public class CustomerUserManagement {
    private final CustomerUsers customerUsers;
    private final IdentityStore store;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Validation validation;

    CustomerUserManagement(CustomerUsers customerUsers, IdentityStore store, AccountScope scope, AuditTrail audit,
                           Validation validation) {
        this.customerUsers = customerUsers;
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.validation = validation;
    }

    public Page<CustomerUserView> list(Caller caller, UUID accountId, Integer limit, String cursor) {
        Subtree within = scope.within(caller, accountId);
        requireRead(caller);
        List<UUID> mine = visibleCustomers(caller, within);
        int size = Cursors.limit(limit);
        List<CustomerUserView> rows = customerUsers.list(within.account().id(), mine,
                Cursors.decode("customer-user", cursor), size + 1).stream()
                .map(user -> mine == null ? user : user.seenThrough(mine)).toList();
        String next = rows.size() > size ? Cursors.encode("customer-user", rows.get(size - 1).email().toLowerCase())
                : null;
        return new Page<>(rows.size() > size ? rows.subList(0, size) : rows, next);
    }

    public CustomerUserView get(Caller caller, UUID userId) {
        Seen seen = load(caller, userId);
        if (!userId.equals(caller.userId())) {
            requireRead(caller);
        }
        return seen.view();
    }

    @Transactional
    public CustomerUserView create(Caller caller, UUID accountId, NewCustomerUser request) {
        Subtree within = scope.within(caller, accountId);
        requireManage(caller, within);
        if (within.account().type() == AccountType.CUSTOMER && !scope.facts(caller, within.account().id())
                .map(AccountFacts::mayHaveCustomers).orElse(false)) {
            throw RuleViolationException.unprocessable(Problem.CUSTOMER_USERS_NEED_A_VENDOR,
                    "Customer users belong to an account that has customers: a reseller, the provider, or a "
                            + "standard account with its simple customers; a simple customer has none.");
        }
        validation.check(request, request.password() == null || request.password().length() > 128 ? List.of()
                : PasswordPolicy.problem("password", request.password(), request.email()).stream().toList());
        List<UUID> mine = visibleCustomers(caller, within);
        List<UUID> customers = assignable(within, request.customerIds(), mine);
        UUID role = store.roles(within.account().id()).stream()
                .filter(r -> r.builtIn() && r.code().equals(BuiltInRole.CUSTOMER_USER.name()))
                .findFirst().orElseThrow().id();
        CustomerUserView created;
        var user = store.createUser(within.account().id(), UserKind.CUSTOMER_USER, request.email(), request.name(),
                request.password(), List.of(role), "password");
        customerUsers.replaceCustomers(user.id(), customers);
        created = customerUsers.find(user.id()).orElseThrow();
        audit.record(new AuditRecord(caller, within.account().id(), within.account().path(), "customer-user.created",
                null, created));
        CustomerUserView answer = created.withInvitation(user.invitationToken());
        return mine == null ? answer : answer.seenThrough(mine);
    }

    /**
     * Renames a customer user, enables or disables it, or changes its customers. A customer user changes only the
     * assignments it can see: the target's other customers stay as they are. Disabling revokes the user's tokens
     * and open invitations at once, as for staff members; nobody changes its own status. A customer user renames,
     * disables or enables only customer users all of whose customers are its own (as for removal).
     */
    @Transactional
    public CustomerUserView update(Caller caller, UUID userId, String ifMatch,
                                   UnaryOperator<CustomerUserUpdate> changes) {
        Seen seen = load(caller, userId);
        requireManage(caller, seen.within());
        CustomerUserView before = seen.full();
        Etags.checkIfMatch(ifMatch, before.version());
        CustomerUserUpdate changed = changes.apply(new CustomerUserUpdate(before.name(), before.status().name(),
                seen.view().customerIds()));
        validation.check(changed);
        UserStatus status = UserStatus.valueOf(changed.status());
        if ((status != before.status() || !changed.name().equals(before.name())) && seen.mine() != null
                && !seen.mine().containsAll(before.customerIds())) {
            throw new RuleViolationException(Problem.CUSTOMER_USER_BEYOND_YOURS, "This customer user also works for "
                    + "customers that are not yours; only the account's staff can rename, disable or enable it.");
        }
        if (status != before.status()) {
            if (status == UserStatus.INVITED) {
                throw new InvalidInputException("status", "must be ACTIVE or DISABLED");
            }
            if (before.status() == UserStatus.INVITED && status == UserStatus.ACTIVE) {
                throw new InvalidInputException("status", "an invited user becomes ACTIVE by accepting the invitation");
            }
            if (userId.equals(caller.userId())) {
                throw RuleViolationException.conflict(Problem.OWN_USER_STATUS, "You cannot disable yourself.");
            }
        }
        List<UUID> requested = assignable(seen.within(), changed.customerIds(), seen.mine());
        Set<UUID> result = new LinkedHashSet<>();
        if (seen.mine() != null) {
            before.customerIds().stream().filter(id -> !seen.mine().contains(id)).forEach(result::add);
        }
        result.addAll(requested);
        UserView user = store.user(userId).orElseThrow(NotFoundException::new);
        if (user.version() != before.version() || !store.updateUser(user,
                changed.name(), status, null)) {
            throw new PreconditionFailedException();
        }
        customerUsers.replaceCustomers(userId, List.copyOf(result));
        CustomerUserView after = customerUsers.find(userId).orElseThrow();
        audit.record(new AuditRecord(caller, before.accountId(), before.accountPath(), "customer-user.updated",
                before, after));
        return seen.mine() == null ? after : after.seenThrough(seen.mine());
    }

    /**
     * Removes a customer user for good: its tokens, invitations and assignments go with it (a signed-in session ends on
     * its next request); the audit log keeps what it did. The same own-users rule as for changes; a customer user
     * removes only one whose customers are all its own, and nobody removes itself.
     */
    @Transactional
    public void remove(Caller caller, UUID userId) {
        Seen seen = load(caller, userId);
        requireManage(caller, seen.within());
        if (userId.equals(caller.userId())) {
            throw RuleViolationException.conflict(Problem.OWN_USER_REMOVAL, "You cannot remove yourself.");
        }
        CustomerUserView before = seen.full();
        if (seen.mine() != null && !seen.mine().containsAll(before.customerIds())) {
            throw new RuleViolationException(Problem.CUSTOMER_USER_BEYOND_YOURS, "This customer user also works for "
                    + "customers that are not yours; only the account's staff can remove it.");
        }
        customerUsers.remove(userId);
        audit.record(new AuditRecord(caller, before.accountId(), before.accountPath(), "customer-user.removed",
                before, null));
    }

    /** A customer user as this caller may see it: 404 outside the caller's reach, as for a missing id. */
    private Seen load(Caller caller, UUID userId) {
        CustomerUserView user = customerUsers.find(userId).orElseThrow(NotFoundException::new);
        Subtree within;
        try {
            within = scope.within(caller, user.accountId());
        } catch (NotFoundException e) {
            if (userId.equals(caller.userId())) { // every user may read itself
                return new Seen(user, user, null, null);
            }
            throw e;
        }
        List<UUID> mine = visibleCustomers(caller, within);
        if (mine != null && !userId.equals(caller.userId())
                && user.customerIds().stream().noneMatch(mine::contains)) {
            throw new NotFoundException();
        }
        return new Seen(user, mine == null ? user : user.seenThrough(mine), within, mine);
    }

    private record Seen(CustomerUserView full, CustomerUserView view, Subtree within, List<UUID> mine) {
    }

    /** Null when the caller sees every customer of the account; else the customers it is assigned to. */
    private List<UUID> visibleCustomers(Caller caller, Subtree within) {
        return within.whole() ? null : customerUsers.customersAssignedTo(caller.userId());
    }

    private static void requireRead(Caller caller) {
        if (!caller.has(Privilege.USERS_READ) && !caller.has(Privilege.CUSTOMER_USERS_MANAGE)) {
            throw new ForbiddenException(Privilege.USERS_READ);
        }
    }

    /** Only the account's own staff and its customer users manage customer users; upstream staff may not (seed 004). */
    private static void requireManage(Caller caller, Subtree within) {
        if (within == null) {
            throw new ForbiddenException(Privilege.CUSTOMER_USERS_MANAGE);
        }
        caller.require(Privilege.CUSTOMER_USERS_MANAGE);
        if (within.whole() && !caller.isOwnStaffOf(within.account().id())) {
            throw new RuleViolationException(Problem.OWN_USERS_ONLY,
                    "Only the account's own users manage its customer users; its vendor's staff may not.");
        }
        if (!within.whole() && caller.kind() != UserKind.CUSTOMER_USER) {
            throw new RuleViolationException(Problem.OWN_USERS_ONLY,
                    "Only the account's own users manage its customer users.");
        }
        if (within.whole()) {
            List<String> missing = BuiltInRole.CUSTOMER_USER.privileges().stream().filter(p -> !caller.has(p))
                    .map(Enum::name).sorted().toList();
            if (!missing.isEmpty()) {
                throw new RuleViolationException(Problem.USER_MORE_POWERFUL, "A customer user holds privileges you "
                        + "do not (" + String.join(", ", missing) + "); you cannot create or change one.");
            }
        }
    }

    /** The requested customers, each a customer of the account (and, for a customer user, one of its own). */
    private List<UUID> assignable(Subtree within, List<UUID> requested, List<UUID> mine) {
        List<UUID> distinct = requested.stream().distinct().toList();
        Map<UUID, String> customers = distinct.isEmpty() ? Map.of()
                : customerUsers.customersOf(within.account().id(), distinct);
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            UUID id = requested.get(i);
            if (!customers.containsKey(id) || (mine != null && !mine.contains(id))) {
                problems.add(new FieldProblem("customerIds[" + i + "]",
                        "is not a customer of this account that you may assign"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return distinct;
    }
}
