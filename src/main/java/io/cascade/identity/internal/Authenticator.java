package io.cascade.identity.internal;

import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.identity.api.IssuedToken;
import io.cascade.identity.api.Logins;
import io.cascade.identity.api.TokenView;
import io.cascade.identity.api.UserStatus;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Passwords to tokens and tokens to callers. Wrong credentials answer the same 401 whatever was wrong, after the
 * same amount of hashing work, and count against the login throttle.
 */
@Component
public class Authenticator {

    private final Staff staff;
    private final Tokens tokens;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration defaultTtl;
    /** Checked against when the e-mail is unknown, so that the answer takes as long as for a known one. */
    private final String unknownUserHash;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Licences licences;

    Authenticator(Staff staff, Tokens tokens, LoginThrottle throttle, PasswordEncoder passwords, AuditTrail audit,
                  TransactionTemplate transactions, Clock clock,
                  @Value("${cascade.security.token-ttl:PT12H}") Duration defaultTtl,
                  org.springframework.context.ApplicationEventPublisher events, Licences licences) {
        this.licences = licences;
        this.events = events;
        this.staff = staff;
        this.tokens = tokens;
        this.throttle = throttle;
        this.passwords = passwords;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.unknownUserHash = passwords.encode(Secrets.newToken("unused-"));
    }

    /** A customer user or service user as the caller its own login would be (see {@link Tokens#asUser}). */
    public Optional<Caller> asUser(UUID userId, String requestId) {
        return tokens.asUser(userId, requestId);
    }

    /** The caller behind a token (a panel session's: no licence needed), or empty when it does not work. */
    public Optional<Caller> authenticate(String bearerToken, String requestId) {
        return authenticateBearer(bearerToken, requestId).map(Tokens.Authenticated::caller);
    }

