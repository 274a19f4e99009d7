package io.cascade.usage.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.cascade.platform.api.MonthlyPartitions;
import io.cascade.usage.api.UsageRetention;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The usage module's housekeeping, a recurring job ({@code cascade.housekeeping.interval}): usage records keep to
 * their retention ({@code cascade.usage.retention-months}), a month's partition at a time, and the partitions of the
 * months kept and of next month exist before records arrive for them (ADR 0046).
 */
@Configuration(proxyBeanMethods = false)
class UsageHousekeeping {

    @Bean
    RecurringTask<Void> usageRecordsRetention(MonthlyPartitions partitions, UsageRetention retention,
                                              @Value("${cascade.housekeeping.interval:PT15M}") Duration interval) {
        return Tasks.recurring("usage-housekeeping", Schedules.fixedDelay(interval))
                .execute((instance, context) -> retention.apply(partitions, UsageStore.RECORDS));
    }
}
