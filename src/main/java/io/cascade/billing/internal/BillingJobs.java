package io.cascade.billing.internal;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.cascade.billing.api.BillingRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneOffset;

/**
 * Billing's jobs on the job engine: the daily run ({@code cascade.billing.cron}, environment CASCADE_BILLING_CRON, a
 * Spring cron expression in UTC; {@code -} turns it off), started on one node, and the chunks of a run
 * ({@link RunChunks}), which any node bills.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingJobs {
    static final TaskDescriptor<Void> CHUNK = TaskDescriptor.of("billing-chunk");
    private static final Logger log = LoggerFactory.getLogger(BillingJobs.class);

    @Bean
    CustomTask<Void> billingChunkJob(RunChunks chunks, BillingProperties properties) {
        // a chunk whose execution failed as a whole (the database gone for a moment) is tried again shortly
        return Tasks.custom(CHUNK).onDeadExecutionRevive()
                .onFailure((complete, operations) -> operations.reschedule(complete,
                        complete.getTimeDone().plus(properties.workerInterval())))
                .execute(chunks::execute);
    }

    @Bean
    RecurringTask<Void> dailyBillingRun(BillingRuns runs, BillingProperties properties) {
        return Tasks.recurring("billing-daily-run", Schedules.cron(properties.cron(), ZoneOffset.UTC))
                .execute((instance, context) -> runs.startScheduled()
                        .ifPresent(id -> log.info("Scheduled billing run {} started", id)));
    }
}
