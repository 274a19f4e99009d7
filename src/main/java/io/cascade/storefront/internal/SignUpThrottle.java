package io.cascade.storefront.internal;

import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sign-ups counted per client address and per e-mail in a fixed window ({@code cascade.storefront.throttle-window},
 * default an hour), on the database so that every node counts alike. Every attempt counts, accepted or not, in its
 * own transaction (a refused sign-up rolls back, its count stays). Over the limit: 429 {@code sign-up-throttled} with
 * {@code Retry-After} until the window ends.
 */
@Component
public class SignUpThrottle {
    private static final String COUNT = """
            INSERT INTO storefront_throttle AS t (key, attempts, window_start) VALUES (:key, 1, :now)
            ON CONFLICT (key) DO UPDATE SET
              attempts = CASE WHEN t.window_start <= :windowStart THEN 1 ELSE t.attempts + 1 END,
              window_start = CASE WHEN t.window_start <= :windowStart THEN :now ELSE t.window_start END
            RETURNING attempts, window_start""";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final int perAddress;
    private final int perEmail;
    private final Duration window;

    SignUpThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                   @Value("${cascade.storefront.sign-ups-per-address:10}") int perAddress,
                   @Value("${cascade.storefront.sign-ups-per-email:3}") int perEmail,
                   @Value("${cascade.storefront.throttle-window:PT1H}") Duration window) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.perAddress = perAddress;
        this.perEmail = perEmail;
        this.window = window;
    }

    /** Counts an attempt from this client address; refuses it over the limit. */
    public void address(String clientAddress) {
        count("address:" + clientAddress, perAddress);
    }

    /** Counts an attempt for this e-mail (with any vendor); refuses it over the limit. */
    public void email(String email) {
        count("email:" + email.toLowerCase(java.util.Locale.ROOT), perEmail);
    }

    private void count(String key, int limit) {
        Instant now = clock.instant();
        Counted counted = ownTransaction.execute(status -> jdbc.sql(COUNT)
                .param("key", key.length() > 300 ? key.substring(0, 300) : key).param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(window)))
                .query((rs, n) -> new Counted(rs.getInt("attempts"), rs.getTimestamp("window_start").toInstant()))
                .single());
        if (counted.attempts() > limit) {
            long seconds = Math.max(1, Duration.between(now, counted.windowStart().plus(window)).toSeconds() + 1);
            throw new RuleViolationException(Problem.SIGN_UP_THROTTLED,
                    "Too many sign-ups; try again in " + seconds + " seconds.", Map.of("retryAfterSeconds", seconds));
        }
    }

    private record Counted(int attempts, Instant windowStart) {
    }
}
