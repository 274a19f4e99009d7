package io.cascade.identity.internal;

import io.cascade.accounts.api.AccountStatus;
import io.cascade.identity.api.PasswordResetRequested;
import io.cascade.identity.api.UserStatus;
import io.cascade.identity.api.UserView;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Forgotten passwords. A request names an e-mail and is answered the same whether or not the e-mail has a login: each
 * ACTIVE login of the e-mail whose account is ACTIVE gets a one-time link (a token stored as its SHA-256 digest,
 * expiring after {@code cascade.security.password-reset.ttl}) and {@code PasswordResetRequested}, which the messages
 * module turns into a mail. Requests are counted per e-mail (beyond {@code per-email} in 15 minutes no more links are
 * made, silently, known e-mail or not) and per client address (beyond {@code per-address} the answer is 429
 * {@code login-throttled}, known e-mail or not). Completing sets the new password, voids the user's other links and
 * revokes all its tokens (so every panel session ends), as a password change does.
 */
@Component
public class PasswordResets {
    private static final String INVALID = "is unknown, used or expired";

    private final Staff staff;
    private final Tokens tokens;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration ttl;
    private final int perEmail;
    private final int perAddress;

    PasswordResets(Staff staff, Tokens tokens, LoginThrottle throttle, PasswordEncoder passwords, AuditTrail audit,
                   TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock,
                   @Value("${cascade.security.password-reset.ttl:PT1H}") Duration ttl,
                   @Value("${cascade.security.password-reset.per-email:3}") int perEmail,
                   @Value("${cascade.security.password-reset.per-address:20}") int perAddress) {
        if (ttl.isNegative() || ttl.isZero() || perEmail < 1 || perAddress < 1) {
            throw new IllegalArgumentException("cascade.security.password-reset: ttl, per-email and per-address must "
                    + "be positive");
        }
        this.staff = staff;
        this.tokens = tokens;
        this.throttle = throttle;
        this.passwords = passwords;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.ttl = ttl;
        this.perEmail = perEmail;
        this.perAddress = perAddress;
    }

    /**
     * Sends a link to every active login of the e-mail, unless the e-mail or the client address asked too often.
     * Answers nothing either way: the caller cannot tell whether the e-mail has a login.
     */
    public void request(String email, String within, String clientAddress, String requestId) {
        throttle.overLimit("reset-address:" + clientAddress, perAddress)
                .ifPresent(seconds -> LoginThrottle.refuse("Too many password reset requests", seconds));
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        boolean tooOften = throttle.overLimit("reset:" + HexFormat.of().formatHex(Secrets.digest(normalized)),
                perEmail).isPresent();
        List<Staff.Credentials> logins = staff.credentials(normalized).stream()
                .filter(c -> c.userStatus() == UserStatus.ACTIVE && c.accountStatus() == AccountStatus.ACTIVE)
                .filter(c -> c.within(within))
                .toList();
        if (tooOften || logins.isEmpty()) {
            Secrets.digest(Secrets.newToken("pwr_")); // about the work of making a link, for the same answer time
            return;
        }
        transactions.executeWithoutResult(status -> logins.forEach(login -> issue(login, requestId)));
    }

    private void issue(Staff.Credentials login, String requestId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String token = Secrets.newToken("pwr_");
        tokens.insertPasswordReset(login.userId(), Secrets.digest(token), now, expiresAt);
        UserView user = staff.find(login.userId()).orElseThrow();
        audit.record(new AuditRecord(self(user, requestId), user.accountId(), user.accountPath(),
                "user.password-reset-requested", null, Map.of("expiresAt", expiresAt.toString())));
        events.publishEvent(new PasswordResetRequested(user.id(), user.accountId(), user.email(), token, expiresAt));
    }

    /** Whom a working link is for (its e-mail and account), for the page that asks for the new password. */
    public Optional<Tokens.LinkHolder> holder(String token, String within) {
        return usable(token) ? tokens.passwordResetHolder(Secrets.digest(token), clock.instant())
                .filter(holder -> within == null || holder.accountPath().startsWith(within)) : Optional.empty();
    }

    /**
     * Sets a new password with a link: 422 {@code invalid-input} on {@code token} when it is unknown, used or expired
     * (or its user no longer ACTIVE), on {@code password} when the policy refuses it; a refused attempt changes
     * nothing, so the link stays usable. Its user's other links are voided and all its tokens revoked.
     */
    public void complete(String token, String within, String password, String requestId) {
        if (!usable(token)) {
            throw new InvalidInputException("token", INVALID);
        }
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            UUID userId = tokens.redeemPasswordReset(Secrets.digest(token), now)
                    .orElseThrow(() -> new InvalidInputException("token", INVALID));
            UserView user = staff.find(userId).orElseThrow();
            if (user.status() != UserStatus.ACTIVE || (within != null && !user.accountPath().startsWith(within))) {
                throw new InvalidInputException("token", INVALID); // rolls the redemption back: the link stays usable
            }
            PasswordPolicy.check("password", password, user.email());
            staff.setPassword(userId, passwords.encode(password), now);
            tokens.dropPasswordResets(userId, now);
            int ended = tokens.revokeAllOfExcept(userId, null, now);
            throttle.clear(userId);
            audit.record(new AuditRecord(self(user, requestId), user.accountId(), user.accountPath(),
                    "user.password-reset", null, Map.of("tokensRevoked", ended)));
        });
    }

    private static boolean usable(String token) {
        return token != null && !token.isBlank() && token.length() <= 200;
    }

    /** The user itself, as the one who acts (it holds the link; no privileges). */
    private static Caller self(UserView user, String requestId) {
        return new Caller(user.id(), user.email(), user.accountId(), user.accountPath(), Set.of(), requestId, null);
    }
}
