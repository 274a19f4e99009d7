package io.cascade.identity.internal;

import io.cascade.identity.api.NewRole;
import io.cascade.identity.api.RoleView;
import io.cascade.identity.api.UserActivated;
import io.cascade.identity.api.UserInvited;
import io.cascade.identity.api.UserStatus;
import io.cascade.identity.api.UserUpdate;
import io.cascade.identity.api.UserView;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.shared.UserKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of users and roles with the rules that belong to storage: hashing, invitations, unique e-mails. */
@Component
public class IdentityStore {
    static final Duration INVITATION_TTL = Duration.ofDays(7);

    private final Staff staff;
    private final Tokens tokens;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    IdentityStore(Staff staff, Tokens tokens, PasswordEncoder passwords, Clock clock,
                  ApplicationEventPublisher events) {
        this.events = events;
        this.staff = staff;
        this.tokens = tokens;
        this.passwords = passwords;
        this.clock = clock;
    }

    public Optional<UserView> user(UUID userId) {
        return staff.find(userId);
    }

    public List<UserView> users(UUID accountId, String afterEmail, int limit) {
        return staff.list(accountId, afterEmail, limit);
    }

    public List<RoleView> roles(UUID accountId) {
        return staff.rolesFor(accountId);
    }

    /** Whether a user of any account in the subtree signs in with this e-mail (ignoring case). */
    public boolean emailInSubtree(io.cascade.accounts.api.Subtree subtree, String email) {
        return staff.emailInSubtree(subtree, email);
    }

    /** Creates a staff member with a password (ACTIVE) or with a one-time invitation token (INVITED). */
    public UserView createUser(UUID accountId, String email, String name, String password, List<UUID> roleIds,
                               String passwordField) {
        return createUser(accountId, UserKind.STAFF, email, name, password, roleIds, passwordField);
    }

    /**
     * Creates a user of this kind (ADR 0009) with a password (ACTIVE) or with a one-time invitation token (INVITED).
     * The e-mail is unique per account across all kinds: it is the login name within the account. An invitation is
     * published as {@link UserInvited} (in the caller's transaction), which mails it.
     */
    public UserView createUser(UUID accountId, UserKind kind, String email, String name, String password,
                               List<UUID> roleIds, String passwordField) {
        if (password != null) {
            PasswordPolicy.check(passwordField, password, email);
        }
        if (staff.emailTaken(accountId, email)) {
            String field = passwordField.contains(".") ? passwordField.substring(0, passwordField.indexOf('.') + 1)
                    + "email" : "email";
            throw new RuleViolationException(Problem.EMAIL_TAKEN, "This account already has a user with this e-mail.",
                    Map.of("errors", List.of(new io.cascade.shared.FieldProblem(field, "is already in use"))));
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        staff.insertUser(id, accountId, kind, email, name, password == null ? null : passwords.encode(password),
                password == null ? UserStatus.INVITED : UserStatus.ACTIVE, now);
        staff.replaceRoles(id, roleIds);
        String invitation = null;
        if (password == null) {
            invitation = Secrets.newToken("inv_");
            tokens.insertInvitation(id, Secrets.digest(invitation), now, now.plus(INVITATION_TTL));
            events.publishEvent(new UserInvited(id, accountId, email, invitation, now.plus(INVITATION_TTL)));
        }
        return staff.find(id).orElseThrow().withInvitation(invitation);
    }

    public boolean updateUser(UserView before, String name, UserStatus status, List<UUID> roleIds) {
        if (!staff.updateUser(before.id(), before.version(), name, status, clock.instant())) {
            return false;
        }
        if (roleIds != null) {
            staff.replaceRoles(before.id(), roleIds);
        }
        if (status == UserStatus.DISABLED) {
            tokens.revokeAllOf(before.id(), clock.instant());
            tokens.dropInvitations(before.id(), clock.instant());
            tokens.dropPasswordResets(before.id(), clock.instant());
        }
        return true;
    }

    /**
     * Sets a user's password on behalf of someone who manages it (not the user itself): an INVITED user becomes
     * ACTIVE (a DISABLED one stays disabled; {@link UserActivated} is published), its invitation is dropped, and
     * every token it holds is revoked, so whoever knew the old password is out.
     */
    public void resetPassword(UUID userId, String password, String passwordField, String email) {
        PasswordPolicy.check(passwordField, password, email);
        Instant now = clock.instant();
        UserView before = staff.find(userId).orElseThrow();
        staff.resetPassword(userId, passwords.encode(password), now);
        if (before.status() == UserStatus.INVITED) {
            events.publishEvent(new UserActivated(userId, before.accountId()));
        }
        tokens.revokeAllOf(userId, now);
        tokens.dropInvitations(userId, now);
        tokens.dropPasswordResets(userId, now);
    }

    public RoleView createRole(UUID accountId, NewRole request) {
        if (staff.roleCodeTaken(accountId, request.code())) {
            throw new InvalidInputException("code", "is already a role of this account");
        }
        UUID id = UUID.randomUUID();
        staff.insertRole(id, accountId, request.code(), request.name(), request.privileges(), clock.instant());
        return staff.rolesFor(accountId).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
