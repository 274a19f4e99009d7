package io.cascade.identity;

import io.cascade.accounts.AccountManagement;
import io.cascade.identity.internal.Authenticator;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.UUID;

/**
 * Signing in and the tokens it yields, invitations, own password changes. Token listing and revocation follow the
 * subtree rule: your own tokens always, other users' tokens with USERS_READ / USERS_MANAGE over their account.
 */
@Service
public class Logins {
    private final Authenticator authenticator;
    private final StaffManagement staff;
    private final AccountManagement accounts;

    Logins(Authenticator authenticator, StaffManagement staff, AccountManagement accounts) {
        this.authenticator = authenticator;
        this.staff = staff;
        this.accounts = accounts;
    }

    /** A sign-in request; {@code accountId} chooses among several logins of one e-mail. */
    public record Credentials(String email, String password, UUID accountId, String tokenName,
                              Integer expiresInHours) {
    }

    public IssuedToken signIn(Credentials credentials, String clientAddress, String requestId) {
        return authenticator.signIn(credentials, clientAddress, requestId);
    }

    /** The caller behind a token (for the panels, whose session holds one), as the REST edge resolves it. */
    public java.util.Optional<Caller> authenticate(String token, String requestId) {
        return authenticator.authenticate(token, requestId);
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

    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        authenticator.changePassword(caller, currentPassword, newPassword);
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
        }
        authenticator.revoke(caller, owned);
    }

    /** Who is calling: the user, its account and its privileges. */
    public record Me(UserView user, io.cascade.accounts.AccountView account, List<Privilege> privileges) {
    }

    public Me me(Caller caller) {
        UserView user = staff.user(caller, caller.userId());
        return new Me(user, accounts.own(caller), caller.privileges().stream().sorted().toList());
    }
}
