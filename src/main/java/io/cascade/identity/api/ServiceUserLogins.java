package io.cascade.identity.api;

import io.cascade.identity.internal.IdentityStore;
import io.cascade.identity.internal.PasswordPolicy;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.UserKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Logins of service users (ADR 0009), for the module that binds them to what they consume (hosted mail). It checks
 * neither scope nor privileges: the calling module checks its caller first and calls this inside its own
 * transaction, together with the rows that bind the user to its services. A service user holds no role.
 */
@Service
public class ServiceUserLogins {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final IdentityStore store;

    ServiceUserLogins(IdentityStore store) {
        this.store = store;
    }

    /** The password policy's complaint about a proposed password, if any (field {@code password}). */
    public List<FieldProblem> passwordProblems(String password, String email) {
        return password == null || password.length() > 128 ? List.of()
                : PasswordPolicy.problem("password", password, email).stream().toList();
    }

    /**
     * A service user of the account: ACTIVE with the password, or INVITED with a one-time invitation token in the
     * answer. 409 {@code email-taken} when the account has a user with this e-mail.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UserView create(UUID accountId, String email, String name, String password) {
        return store.createUser(accountId, UserKind.SERVICE_USER, email, name, password, List.of(), "password");
    }

    /**
     * Gives a service user a new password: the one given (checked against the password policy, field
     * {@code password}), or a generated one when {@code password} is null. An invited user becomes ACTIVE, a disabled
     * one stays disabled, and its tokens are revoked. Answers the password that was set.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String resetPassword(UUID userId, String password) {
        UserView user = store.user(userId).filter(u -> u.kind() == UserKind.SERVICE_USER)
                .orElseThrow(NotFoundException::new);
        String chosen = password != null ? password : generated(user.email());
        store.resetPassword(user.id(), chosen, "password", user.email());
        return chosen;
    }

    /** 20 characters of an alphabet without look-alikes (about 115 bits), retried until the policy accepts it. */
    private static String generated(String email) {
        while (true) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            if (PasswordPolicy.problem("password", password.toString(), email).isEmpty()) {
                return password.toString();
            }
        }
    }

    /** Enables a disabled (suspended) service user again: it signs in with the password it had. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enable(UUID userId) {
        UserView before = store.user(userId).filter(u -> u.kind() == UserKind.SERVICE_USER)
                .orElseThrow(NotFoundException::new);
        if (!store.updateUser(before, before.name(), UserStatus.ACTIVE, null)) {
            throw new io.cascade.shared.PreconditionFailedException();
        }
    }

    /** Disables a service user: it cannot sign in any more, its tokens are revoked and its invitation dropped. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void disable(UUID userId) {
        UserView before = store.user(userId).filter(u -> u.kind() == UserKind.SERVICE_USER)
                .orElseThrow(NotFoundException::new);
        if (!store.updateUser(before, before.name(), UserStatus.DISABLED, null)) {
            throw new io.cascade.shared.PreconditionFailedException();
        }
    }
}
