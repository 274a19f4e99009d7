package io.cascade.identity.internal;

import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Slows down password guessing, in the database so that every node sees the same counts. Failures are counted per
 * login (e-mail) and per client address within a 15-minute window; past a threshold each further failure blocks that
 * key for twice as long as the one before (1 s, 2 s, 4 s ... at most 15 minutes). A blocked key answers 429 with
 * Retry-After, even for the right password. A successful login clears its e-mail's count.
 */
@Component
class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration MAX_BLOCK = Duration.ofMinutes(15);

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

    void checkAllowed(String email, String address) {
        Instant now = clock.instant();
        for (String key : new String[]{loginKey(email), addressKey(address)}) {
            jdbc.sql("SELECT blocked_until FROM login_throttle WHERE key = :key").param("key", key)
                    .query(Timestamp.class).optional()
                    .filter(until -> until != null && until.toInstant().isAfter(now))
                    .ifPresent(until -> {
                        long seconds = Math.max(1, Duration.between(now, until.toInstant()).toSeconds() + 1);
                        throw new RuleViolationException(429, "login-throttled",
                                "Too many failed sign-ins; try again in " + seconds + " seconds.",
                                Map.of("retryAfterSeconds", seconds));
                    });
        }
    }

    void failed(String email, String address) {
        record(loginKey(email), perLogin);
        record(addressKey(address), perAddress);
    }

    void succeeded(String email) {
        jdbc.sql("DELETE FROM login_throttle WHERE key = :key").param("key", loginKey(email)).update();
    }

    private void record(String key, int threshold) {
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
            long seconds = Math.min(MAX_BLOCK.toSeconds(), 1L << Math.min(20, failures - threshold));
            jdbc.sql("UPDATE login_throttle SET blocked_until = :until WHERE key = :key")
                    .param("until", Timestamp.from(now.plusSeconds(seconds))).param("key", key).update();
        }
    }

    private static String loginKey(String email) {
        return "login:" + (email == null ? "" : email.toLowerCase());
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
