package io.cascade.identity.api;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.identity.internal.Authenticator;
import io.cascade.identity.internal.PasswordResets;
import io.cascade.identity.internal.Tokens;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.UUID;

/**
 * Signing in and the tokens it yields, invitations, forgotten passwords, own password changes (which sign out every other token and
 * panel session of the user), signing out everywhere. Token listing and revocation follow the
 * subtree rule: your own tokens always, other users' tokens with USERS_READ / USERS_MANAGE over their account.
 */
@Service
public class Logins {
    private final Authenticator authenticator;
    private final StaffManagement staff;
    private final AccountManagement accounts;
    private final List<OwnServices> ownServices;
    private final PasswordResets passwordResets;

    Logins(Authenticator authenticator, StaffManagement staff, AccountManagement accounts,
           List<OwnServices> ownServices, PasswordResets passwordResets) {
        this.authenticator = authenticator;
        this.passwordResets = passwordResets;
        this.staff = staff;
        this.accounts = accounts;
        this.ownServices = ownServices;
    }

    /**
     * A sign-in request; {@code accountId} chooses among several logins of one e-mail. {@code within}, when not null,
     * is the materialized path of the only subtree whose logins may sign in (a vendor's panel host, ADR 0035): any
     * other login is answered as an unknown e-mail is.
     */
    public record Credentials(String email, String password, UUID accountId, String tokenName,
                              Integer expiresInHours, String within, boolean panelSession) {
        public Credentials(String email, String password, UUID accountId, String tokenName, Integer expiresInHours) {
            this(email, password, accountId, tokenName, expiresInHours, null);
        }

        /** An API key: a token for the REST API, which needs the account's {@code API_ACCESS} licence and a seat. */
        public Credentials(String email, String password, UUID accountId, String tokenName, Integer expiresInHours,
                           String within) {
            this(email, password, accountId, tokenName, expiresInHours, within, false);
        }

        /** A panel session's token: the panel's own sign-in, which is no API key (ADR 0038). */
        public Credentials forPanelSession() {
            return new Credentials(email, password, accountId, tokenName, expiresInHours, within, true);
        }
    }

    public IssuedToken signIn(Credentials credentials, String clientAddress, String requestId) {
        return authenticator.signIn(credentials, clientAddress, requestId);
    }

    /** The caller behind a token (for the panels, whose session holds one), as the REST edge resolves it. */
    public java.util.Optional<Caller> authenticate(String token, String requestId) {
        return authenticator.authenticate(token, requestId);
    }

    /**
     * A vendor's staff member ({@code home}, with USERS_MANAGE) acting as one of the customer users or service users
     * of an account it covers ({@link Caller#actingAsUser}): 404 for a user outside its subtree, a staff member or a
     * user that is not active (it could not sign in either), 403 without USERS_MANAGE.
     */
    public Caller actAsUser(Caller home, UUID userId) {
        Caller target = authenticator.asUser(userId, home.requestId())
                .filter(user -> home.covers(user.accountPath()))
                .orElseThrow(io.cascade.shared.NotFoundException::new);
        home.require(io.cascade.shared.Privilege.USERS_MANAGE);
        return home.actingAsUser(target);
    }

    /** Ends a token (sign-out); unknown or already revoked tokens are ignored. */
    public void signOut(Caller caller) {
        if (caller.tokenId() != null) {
            authenticator.token(caller.tokenId()).ifPresent(owned -> authenticator.revoke(caller, owned));
        }
    }

    @org.springframework.transaction.annotation.Transactional
    public void acceptInvitation(String invitationToken, String password, String requestId) {
        Caller administrator = authenticator.acceptInvitation(invitationToken, password, requestId);
        accounts.activateOnFirstLogin(administrator, administrator.accountId());
    }

    /** Whom a one-time link (an invitation, a password reset) is for while it works: its e-mail and account name. */
    public record LinkHolder(String email, String companyName) {
        static LinkHolder of(Tokens.LinkHolder holder) {
            return new LinkHolder(holder.email(), holder.companyName());
        }
    }

