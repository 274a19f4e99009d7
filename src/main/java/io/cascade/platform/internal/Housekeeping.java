package io.cascade.platform.internal;

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

/**
 * The platform's own housekeeping, a recurring job ({@code cascade.housekeeping.interval}): idempotency records go
 * after 24 hours. (Each module cleans its own tables in its own job.)
 */
@Configuration(proxyBeanMethods = false)
class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    @Bean
    RecurringTask<Void> idempotencyRecordsHousekeeping(JdbcClient jdbc, Clock clock,
                                                       @Value("${cascade.housekeeping.interval:PT15M}")
                                                       Duration interval) {
        return Tasks.recurring("platform-housekeeping", Schedules.fixedDelay(interval)).execute((instance, context) -> {
            int removed = jdbc.sql("DELETE FROM idempotency_record WHERE created_at < :t")
                    .param("t", Timestamp.from(clock.instant().minus(Duration.ofHours(24)))).update();
            if (removed > 0) {
                log.info("Housekeeping removed {} idempotency records", removed);
            }
        });
    }
}
