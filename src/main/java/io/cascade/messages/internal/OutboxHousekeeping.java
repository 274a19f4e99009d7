package io.cascade.messages.internal;

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
 * The outbox's retention, a recurring job on the job engine ({@code outbox-housekeeping}, every
 * {@code cascade.housekeeping.interval}): SENT and FAILED messages older than {@code cascade.messages.keep} (30 days)
 * are deleted, in batches of {@value #BATCH} rows so that no statement holds many locks or a long transaction. Pending,
 * sending and held messages are never deleted.
 */
@Configuration(proxyBeanMethods = false)
class OutboxHousekeeping {
    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(OutboxHousekeeping.class);

    @Bean
    RecurringTask<Void> outboxHousekeepingJob(JdbcClient jdbc, Clock clock, MessagesSettings settings,
                                              @Value("${cascade.housekeeping.interval:PT15M}") Duration interval) {
        return Tasks.recurring("outbox-housekeeping", Schedules.fixedDelay(interval))
                .execute((instance, context) -> purge(jdbc, clock.instant().minus(settings.keep)));
    }

    /**
     * Deletes the ended messages that were created and ended before {@code before}; answers how many. A FAILED message
     * ended at its last attempt ({@code next_attempt_at}), a SENT one when it was sent.
     */
    static int purge(JdbcClient jdbc, Instant before) {
        Timestamp cutoff = Timestamp.from(before);
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    DELETE FROM outbox_message WHERE id IN (
                        SELECT id FROM outbox_message
                         WHERE created_at < :cutoff AND status IN ('SENT', 'FAILED')
                           AND COALESCE(sent_at, next_attempt_at) < :cutoff
                         LIMIT :batch)
                    """).param("cutoff", cutoff).param("batch", BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Outbox housekeeping removed {} sent and failed messages created before {}", total, before);
        }
        return total;
    }
}