    /** Whom a working invitation is for; empty when the token is unknown, used or expired. */
    public java.util.Optional<LinkHolder> invitation(String invitationToken) {
        return authenticator.invitation(invitationToken).map(LinkHolder::of);
    }

    /**
     * Asks for a link to set a new password, by e-mail. Answers the same whether or not the e-mail has a login; each
     * active login of the e-mail gets a link by mail. 429 {@code login-throttled} when the client address asked too
     * often (counted for every request, known e-mail or not).
     */
    public void requestPasswordReset(String email, String clientAddress, String requestId) {
        passwordResets.request(email, null, clientAddress, requestId);
    }

    /**
     * The same, restricted to the logins of one subtree ({@code within}: its materialized path, as on a vendor's panel
     * host); a login outside it gets no link, and the answer is the same.
     */
    public void requestPasswordReset(String email, String within, String clientAddress, String requestId) {
        passwordResets.request(email, within, clientAddress, requestId);
    }

    /** Whom a working password-reset link is for; empty when the token is unknown, used or expired. */
    public java.util.Optional<LinkHolder> passwordReset(String token) {
        return passwordReset(token, null);
    }

    /** The same, for a link whose user's account lies in the subtree at {@code within} (null: anywhere). */
    public java.util.Optional<LinkHolder> passwordReset(String token, String within) {
        return passwordResets.holder(token, within).map(LinkHolder::of);
    }

    /** Sets a new password with a password-reset link; the link works once and all the user's tokens end. */
    public void completePasswordReset(String token, String password, String requestId) {
        passwordResets.complete(token, null, password, requestId);
    }

    /** The same, for a link whose user's account lies in the subtree at {@code within}; any other is "unknown". */
    public void completePasswordReset(String token, String within, String password, String requestId) {
        passwordResets.complete(token, within, password, requestId);
    }

    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        authenticator.changePassword(caller, currentPassword, newPassword);
    }

    /**
     * Ends every other sign-in of the caller's user: all its tokens but the current one, and so all its other panel
     * sessions. Audited as {@code user.signed-out-everywhere}; answers how many tokens it revoked.
     */
    public int signOutEverywhere(Caller caller) {
        if (caller.userId() == null) {
            throw new NotFoundException();
        }
        return authenticator.signOutEverywhere(caller);
    }

    public List<TokenView> tokens(Caller caller, UUID userId) {
        staff.user(caller, userId);
        return authenticator.tokensOf(userId);
    }

    public void revoke(Caller caller, UUID tokenId) {
        var owned = authenticator.token(tokenId).orElseThrow(NotFoundException::new);
        if (!owned.token().userId().equals(caller.userId())) { // one's own tokens, whatever the scope's shape
            caller.requireCovers(owned.accountPath());
            caller.require(Privilege.USERS_MANAGE);
            List<String> beyond = staff.beyond(caller, owned.token().userId());
            if (!beyond.isEmpty()) {
                throw new RuleViolationException(Problem.USER_MORE_POWERFUL, "This token's user holds privileges "
                        + "you do not (" + String.join(", ", beyond) + "); you cannot revoke its tokens.");
            }
        }
        authenticator.revoke(caller, owned);
    }

    /** Who is calling: the user, its account and its privileges. */
    /** The caller; {@code services} lists what is bound to a service user (its mailbox), and is absent for others. */
    public record Me(UserView user, io.cascade.accounts.api.AccountView account, List<Privilege> privileges,
                     @com.fasterxml.jackson.annotation.JsonInclude(
                             com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<Object> services) {
    }

    public Me me(Caller caller) {
        UserView user = staff.user(caller, caller.userId());
        List<Object> services = caller.kind() != io.cascade.shared.UserKind.SERVICE_USER ? null
                : ownServices.stream().flatMap(s -> s.of(caller.userId()).stream()).map(Object.class::cast).toList();
        return new Me(user, accounts.own(caller), caller.privileges().stream().sorted().toList(), services);
    }
}