    /**
     * The caller behind a bearer token of the REST API and whether its account may use the API (its
     * {@code API_ACCESS} licence, ADR 0038): one statement (ADR 0041).
     */
    Optional<Tokens.Authenticated> authenticateBearer(String bearerToken, String requestId) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 200) {
            return Optional.empty();
        }
        return tokens.authenticate(Secrets.digest(bearerToken), clock.instant(), requestId);
    }

    public IssuedToken signIn(Logins.Credentials credentials, String address, String requestId) {
        String email = credentials.email();
        throttle.requireNotBlocked(LoginThrottle.addressKey(address));
        // a login outside the subtree the sign-in is restricted to (a vendor's panel host) is not a candidate at all:
        // it is answered exactly as an unknown e-mail is, hashing work and throttling included
        List<Staff.Credentials> candidates = staff.credentials(email).stream()
                .filter(c -> credentials.accountId() == null || c.accountId().equals(credentials.accountId()))
                .filter(c -> c.within(credentials.within()))
                .toList();
        // every login of the e-mail takes one attempt before any password is checked; an e-mail without a login takes
        // one of its own, so that it is answered as a known one is, 429 included
        List<Staff.Credentials> tried = new java.util.ArrayList<>();
        List<Long> blocks = new java.util.ArrayList<>();
        boolean unknown = candidates.isEmpty();
        if (unknown) {
            throttle.attempt(LoginThrottle.unknownKey(email, credentials.accountId())).ifPresent(blocks::add);
        }
        for (Staff.Credentials candidate : candidates) {
            throttle.attempt(LoginThrottle.userKey(candidate.userId())).ifPresentOrElse(blocks::add,
                    () -> tried.add(candidate));
        }
        List<Staff.Credentials> matching = tried.stream()
                .filter(c -> c.passwordHash() != null && matches(credentials.password(), c.passwordHash()))
                .toList();
        if (tried.stream().noneMatch(c -> c.passwordHash() != null)) {
            matches(credentials.password(), unknownUserHash); // the same hashing work as for a known login
        }
        if (matching.isEmpty()) {
            throttle.countAddressFailure(address);
            if (!blocks.isEmpty()) {
                LoginThrottle.refuse(blocks.stream().max(Long::compare).orElseThrow());
            }
            throw new RuleViolationException(Problem.INVALID_CREDENTIALS, "The e-mail or password is wrong.");
        }
        matching.forEach(c -> throttle.clear(c.userId()));
        if (matching.size() > 1) {
            throw new RuleViolationException(Problem.ACCOUNT_CHOICE_REQUIRED,
                    "This e-mail signs in to several accounts; repeat the request with accountId.",
                    Map.of("accounts", matching.stream().map(Authenticator::choice).toList()));
        }
        Staff.Credentials login = matching.get(0);
        if (login.userStatus() != UserStatus.ACTIVE) {
            throw new RuleViolationException(Problem.USER_DISABLED, "This login is disabled.");
        }
        if (login.accountStatus() != AccountStatus.ACTIVE) {
            throw new RuleViolationException(Problem.ACCOUNT_INACTIVE,
                    "The account of this login is " + login.accountStatus() + "; sign-in is blocked.");
        }
        Duration ttl = credentials.expiresInHours() != null ? Duration.ofHours(credentials.expiresInHours()) : defaultTtl;
        String name = credentials.tokenName() != null ? credentials.tokenName() : "sign-in";
        return transactions.execute(status -> {
            if (!credentials.panelSession()) {
                licences.requireSeat(login.accountId(), Feature.API_ACCESS); // an API key takes a seat (ADR 0038)
            }
            return issue(login.userId(), login.accountId(), name, ttl, requestId, credentials.panelSession());
        });
    }

    /** One account a login may choose: its name, and its type and vendor to tell accounts of the same name apart. */
    private static Map<String, Object> choice(Staff.Credentials login) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("accountId", login.accountId());
        choice.put("companyName", login.companyName());
        choice.put("type", login.accountType());
        if (login.vendorName() != null) {
            choice.put("vendorName", login.vendorName());
        }
        return choice;
    }

    private IssuedToken issue(UUID userId, UUID accountId, String name, Duration ttl, String requestId,
                              boolean panelSession) {
        Instant now = clock.instant();
        String token = Secrets.newToken("cas_");
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(ttl);
        tokens.insert(id, userId, Secrets.digest(token), name, now, expiresAt, panelSession);
        staff.touchLogin(userId, now);
        var user = staff.find(userId).orElseThrow();
        Caller caller = new Caller(userId, user.email(), accountId, user.accountPath(), java.util.Set.of(),
                requestId, id);
        audit.record(new AuditRecord(caller, accountId, user.accountPath(), "token.created", null,
                Map.of("tokenId", id, "userId", userId, "name", name, "expiresAt", expiresAt.toString())));
        return new IssuedToken(token, id, expiresAt, userId, accountId);
    }

    /** bcrypt reads at most 72 bytes; a longer password can never match (and must not throw). */
    private boolean matches(String password, String hash) {
        if (password == null || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            passwords.matches("x", unknownUserHash);
            return false;
        }
        return passwords.matches(password, hash);
    }

    /** Whom a working invitation is for (its e-mail and account), for the page that asks for the password. */
    public Optional<Tokens.LinkHolder> invitation(String invitationToken) {
        return invitationToken == null || invitationToken.isBlank() || invitationToken.length() > 200
                ? Optional.empty() : tokens.invitationHolder(Secrets.digest(invitationToken), clock.instant());
    }

    public Caller acceptInvitation(String invitationToken, String password, String requestId) {
        return transactions.execute(status -> {
            if (invitationToken == null || invitationToken.length() > 200) {
                throw new InvalidInputException("token", "is not a valid invitation");
            }
            Instant now = clock.instant();
            UUID userId = tokens.redeemInvitation(Secrets.digest(invitationToken), now)
                    .orElseThrow(() -> new InvalidInputException("token", "is unknown, used or expired"));
            var user = staff.find(userId).orElseThrow();
            if (user.status() != UserStatus.INVITED) {
                throw new InvalidInputException("token", "is unknown, used or expired");
            }
            PasswordPolicy.check("password", password, user.email());
            staff.setPassword(userId, passwords.encode(password), now);
            Caller caller = new Caller(userId, user.email(), user.accountId(), user.accountPath(), java.util.Set.of(),
                    requestId, null);
            audit.record(new AuditRecord(caller, user.accountId(), user.accountPath(), "user.invitation-accepted",
                    Map.of("status", user.status()), Map.of("status", UserStatus.ACTIVE)));
            events.publishEvent(new io.cascade.identity.api.UserActivated(userId, user.accountId()));
            return caller;
        });
    }

    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        throttle.attempt(LoginThrottle.userKey(caller.userId())).ifPresent(LoginThrottle::refuse); // counted at once
        String hash = staff.passwordHash(caller.userId()).orElseThrow();
        if (!matches(currentPassword, hash)) {
            throw new InvalidInputException("currentPassword", "is wrong");
        }
        throttle.clear(caller.userId());
        PasswordPolicy.check("newPassword", newPassword, caller.email());
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            staff.setPassword(caller.userId(), passwords.encode(newPassword), now);
            tokens.dropPasswordResets(caller.userId(), now);
            int ended = tokens.revokeAllOfExcept(caller.userId(), caller.tokenId(), now);
            audit.record(new AuditRecord(caller, caller.homeAccountId(), homePath(caller), "user.password-changed",
                    null, Map.of("otherTokensRevoked", ended)));
        });
    }

    /**
     * Signs the caller's user out everywhere else: every token but the one of this request is revoked, and with them
     * the panel sessions that hold them (a session ends on its next request). Answers how many were revoked.
     */
    public int signOutEverywhere(Caller caller) {
        return transactions.execute(status -> {
            int ended = tokens.revokeAllOfExcept(caller.userId(), caller.tokenId(), clock.instant());
            audit.record(new AuditRecord(caller, caller.homeAccountId(), homePath(caller),
                    "user.signed-out-everywhere", null, Map.of("otherTokensRevoked", ended)));
            return ended;
        });
    }

    /** The path of the account the caller's user belongs to (its home, also while acting on behalf). */
    private String homePath(Caller caller) {
        return caller.actingOnBehalf() ? staff.find(caller.userId()).orElseThrow().accountPath() : caller.accountPath();
    }

    public List<TokenView> tokensOf(UUID userId) {
        return tokens.forUser(userId);
    }

    public Optional<Tokens.OwnedToken> token(UUID tokenId) {
        return tokens.find(tokenId);
    }

    public void revoke(Caller caller, Tokens.OwnedToken owned) {
        if (owned.token().revokedAt() != null) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            tokens.revoke(owned.token().id(), clock.instant());
            audit.record(new AuditRecord(caller, owned.accountId(), owned.accountPath(), "token.revoked",
                    owned.token(), null));
        });
    }
}
