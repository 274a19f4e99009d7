package io.cascade.identity.internal;

import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Slows down password guessing, in the database so that every node sees the same counts. Failures are counted per
 * login (one user of one account; for an e-mail with no login, per e-mail, so that an unknown address answers
 * exactly like a known one) and per client address within a 15-minute window. A login's attempt is taken before its
 * password is checked, in a transaction of its own that locks the login's row: parallel guesses queue there, each is
 * counted, and only those taken before the threshold is reached get their password checked; a matching password
 * clears the login's count. Past the threshold the key is blocked: 30 s, then twice as long at each further failure,
 * at most 15 minutes. A blocked login takes no part in sign-in until the block ends; the answer is 429 with
 * Retry-After.
 */
@Component
class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    private static final long FIRST_BLOCK_SECONDS = 30;

    /** Counts one more failure (or request) of {@code :key}, in a fresh window when the last one is over. */
    private static final String COUNT = """
            INSERT INTO login_throttle (key, failures, window_started_at) VALUES (:key, 1, :now)
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN login_throttle.window_started_at < :windowStart
                              THEN 1 ELSE login_throttle.failures + 1 END,
              window_started_at = CASE WHEN login_throttle.window_started_at < :windowStart
                              THEN :now ELSE login_throttle.window_started_at END""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int perLogin;
    private final int perAddress;

    LoginThrottle(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
                  @Value("${cascade.security.login.failures-per-login:5}") int perLogin,
                  @Value("${cascade.security.login.failures-per-address:50}") int perAddress) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.perLogin = perLogin;
        this.perAddress = perAddress;
    }

    static String userKey(UUID userId) {
        return "user:" + userId;
    }

    /**
     * The key of an e-mail that has no login (in the named account, if one is named): counted like a login, so that
     * it is throttled at the same count as a known one. Only a digest of the e-mail is stored.
     */
    static String unknownKey(String email, UUID accountId) {
        String normalized = (email == null ? "" : email.toLowerCase(java.util.Locale.ROOT))
                + (accountId == null ? "" : "|" + accountId);
        return "unknown:" + java.util.HexFormat.of().formatHex(Secrets.digest(normalized));
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
        refuse("Too many failed sign-ins", seconds);
    }

    static void refuse(String what, long seconds) {
        throw new RuleViolationException(Problem.LOGIN_THROTTLED, what + "; try again in " + seconds + " seconds.",
                Map.of("retryAfterSeconds", seconds));
    }

    /**
     * Takes one attempt of a login, atomically across requests and nodes: the key's row is locked, and unless the key
     * is blocked the attempt is counted (a failure until {@link #clear} says otherwise), blocking the key when it
     * reaches the threshold. Empty when the attempt may go on (its password be checked); else the seconds until the
     * block ends, and nothing is counted.
     */
    Optional<Long> attempt(String key) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            jdbc.sql("""
                            INSERT INTO login_throttle (key, failures, window_started_at) VALUES (:key, 0, :now)
                            ON CONFLICT (key) DO NOTHING""")
                    .param("key", key).param("now", Timestamp.from(now)).update();
            State state = jdbc.sql("""
                            SELECT failures, window_started_at, blocked_until FROM login_throttle
                            WHERE key = :key FOR UPDATE""")
                    .param("key", key)
                    .query((rs, n) -> new State(rs.getInt("failures"), rs.getTimestamp("window_started_at").toInstant(),
                            rs.getTimestamp("blocked_until") == null ? null : rs.getTimestamp("blocked_until").toInstant()))
                    .single();
            if (state.blockedUntil() != null && state.blockedUntil().isAfter(now)) {
                return Optional.of(Math.max(1, Duration.between(now, state.blockedUntil()).toSeconds() + 1));
            }
            boolean fresh = state.windowStartedAt().isBefore(now.minus(WINDOW));
            int failures = fresh ? 1 : state.failures() + 1;
            jdbc.sql("""
                            UPDATE login_throttle SET failures = :failures, window_started_at = :started,
                                   blocked_until = :until WHERE key = :key""")
                    .param("failures", failures)
                    .param("started", Timestamp.from(fresh ? now : state.windowStartedAt()))
                    .param("until", failures >= perLogin ? Timestamp.from(now.plusSeconds(blockSeconds(failures,
                            perLogin))) : null)
                    .param("key", key).update();
            return Optional.<Long>empty();
        });
    }

    private record State(int failures, Instant windowStartedAt, Instant blockedUntil) {
    }

    private static long blockSeconds(int failures, int threshold) {
        return Math.min(MAX_BLOCK.toSeconds(), FIRST_BLOCK_SECONDS << Math.min(20, failures - threshold));
    }

    void countAddressFailure(String address) {
        count(addressKey(address), perAddress);
    }

    /**
     * Counts one request of the key in its 15-minute window (one statement, so parallel requests on any node are
     * each counted). Empty while at most {@code limit} requests were counted in the window; else the seconds until
     * the window ends.
     */
    Optional<Long> overLimit(String key, int limit) {
        Instant now = clock.instant();
        State counted = jdbc.sql(COUNT + " RETURNING failures, window_started_at")
                .param("key", key).param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(WINDOW)))
                .query((rs, n) -> new State(rs.getInt("failures"), rs.getTimestamp("window_started_at").toInstant(),
                        null))
                .single();
        return counted.failures() <= limit ? Optional.empty() : Optional.of(Math.max(1,
                Duration.between(now, counted.windowStartedAt().plus(WINDOW)).toSeconds() + 1));
    }

    void clear(UUID userId) {
        jdbc.sql("DELETE FROM login_throttle WHERE key = :key").param("key", userKey(userId)).update();
    }

    private void count(String key, int threshold) {
        Instant now = clock.instant();
        int failures = jdbc.sql(COUNT + " RETURNING failures")
                .param("key", key).param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(WINDOW)))
                .query(Integer.class).single();
        if (failures >= threshold) {
            long seconds = blockSeconds(failures, threshold);
            jdbc.sql("UPDATE login_throttle SET blocked_until = :until WHERE key = :key")
                    .param("until", Timestamp.from(now.plusSeconds(seconds))).param("key", key).update();
        }
    }
}
