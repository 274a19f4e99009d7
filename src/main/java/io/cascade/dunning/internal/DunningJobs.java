package io.cascade.dunning.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneOffset;

/**
 * Dunning's job on the job engine: the daily evaluation ({@code cascade.dunning.cron}, environment CASCADE_DUNNING_CRON,
 * a Spring cron expression in UTC, default 02:00, after the daily billing run; {@code -} turns it off). A recurring
 * job of db-scheduler runs once per due time across all nodes.
 */
@Configuration(proxyBeanMethods = false)
class DunningJobs {

    @Bean
    RecurringTask<Void> dailyDunning(DunningEvaluation evaluation,
                                     @Value("${cascade.dunning.cron:0 0 2 * * *}") String cron) {
        return Tasks.recurring("dunning-daily", Schedules.cron(cron, ZoneOffset.UTC))
                .execute((instance, context) -> evaluation.evaluate());
    }
}
