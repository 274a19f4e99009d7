package io.cascade.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes what has outlived its purpose: idempotency records after 24 hours, login-throttle counters after their
 * window and block ended, API tokens 30 days after they expired or were revoked, used or expired invitations after
 * 30 days. Deleting is idempotent, so every node may run it.
 */
@Component
class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private final JdbcClient jdbc;
    private final Clock clock;

    Housekeeping(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${cascade.housekeeping.interval:PT15M}")
    void purge() {
        Instant now = clock.instant();
        Timestamp day = Timestamp.from(now.minus(Duration.ofHours(24)));
        Timestamp month = Timestamp.from(now.minus(Duration.ofDays(30)));
        int idempotency = jdbc.sql("DELETE FROM idempotency_record WHERE created_at < :t").param("t", day).update();
        int throttle = jdbc.sql("""
                        DELETE FROM login_throttle WHERE window_started_at < :window
                          AND (blocked_until IS NULL OR blocked_until < :now)""")
                .param("window", Timestamp.from(now.minus(Duration.ofMinutes(15))))
                .param("now", Timestamp.from(now)).update();
        int tokens = jdbc.sql("DELETE FROM api_token WHERE expires_at < :t OR revoked_at < :t")
                .param("t", month).update();
        int invitations = jdbc.sql("DELETE FROM invitation WHERE expires_at < :t OR used_at < :t")
                .param("t", month).update();
        if (idempotency + throttle + tokens + invitations > 0) {
            log.info("Housekeeping removed {} idempotency records, {} throttle counters, {} old tokens, {} old "
                    + "invitations", idempotency, throttle, tokens, invitations);
        }
    }
}
