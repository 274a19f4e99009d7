package io.cascade.identity.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.FirstAdministrators;
import io.cascade.accounts.api.NewAdministrator;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.identity.internal.IdentityStore;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Staff members and roles of the accounts in the caller's subtree. A caller can hand out only roles whose privileges
 * it holds itself, so no one can create a user more powerful than they are.
 */
@Service
public class StaffManagement implements FirstAdministrators {
    private final IdentityStore store;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Validation validation;

    StaffManagement(IdentityStore store, AccountScope scope, AuditTrail audit, Validation validation) {
        this.validation = validation;
        this.store = store;
        this.scope = scope;
        this.audit = audit;
    }

    public Page<UserView> users(Caller caller, UUID accountId, Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.USERS_READ);
        int size = Cursors.limit(limit);
        List<UserView> rows = store.users(account.id(), Cursors.decode("user", cursor), size + 1);
        String next = rows.size() > size ? Cursors.encode("user", rows.get(size - 1).email().toLowerCase()) : null;
        return new Page<>(rows.size() > size ? rows.subList(0, size) : rows, next);
    }

    /**
     * Whether any user (of any kind) of the accounts in this subtree signs in with this e-mail, ignoring case: a
     * storefront refuses a second sign-up of a person its vendor's subtree already knows.
     */
    public boolean emailInUse(io.cascade.accounts.api.Subtree subtree, String email) {
        return store.emailInSubtree(subtree, email);
    }

    public UserView user(Caller caller, UUID userId) {
        UserView user = store.user(userId).orElseThrow(NotFoundException::new);
        if (userId.equals(caller.userId())) {
            return user; // every user may read itself, whatever the shape of its scope
        }
        caller.requireCovers(user.accountPath());
        caller.require(Privilege.USERS_READ);
        return user;
    }

    @Transactional
    public UserView create(Caller caller, UUID accountId, NewUser request) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.USERS_MANAGE);
        validation.check(request, request.password() == null || request.password().length() > 128 ? List.of()
                : io.cascade.identity.internal.PasswordPolicy.problem("password", request.password(), request.email())
                .stream().toList());
        List<String> roles = request.roles() == null || request.roles().isEmpty()
                ? List.of(BuiltInRole.READ_ONLY.name()) : request.roles();
        List<UUID> roleIds = grantableRoles(caller, account.id(), roles, "roles");
        UserView created = store.createUser(account.id(), request.email(), request.name(), request.password(),
                roleIds, "password");
        audit.record(new AuditRecord(caller, account.id(), account.path(), "user.created", null,
                created.withInvitation(null)));
        return created;
    }

    @Override
    @Transactional
    public EnrolledAdministrator enroll(Caller caller, ScopedAccount account, NewAdministrator admin) {
        UUID adminRole = store.roles(account.id()).stream()
                .filter(r -> r.builtIn() && r.code().equals(BuiltInRole.ACCOUNT_ADMIN.name()))
                .findFirst().orElseThrow().id();
        UserView created = store.createUser(account.id(), admin.email(), admin.name(), admin.password(),
                List.of(adminRole), "admin.password");
        audit.record(new AuditRecord(caller, account.id(), account.path(), "user.created", null,
                created.withInvitation(null)));
        return new EnrolledAdministrator(created.id(), created.email(), created.name(), created.invitationToken());
    }

    @Override
    public List<io.cascade.shared.FieldProblem> problems(NewAdministrator admin, String field) {
        if (admin == null || admin.password() == null || admin.password().length() > 128) {
            return List.of();
        }
        return io.cascade.identity.internal.PasswordPolicy.problem(field + ".password", admin.password(),
                admin.email()).stream().toList();
    }

    @Transactional
    public UserView update(Caller caller, UUID userId, String ifMatch, UnaryOperator<UserUpdate> changes) {
        UserView before = store.user(userId).orElseThrow(NotFoundException::new);
        caller.requireCovers(before.accountPath());
        caller.require(Privilege.USERS_MANAGE);
        if (before.kind() == io.cascade.shared.UserKind.CUSTOMER_USER && !caller.isOwnStaffOf(before.accountId())) {
            throw new RuleViolationException(Problem.OWN_USERS_ONLY,
                    "Only the account's own staff change its customer users; its vendor's staff may not.");
        }
        Etags.checkIfMatch(ifMatch, before.version());
        UserUpdate changed = changes.apply(new UserUpdate(before.name(), before.status().name(), before.roles()));
        validation.check(changed);
        UserStatus status = UserStatus.valueOf(changed.status());
        if (before.kind() != io.cascade.shared.UserKind.STAFF && !changed.roles().equals(before.roles())) {
            throw new InvalidInputException("roles", "are fixed for a " + before.kind()
                    + "; only staff members hold chosen roles");
        }
        if (before.kind() == io.cascade.shared.UserKind.SERVICE_USER && status != before.status()) {
            throw new InvalidInputException("status", "of a service user changes with POST /api/v1/service-users/"
                    + "{id}/suspend, /resume or DELETE /api/v1/service-users/{id}");
        }
        boolean powerChange = status != before.status() || !changed.roles().equals(before.roles());
        if (powerChange && !userId.equals(caller.userId())) {
            List<String> beyond = beyond(caller, before);
            if (!beyond.isEmpty()) {
                throw new RuleViolationException(Problem.USER_MORE_POWERFUL,
                        "This user holds privileges you do not (" + String.join(", ", beyond)
                                + "); you cannot change its status or roles.");
            }
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
        List<UUID> roleIds = changed.roles().equals(before.roles()) ? null
                : grantableRoles(caller, before.accountId(), changed.roles(), "roles");
        if (!store.updateUser(before, changed.name(), status, roleIds)) {
            throw new PreconditionFailedException();
        }
        UserView after = store.user(userId).orElseThrow();
        audit.record(new AuditRecord(caller, before.accountId(), before.accountPath(), "user.updated", before, after));
        return after;
    }

    /** The privileges the user holds (through its roles) that the caller does not: what makes it stronger. */
    List<String> beyond(Caller caller, UserView user) {
        return store.roles(user.accountId()).stream()
                .filter(role -> user.roles().contains(role.code()))
                .flatMap(role -> role.privileges().stream()).distinct()
                .filter(privilege -> !caller.has(privilege)).map(Enum::name).sorted().toList();
    }

    List<String> beyond(Caller caller, UUID userId) {
        return store.user(userId).map(user -> beyond(caller, user)).orElse(List.of());
    }

    public List<RoleView> roles(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.USERS_READ);
        return store.roles(account.id());
    }

    @Transactional
    public RoleView createRole(Caller caller, UUID accountId, NewRole request) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.ROLES_MANAGE);
        validation.check(request);
        List<String> missing = request.privileges().stream().filter(p -> !caller.has(p)).map(Enum::name).sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("privileges", "you do not hold " + String.join(", ", missing));
        }
        RoleView role = store.createRole(account.id(), request);
        audit.record(new AuditRecord(caller, account.id(), account.path(), "role.created", null, role));
        return role;
    }

    private List<UUID> grantableRoles(Caller caller, UUID accountId, List<String> codes, String field) {
        Map<String, RoleView> available = new java.util.HashMap<>();
        store.roles(accountId).forEach(r -> available.put(r.code(), r));
        List<UUID> ids = new ArrayList<>();
        for (String code : codes.stream().distinct().toList()) {
            RoleView role = available.get(code);
            if (role == null) {
                throw new InvalidInputException(field, "unknown role " + code + " for this account");
            }
            List<String> missing = role.privileges().stream().filter(p -> !caller.has(p)).map(Enum::name).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(field, "you cannot grant " + code + ": you do not hold "
                        + String.join(", ", missing));
            }
            ids.add(role.id());
        }
        return ids;
    }
}
