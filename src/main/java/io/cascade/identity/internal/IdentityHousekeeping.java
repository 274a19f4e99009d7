package io.cascade.identity.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Identity's housekeeping, a recurring job on the job engine ({@code cascade.housekeeping.interval}): login-throttle
 * counters go when their window and block are over, API tokens 30 days after they expired or were revoked, used or
 * expired invitations and password-reset links after 30 days.
 */
@Configuration(proxyBeanMethods = false)
class IdentityHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(IdentityHousekeeping.class);

    @Bean
    RecurringTask<Void> identityCleanup(JdbcClient jdbc, Clock clock,
                                             @Value("${cascade.housekeeping.interval:PT15M}") Duration interval) {
        return Tasks.recurring("identity-housekeeping", Schedules.fixedDelay(interval))
                .execute((instance, context) -> purge(jdbc, clock.instant()));
    }

    static void purge(JdbcClient jdbc, Instant now) {
        Timestamp month = Timestamp.from(now.minus(Duration.ofDays(30)));
        int throttle = jdbc.sql("""
                        DELETE FROM login_throttle WHERE window_started_at < :window
                          AND (blocked_until IS NULL OR blocked_until < :now)""")
                .param("window", Timestamp.from(now.minus(Duration.ofMinutes(15))))
                .param("now", Timestamp.from(now)).update();
        int tokens = jdbc.sql("DELETE FROM api_token WHERE expires_at < :t OR revoked_at < :t")
                .param("t", month).update();
        int invitations = jdbc.sql("DELETE FROM invitation WHERE expires_at < :t OR used_at < :t")
                .param("t", month).update();
        int resets = jdbc.sql("DELETE FROM password_reset WHERE expires_at < :t OR used_at < :t")
                .param("t", month).update();
        if (throttle + tokens + invitations + resets > 0) {
            log.info("Housekeeping removed {} throttle counters, {} old tokens, {} old invitations, {} old password "
                    + "reset links", throttle, tokens, invitations, resets);
        }
    }
}
