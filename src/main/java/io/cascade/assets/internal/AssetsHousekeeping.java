package io.cascade.assets.internal;

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
 * The assets module's housekeeping, a recurring job ({@code cascade.housekeeping.interval}): the SIM usage records
 * keep to the usage records' retention ({@code cascade.usage.retention-months}), a month's partition at a time
 * (ADR 0046).
 */
@Configuration(proxyBeanMethods = false)
class AssetsHousekeeping {

    @Bean
    RecurringTask<Void> simUsageRetention(MonthlyPartitions partitions, UsageRetention retention,
                                          @Value("${cascade.housekeeping.interval:PT15M}") Duration interval) {
        return Tasks.recurring("assets-housekeeping", Schedules.fixedDelay(interval))
                .execute((instance, context) -> retention.apply(partitions, Assets.SIM_USAGE));
    }
}
