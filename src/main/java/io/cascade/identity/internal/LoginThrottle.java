package io.cascade.identity.internal;

import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Slows down password guessing, in the database so that every node sees the same counts. Failures are counted per
 * login (one user of one account) and per client address within a 15-minute window. An attempt is counted against a
 * login before its password is checked — so parallel guesses all count — and cleared when that login's password
 * matched. Past a threshold the key is blocked: 30 s, then twice as long at each further failure, at most 15
 * minutes. A blocked login takes no part in sign-in until the block ends; the answer is 429 with Retry-After.
 */
@Component
class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    private static final long FIRST_BLOCK_SECONDS = 30;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int perLogin;
    private final int perAddress;

    LoginThrottle(JdbcClient jdbc, Clock clock,
                  @Value("${cascade.security.login.failures-per-login:5}") int perLogin,
                  @Value("${cascade.security.login.failures-per-address:50}") int perAddress) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perLogin = perLogin;
        this.perAddress = perAddress;
    }

    static String userKey(UUID userId) {
        return "user:" + userId;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** Seconds until the key's block ends, if it is blocked now. */
    Optional<Long> blockedFor(String key) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT blocked_until FROM login_throttle WHERE key = :key").param("key", key)
                .query(Timestamp.class).optional()
                .filter(until -> until != null && until.toInstant().isAfter(now))
                .map(until -> Math.max(1, Duration.between(now, until.toInstant()).toSeconds() + 1));
    }

    void requireNotBlocked(String key) {
        blockedFor(key).ifPresent(LoginThrottle::refuse);
    }

    static void refuse(long seconds) {
        throw new RuleViolationException(Problem.LOGIN_THROTTLED,
                "Too many failed sign-ins; try again in " + seconds + " seconds.",
                Map.of("retryAfterSeconds", seconds));
    }

    /** Counts an attempt (a failure until {@link #clear} says otherwise) against each login. */
    void countAttempt(Collection<UUID> userIds) {
        userIds.forEach(id -> count(userKey(id), perLogin));
    }

    void countAddressFailure(String address) {
        count(addressKey(address), perAddress);
    }

    void clear(UUID userId) {
        jdbc.sql("DELETE FROM login_throttle WHERE key = :key").param("key", userKey(userId)).update();
    }

    private void count(String key, int threshold) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                        INSERT INTO login_throttle (key, failures, window_started_at) VALUES (:key, 1, :now)
                        ON CONFLICT (key) DO UPDATE SET
                          failures = CASE WHEN login_throttle.window_started_at < :windowStart
                                          THEN 1 ELSE login_throttle.failures + 1 END,
                          window_started_at = CASE WHEN login_throttle.window_started_at < :windowStart
                                          THEN :now ELSE login_throttle.window_started_at END
                        RETURNING failures""")
                .param("key", key).param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(WINDOW)))
                .query(Integer.class).single();
        if (failures >= threshold) {
            long seconds = Math.min(MAX_BLOCK.toSeconds(),
                    FIRST_BLOCK_SECONDS << Math.min(20, failures - threshold));
            jdbc.sql("UPDATE login_throttle SET blocked_until = :until WHERE key = :key")
                    .param("until", Timestamp.from(now.plusSeconds(seconds))).param("key", key).update();
        }
    }

    List<UUID> notBlocked(List<UUID> userIds) {
        return userIds.stream().filter(id -> blockedFor(userKey(id)).isEmpty()).toList();
    }
}
